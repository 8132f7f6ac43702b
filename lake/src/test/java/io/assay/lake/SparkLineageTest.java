package io.assay.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.lake.lineage.LineFileTransportBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkLineageTest {
  @TempDir Path dir;

  private LineageSettings file() {
    return new LineageSettings(true, "assay", Optional.empty(), Optional.empty(),
        dir.resolve("lineage/events.ndjson").toString(), false);
  }

  @Test
  void addsTheListenerWithAFileTransportUnderTheDataFolder() {
    SparkConf conf = new SparkConf(false);
    SparkLineage.applyDefaults(conf, file());
    assertEquals(SparkLineage.LISTENER, conf.get("spark.extraListeners"));
    assertEquals(LineFileTransportBuilder.TYPE, conf.get("spark.openlineage.transport.type"));
    assertEquals(dir.resolve("lineage/events.ndjson").toString(), conf.get("spark.openlineage.transport.location"));
    assertEquals("assay", conf.get("spark.openlineage.namespace"));
    assertTrue(Files.isDirectory(dir.resolve("lineage")), "the events folder exists before Spark writes to it");
  }

  @Test
  void sendsToAnHttpConsumerWithItsApiKey() {
    SparkConf conf = new SparkConf(false);
    SparkLineage.applyDefaults(conf, new LineageSettings(true, "assay", Optional.of(URI.create("http://marquez:5000")),
        Optional.of("k3y"), "unused", false));
    assertEquals("http", conf.get("spark.openlineage.transport.type"));
    assertEquals("http://marquez:5000", conf.get("spark.openlineage.transport.url"));
    assertEquals("api_key", conf.get("spark.openlineage.transport.auth.type"));
    assertEquals("k3y", conf.get("spark.openlineage.transport.auth.apiKey"));
  }

  @Test
  void keepsWhatSparkSubmitOrAnOrchestratorAlreadySet() {
    SparkConf conf = new SparkConf(false)
        .set("spark.extraListeners", "com.example.Listener")
        .set("spark.openlineage.transport.type", "http")
        .set("spark.openlineage.transport.url", "http://airflow-configured:5000");
    SparkLineage.applyDefaults(conf, file());
    assertEquals("com.example.Listener," + SparkLineage.LISTENER, conf.get("spark.extraListeners"));
    assertEquals("http://airflow-configured:5000", conf.get("spark.openlineage.transport.url"));
    assertFalse(conf.contains("spark.openlineage.transport.location"));
  }

  @Test
  void addsNothingWhenLineageIsOff() {
    SparkConf conf = new SparkConf(false);
    SparkLineage.applyDefaults(conf, LineageSettings.disabled());
    assertFalse(conf.contains("spark.extraListeners"));
  }
}
