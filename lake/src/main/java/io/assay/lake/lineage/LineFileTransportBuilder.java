package io.assay.lake.lineage;

import io.openlineage.client.transports.Transport;
import io.openlineage.client.transports.TransportBuilder;
import io.openlineage.client.transports.TransportConfig;
import java.nio.file.Path;

/**
 * Makes {@link LineFileTransport} a transport type the OpenLineage Spark listener can be configured
 * with ({@code spark.openlineage.transport.type=assay_file}, {@code ...transport.location=<file>});
 * found through {@code META-INF/services}.
 */
public final class LineFileTransportBuilder implements TransportBuilder {
  public static final String TYPE = "assay_file";

  /** The listener's transport settings, filled by OpenLineage from the Spark conf. */
  public static final class Config implements TransportConfig {
    private String location;

    public String getLocation() {
      return location;
    }

    public void setLocation(String location) {
      this.location = location;
    }
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public TransportConfig getConfig() {
    return new Config();
  }

  @Override
  public Transport build(TransportConfig config) {
    String location = ((Config) config).getLocation();
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("the " + TYPE + " OpenLineage transport needs spark.openlineage.transport.location");
    }
    return new LineFileTransport(Path.of(location));
  }
}
