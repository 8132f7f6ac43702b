package io.assay.stack.registry;

/** The registry's port is held by another process (often an earlier registry still running). */
public final class RegistryPortInUseException extends RuntimeException {

  private final int port;

  public RegistryPortInUseException(int port, Throwable cause) {
    super("port " + port + " is already in use: stop whatever holds it or choose another port"
        + " (--registry-port / ASSAY_REGISTRY_PORT)", cause);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
