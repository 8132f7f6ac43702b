package io.assay.lake;

import io.assay.lake.lineage.LineFileTransportBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;

/**
 * Puts the OpenLineage Spark listener on a session's configuration, so every Spark job (ingest,
 * transform, gate, benchmarks) reports its inputs, outputs, schemas and column lineage. Only unset
 * keys are filled: an orchestrator's settings win, e.g. Airflow's OpenLineage provider injecting its
 * parent job and its own HTTP transport under spark-submit.
 */
public final class SparkLineage {
  static final String LISTENER = "io.openlineage.spark.agent.OpenLineageSparkListener";

  private SparkLineage() {}

  public static void applyDefaults(SparkConf conf, LineageSettings lineage) {
    if (!lineage.enabled() || conf.get("spark.extraListeners", "").contains(LISTENER)) {
      return;
    }
    String listeners = conf.get("spark.extraListeners", "");
    conf.set("spark.extraListeners", listeners.isBlank() ? LISTENER : listeners + "," + LISTENER);
    setIfAbsent(conf, "spark.openlineage.namespace", lineage.namespace());
    if (conf.contains("spark.openlineage.transport.type")) {
      return;
    }
    if (lineage.http()) {
      conf.set("spark.openlineage.transport.type", "http");
      conf.set("spark.openlineage.transport.url", lineage.url().orElseThrow().toString());
      lineage.apiKey().ifPresent(key -> {
        conf.set("spark.openlineage.transport.auth.type", "api_key");
        conf.set("spark.openlineage.transport.auth.apiKey", key);
      });
    } else {
      createParentFolder(lineage.fileLocation());
      // Assay's transport, not OpenLineage's "file": several writers append to this file (see LineFileTransport).
      conf.set("spark.openlineage.transport.type", LineFileTransportBuilder.TYPE);
      conf.set("spark.openlineage.transport.location", lineage.fileLocation());
    }
  }

  private static void createParentFolder(String file) {
    try {
      Files.createDirectories(Path.of(file).toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of the lineage events file " + file, e);
    }
  }

  private static void setIfAbsent(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
