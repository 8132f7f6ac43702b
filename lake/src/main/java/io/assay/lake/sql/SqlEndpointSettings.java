package io.assay.lake.sql;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the SQL endpoint listens and who may use it. On the loopback address it needs nothing; bound
 * anywhere else it needs a user and password, or an explicit {@code insecure} choice.
 *
 * @param host address to bind (127.0.0.1 by default)
 * @param port TCP port (10000 by default; 0 picks a free one)
 * @param user the one user allowed in, when credentials are set
 * @param password that user's password
 * @param insecure the operator's explicit choice to accept anyone on a non-loopback address
 */
public record SqlEndpointSettings(String host, int port, Optional<String> user, Optional<String> password, boolean insecure) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 10000;

  public SqlEndpointSettings {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("SQL endpoint port " + port + " is not a TCP port (0-65535)");
    }
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("set both ASSAY_SQL_USER and ASSAY_SQL_PASSWORD, or neither");
    }
  }

  public boolean hasCredentials() {
    return user.isPresent();
  }

  public SqlEndpointSettings with(Optional<String> newHost, Optional<Integer> newPort, boolean newInsecure) {
    return new SqlEndpointSettings(newHost.orElse(host), newPort.orElse(port), user, password, insecure || newInsecure);
  }

  /**
   * Refuses an open endpoint on a reachable address: throws with what to set, before anything starts.
   */
  public void checkSafeToBind() {
    if (loopback() || hasCredentials() || insecure) {
      return;
    }
    throw new IllegalStateException("refusing to serve SQL on " + host + ":" + port
        + " without credentials: anyone who can reach that address could read every table. Set ASSAY_SQL_USER and"
        + " ASSAY_SQL_PASSWORD (clients then log in with them), bind to 127.0.0.1 (the default), or pass --insecure"
        + " if the network is already closed to others");
  }

  public boolean loopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve the SQL endpoint's host '" + host + "'", e);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port + (hasCredentials() ? " (user " + user.get() + ")" : insecure && !loopback() ? " (insecure)" : "");
  }
}
