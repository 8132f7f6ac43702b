package io.assay.lake.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * HiveServer2's CUSTOM authentication: the one configured user and password. HiveServer2 creates
 * this class by name, so the expected credentials are handed over through {@link #expect} rather
 * than the Hive configuration, which connected users could read back with {@code SET}.
 */
public final class PasswordCheck implements PasswdAuthenticationProvider {
  private static volatile byte[] expectedUser;
  private static volatile byte[] expectedPassword;

  static void expect(String user, String password) {
    expectedUser = user.getBytes(StandardCharsets.UTF_8);
    expectedPassword = password.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void Authenticate(String user, String password) throws AuthenticationException {
    byte[] wantUser = expectedUser;
    byte[] wantPassword = expectedPassword;
    boolean userMatches = wantUser != null && user != null && MessageDigest.isEqual(wantUser, user.getBytes(StandardCharsets.UTF_8));
    boolean passwordMatches = wantPassword != null && password != null
        && MessageDigest.isEqual(wantPassword, password.getBytes(StandardCharsets.UTF_8));
    if (!(userMatches && passwordMatches)) {
      throw new AuthenticationException("wrong user or password for the Assay SQL endpoint");
    }
  }
}
