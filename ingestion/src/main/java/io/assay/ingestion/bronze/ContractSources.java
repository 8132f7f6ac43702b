package io.assay.ingestion.bronze;

import io.assay.schemas.contract.ContractCatalog;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract files as text, shipped to executors with the job so they validate with exactly the
 * contracts the driver loaded, even when those came from a folder the executors cannot see.
 */
public final class ContractSources implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<Map<String, String>, ContractCatalog> PARSED = new ConcurrentHashMap<>();
  private final TreeMap<String, String> filesByName;

  public ContractSources(Map<String, String> filesByName) {
    this.filesByName = new TreeMap<>(filesByName);
  }

  public static ContractSources of(ContractCatalog catalog) {
    return new ContractSources(catalog.sourceFiles());
  }

  /** Parsed once per JVM. */
  public ContractCatalog catalog() {
    return PARSED.computeIfAbsent(filesByName, ContractCatalog::fromFiles);
  }
}
