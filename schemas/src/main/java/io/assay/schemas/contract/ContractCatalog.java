package io.assay.schemas.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every contract found in a folder: each {@code <topic>.contract.yaml} with its schema beside it.
 * Adding an event type is adding those two files; nothing here names a topic.
 */
public final class ContractCatalog {
  private static final String SUFFIX = ".contract.yaml";
  private final Map<String, Contract> byTopic;

  private ContractCatalog(Map<String, Contract> byTopic) {
    this.byTopic = Collections.unmodifiableMap(new TreeMap<>(byTopic));
  }

  /** The contracts shipped in the jar under {@code contracts/}. */
  public static ContractCatalog fromClasspath() {
    URL url = ContractCatalog.class.getClassLoader().getResource("contracts");
    if (url == null) {
      throw new ContractDefinitionException("no contracts/ folder on the classpath: is assay-schemas on it?");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem jar;
        try {
          jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          jar = FileSystems.getFileSystem(uri);
        }
        return fromDirectory(jar.provider().getPath(uri));
      }
      return fromDirectory(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new ContractDefinitionException("cannot list contracts at " + url + ": " + e.getMessage(), e);
    }
  }

  /** The contracts in a folder, e.g. one given with {@code ASSAY_CONTRACTS_DIR}. */
  public static ContractCatalog fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ContractDefinitionException("contracts folder " + dir + " does not exist");
    }
    Map<String, Contract> contracts = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> contractFiles = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList());
      Collections.sort(contractFiles);
      for (Path file : contractFiles) {
        Contract contract = ContractLoader.load(
            file.getFileName().toString(), read(file), sibling -> read(file.resolveSibling(sibling)));
        contracts.put(contract.topic(), contract);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list contracts in " + dir, e);
    }
    if (contracts.isEmpty()) {
      throw new ContractDefinitionException("no *" + SUFFIX + " files in " + dir);
    }
    return new ContractCatalog(contracts);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public List<String> topics() {
    return List.copyOf(byTopic.keySet());
  }

  public List<Contract> contracts() {
    return List.copyOf(byTopic.values());
  }

  public Optional<Contract> find(String topic) {
    return Optional.ofNullable(byTopic.get(topic));
  }

  public Contract forTopic(String topic) {
    return find(topic).orElseThrow(() -> new IllegalArgumentException(
        "no contract for topic '" + topic + "': known topics are " + topics()));
  }
}
