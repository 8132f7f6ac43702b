package io.assay.ingestion.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How to reach Kafka: the embedded broker (PLAINTEXT) or any cluster, including Confluent Cloud
 * (SASL_SSL + PLAIN), MSK with SCRAM (SCRAM-SHA-512 + user and password) and MSK with IAM
 * (AWS_MSK_IAM, credentials from the AWS default chain; needs AWS's aws-msk-iam-auth jar on the
 * classpath). Secrets come from the environment only and never print.
 */
public record KafkaSettings(
    String bootstrapServers,
    String securityProtocol,
    Optional<String> saslMechanism,
    Optional<String> saslUsername,
    Optional<String> saslPassword,
    int partitions,
    short replicationFactor) {

  public static KafkaSettings plaintext(String bootstrapServers, int partitions) {
    return new KafkaSettings(bootstrapServers, "PLAINTEXT", Optional.empty(), Optional.empty(), Optional.empty(), partitions, (short) 1);
  }

  public KafkaSettings withBootstrapServers(String servers) {
    return new KafkaSettings(servers, securityProtocol, saslMechanism, saslUsername, saslPassword, partitions, replicationFactor);
  }

  /** Client properties shared by producers, consumers and the admin client. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
    saslMechanism.ifPresent(mechanism -> props.put(SaslConfigs.SASL_MECHANISM, mechanism));
    if (saslMechanism.filter(MSK_IAM::equals).isPresent()) {
      props.put(SaslConfigs.SASL_JAAS_CONFIG, "software.amazon.msk.auth.iam.IAMLoginModule required;");
      props.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    } else if (saslUsername.isPresent() && saslPassword.isPresent()) {
      props.put(SaslConfigs.SASL_JAAS_CONFIG, String.format("%s required username=\"%s\" password=\"%s\";",
          saslMechanism.filter(m -> m.startsWith("SCRAM-")).isPresent() ? SCRAM_LOGIN : PLAIN_LOGIN,
          saslUsername.get(), saslPassword.get()));
    }
    return props;
  }

  private static final String MSK_IAM = "AWS_MSK_IAM";
  private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

  /** The same settings as Spark's Kafka source wants them ({@code kafka.}-prefixed). */
  public Map<String, String> sparkOptions() {
    Map<String, String> options = new java.util.TreeMap<>();
    clientProperties().forEach((k, v) -> options.put("kafka." + k, v.toString()));
    return options;
  }

  @Override
  public String toString() {
    return "KafkaSettings[bootstrap=" + bootstrapServers + ", security=" + securityProtocol
        + saslMechanism.map(m -> ", sasl=" + m).orElse("")
        + saslUsername.map(u -> ", user=" + u + ", password=****").orElse("")
        + ", partitions=" + partitions + ", replication=" + replicationFactor + "]";
  }
}
