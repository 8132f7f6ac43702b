package io.assay.stack.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * How the embedded registry listens: on which address, how large a request it reads, and whom it
 * lets in. Bound anywhere but the loopback interface it must have credentials: it would otherwise
 * let anyone on the network register schemas.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default; {@code 0.0.0.0} for every interface
 * @param maxRequestBytes larger request bodies are refused with 413 before they are read
 * @param credentials basic-auth user and password every request must carry; required off loopback
 */
public record RegistryServerOptions(String host, int maxRequestBytes, Optional<RegistryCredentials> credentials) {
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

  public RegistryServerOptions {
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("the registry's request limit must be at least 1024 bytes, got " + maxRequestBytes);
    }
    if (credentials.isEmpty() && !address(host).isLoopbackAddress()) {
      throw new IllegalArgumentException("the schema registry may listen on " + host + " only with basic auth:"
          + " set ASSAY_REGISTRY_API_KEY and ASSAY_REGISTRY_API_SECRET, or keep it on 127.0.0.1");
    }
  }

  /** Loopback, 1 MiB, no auth: the local default. */
  public static RegistryServerOptions loopback() {
    return new RegistryServerOptions(InetAddress.getLoopbackAddress().getHostAddress(), DEFAULT_MAX_REQUEST_BYTES, Optional.empty());
  }

  InetAddress address() {
    return address(host);
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("the schema registry cannot listen on unknown host '" + host + "'", e);
    }
  }
}
