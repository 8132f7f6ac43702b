package io.assay.lake;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.lake.sql.SqlEndpointSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlEndpointSettingsTest {
  private static SqlEndpointSettings open(String host) {
    return new SqlEndpointSettings(host, 10000, Optional.empty(), Optional.empty(), false);
  }

  @Test
  void loopbackNeedsNoCredentials() {
    assertDoesNotThrow(() -> open("127.0.0.1").checkSafeToBind());
    assertDoesNotThrow(() -> open("localhost").checkSafeToBind());
  }

  @Test
  void anyOtherAddressWithoutCredentialsIsRefusedSayingWhatToSet() {
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> open("0.0.0.0").checkSafeToBind());
    assertTrue(refused.getMessage().contains("refusing to serve SQL on 0.0.0.0:10000 without credentials"), refused.getMessage());
    assertTrue(refused.getMessage().contains("ASSAY_SQL_USER") && refused.getMessage().contains("--insecure"), refused.getMessage());
  }

  @Test
  void credentialsOrAnExplicitInsecureChoiceAllowOtherAddresses() {
    assertDoesNotThrow(() -> new SqlEndpointSettings("0.0.0.0", 10000, Optional.of("analyst"), Optional.of("s3cret"), false).checkSafeToBind());
    assertDoesNotThrow(() -> open("0.0.0.0").with(Optional.empty(), Optional.empty(), true).checkSafeToBind());
  }

  @Test
  void halfACredentialOrABadPortIsAClearError() {
    IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
        () -> new SqlEndpointSettings("127.0.0.1", 10000, Optional.of("analyst"), Optional.empty(), false));
    assertTrue(half.getMessage().contains("ASSAY_SQL_PASSWORD"), half.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SqlEndpointSettings("127.0.0.1", 70000, Optional.empty(), Optional.empty(), false));
  }

  @Test
  void tablesFallIntoOneDatabasePerLayerAndInternalOnesIntoNone() {
    assertEquals(Optional.of("assay_bronze"), LakeDatabases.of("bronze_orders"));
    assertEquals(Optional.of("assay_bronze"), LakeDatabases.of(LakeLayout.DLQ_TABLE));
    assertEquals(Optional.of("assay_silver"), LakeDatabases.of("silver_payments"));
    assertEquals(Optional.of("assay_gold"), LakeDatabases.of("gold_daily_order_revenue"));
    assertEquals(Optional.of("assay_ops"), LakeDatabases.of(LakeLayout.METRICS_TABLE));
    assertEquals(Optional.of("assay_ops"), LakeDatabases.of(LakeLayout.QUALITY_RESULTS_TABLE));
    assertEquals(Optional.empty(), LakeDatabases.of(LakeLayout.MODEL_STATE_TABLE));
  }
}
