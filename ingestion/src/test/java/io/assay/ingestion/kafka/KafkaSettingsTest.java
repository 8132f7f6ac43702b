package io.assay.ingestion.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  private static Properties props(String mechanism, String user, String password) {
    return new KafkaSettings("broker:9098", "SASL_SSL", Optional.ofNullable(mechanism), Optional.ofNullable(user),
        Optional.ofNullable(password), 4, (short) 3).clientProperties();
  }

  @Test
  void confluentCloudApiKeyLogsInWithPlain() {
    Properties props = props("PLAIN", "KEY", "SECRET");
    assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"KEY\" password=\"SECRET\";",
        props.getProperty("sasl.jaas.config"));
  }

  @Test
  void mskScramLogsInWithScram() {
    Properties props = props("SCRAM-SHA-512", "alice", "pw");
    assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"pw\";",
        props.getProperty("sasl.jaas.config"));
  }

  @Test
  void mskIamUsesAwsLoginModuleAndNoPassword() {
    Properties props = props("AWS_MSK_IAM", null, null);
    assertEquals("AWS_MSK_IAM", props.getProperty("sasl.mechanism"));
    assertEquals("software.amazon.msk.auth.iam.IAMLoginModule required;", props.getProperty("sasl.jaas.config"));
    assertEquals("software.amazon.msk.auth.iam.IAMClientCallbackHandler", props.getProperty("sasl.client.callback.handler.class"));
  }

  @Test
  void plaintextHasNoSasl() {
    Properties props = KafkaSettings.plaintext("127.0.0.1:9092", 4).clientProperties();
    assertFalse(props.containsKey("sasl.jaas.config"));
    assertEquals("PLAINTEXT", props.getProperty("security.protocol"));
  }
}
