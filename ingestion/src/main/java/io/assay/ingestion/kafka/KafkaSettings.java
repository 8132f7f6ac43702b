package io.assay.ingestion.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How to reach Kafka: the embedded broker (PLAINTEXT) or any cluster, including Confluent Cloud
 * (SASL_SSL + PLAIN) and MSK. Secrets come from the environment only and never print.
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
    if (saslUsername.isPresent() && saslPassword.isPresent()) {
      props.put(SaslConfigs.SASL_JAAS_CONFIG, String.format(
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";",
          saslUsername.get(), saslPassword.get()));
    }
    return props;
  }

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
