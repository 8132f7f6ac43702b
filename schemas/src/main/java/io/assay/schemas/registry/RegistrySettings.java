package io.assay.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a schema registry lives and how to talk to it.
 *
 * <p>Basic auth is Confluent Cloud's scheme: the API key is the user, the API secret the password.
 * {@link #toString()} never prints the password, so settings are safe to log.
 */
public record RegistrySettings(
    URI url, Optional<String> basicAuthUser, Optional<String> basicAuthPassword, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public RegistrySettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(basicAuthUser, "basicAuthUser: use Optional.empty() for no auth");
    Objects.requireNonNull(basicAuthPassword, "basicAuthPassword: use Optional.empty() for no auth");
    Objects.requireNonNull(timeout, "timeout");
    String scheme = url.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
      throw new IllegalArgumentException(
          "schema registry URL must look like http://host:port or https://host, got: " + url);
    }
    if (basicAuthUser.isPresent() != basicAuthPassword.isPresent()) {
      throw new IllegalArgumentException(
          "basic auth needs both a user (API key) and a password (API secret): set both or neither");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("registry timeout must be positive, got " + timeout);
    }
  }

  /** A registry without auth and with the default 10 s timeout. */
  public static RegistrySettings of(String url) {
    Objects.requireNonNull(url, "url");
    try {
      return new RegistrySettings(URI.create(url.trim()), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "schema registry URL '" + url + "' is not valid (" + e.getMessage() + "): use e.g. http://localhost:8081", e);
    }
  }

  public RegistrySettings withBasicAuth(String user, String password) {
    return new RegistrySettings(url, Optional.of(user), Optional.of(password), timeout);
  }

  public RegistrySettings withTimeout(Duration newTimeout) {
    return new RegistrySettings(url, basicAuthUser, basicAuthPassword, newTimeout);
  }

  @Override
  public String toString() {
    return "RegistrySettings[url=" + url
        + ", basicAuthUser=" + basicAuthUser.orElse("<none>")
        + ", basicAuthPassword=" + basicAuthPassword.map(p -> "***").orElse("<none>")
        + ", timeout=" + timeout + "]";
  }
}
