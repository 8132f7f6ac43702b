package io.assay.ingestion.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the event topics and the dead-letter topic when missing; running it twice changes nothing. */
public final class TopicProvisioner {
  public static final String DEAD_LETTER_TOPIC = "dead-letter-queue";
  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaSettings settings;

  public TopicProvisioner(KafkaSettings settings) {
    this.settings = settings;
  }

  /** Ensures each event topic and the DLQ topic exists; returns the topics it created. */
  public List<String> ensureTopics(Collection<String> eventTopics) {
    List<String> wanted = new ArrayList<>(eventTopics);
    wanted.add(DEAD_LETTER_TOPIC);
    try (Admin admin = Admin.create(adminProperties())) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      List<String> created = new ArrayList<>();
      for (String topic : wanted) {
        if (existing.contains(topic)) {
          continue;
        }
        try {
          admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), settings.replicationFactor())))
              .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          created.add(topic);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e; // a concurrent creator is fine; anything else is not
          }
        }
      }
      if (!created.isEmpty()) {
        LOG.info("created topics {} with {} partitions", created, settings.partitions());
      }
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new BrokerUnreachableException(settings.bootstrapServers(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /** Fails fast with a clear message when no broker answers. */
  public void checkReachable() {
    try (Admin admin = Admin.create(adminProperties())) {
      admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new BrokerUnreachableException(settings.bootstrapServers(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reaching Kafka", e);
    }
  }

  private java.util.Properties adminProperties() {
    java.util.Properties props = settings.clientProperties();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return props;
  }
}
