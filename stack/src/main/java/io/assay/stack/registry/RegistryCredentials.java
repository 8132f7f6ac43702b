package io.assay.stack.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/** The one user allowed in by HTTP basic auth, as Confluent's registry takes an API key and secret. */
public record RegistryCredentials(String user, String password) {
  public RegistryCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isEmpty() || password.isEmpty()) {
      throw new IllegalArgumentException("registry credentials need a non-empty user and password");
    }
  }

  /** Whether an {@code Authorization} header carries these credentials (compared in constant time). */
  boolean accept(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    return MessageDigest.isEqual(expected, given);
  }

  @Override
  public String toString() {
    return "RegistryCredentials[user=" + user + ", password=***]";
  }
}
