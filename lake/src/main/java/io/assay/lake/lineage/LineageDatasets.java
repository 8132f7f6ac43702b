package io.assay.lake.lineage;

import io.assay.lake.LakeLayout;
import io.openlineage.client.utils.DatasetIdentifier;
import io.openlineage.client.utils.filesystem.FilesystemDatasetUtils;
import java.net.URI;
import java.nio.file.Path;

/**
 * Dataset names as OpenLineage's Spark listener gives them, so Assay's events and the listener's meet
 * on the same datasets: a table by its storage location ({@code file} + absolute path, or the bucket's
 * namespace + key on S3), a topic as {@code kafka://host:port} + topic.
 */
public final class LineageDatasets {
  private LineageDatasets() {}

  /** A lake table by its name, at the location the layout gives it. */
  public static DatasetIdentifier table(LakeLayout lake, String tableName) {
    return table(lake.table(tableName));
  }

  public static DatasetIdentifier table(String location) {
    URI uri = location.contains("://") ? URI.create(location) : Path.of(location).toAbsolutePath().toUri();
    return FilesystemDatasetUtils.fromLocation(uri);
  }

  /** The listener names a Kafka source by the first bootstrap server. */
  public static DatasetIdentifier topic(String bootstrapServers, String topic) {
    String first = bootstrapServers.split(",")[0].trim().replaceFirst("^[A-Za-z_]+://", "");
    return new DatasetIdentifier(topic, "kafka://" + first);
  }
}
