package io.assay.lake;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where OpenLineage events go: an HTTP consumer (Marquez or any OpenLineage endpoint) when a URL is
 * set, otherwise a file of newline-delimited JSON events; or nowhere when lineage is turned off.
 *
 * @param namespace the job namespace of Assay's runs
 * @param fileLocation the events file when no URL is set
 * @param fileExplicit true when the file was configured, false when it follows the data folder
 */
public record LineageSettings(boolean enabled, String namespace, Optional<URI> url, Optional<String> apiKey,
                              String fileLocation, boolean fileExplicit) {
  public static final String DEFAULT_NAMESPACE = "assay";

  /** The default events file under a data folder. */
  public static String defaultFile(Path dataDir) {
    return dataDir.resolve("lineage").resolve("events.ndjson").toAbsolutePath().toString();
  }

  /** No events at all (tests that build sessions directly). */
  public static LineageSettings disabled() {
    return new LineageSettings(false, DEFAULT_NAMESPACE, Optional.empty(), Optional.empty(), "", false);
  }

  /** The same settings for another data folder: the events file moves with it unless it was configured. */
  public LineageSettings underDataDir(Path dataDir) {
    return fileExplicit ? this : new LineageSettings(enabled, namespace, url, apiKey, defaultFile(dataDir), false);
  }

  public boolean http() {
    return url.isPresent();
  }

  @Override
  public String toString() {
    return !enabled ? "lineage off" : "lineage to " + url.map(URI::toString).orElse(fileLocation)
        + apiKey.map(k -> " (api key set)").orElse("");
  }
}
