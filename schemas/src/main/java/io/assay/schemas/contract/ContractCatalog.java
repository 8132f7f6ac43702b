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
  private final Map<String, String> sourceFiles;

  private ContractCatalog(Map<String, Contract> byTopic, Map<String, String> sourceFiles) {
    this.byTopic = Collections.unmodifiableMap(new TreeMap<>(byTopic));
    this.sourceFiles = Collections.unmodifiableMap(new TreeMap<>(sourceFiles));
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
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(dir)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX) || name.endsWith(".avsc")) {
          files.put(name, Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contracts in " + dir, e);
    }
    if (files.keySet().stream().noneMatch(n -> n.endsWith(SUFFIX))) {
      throw new ContractDefinitionException("no *" + SUFFIX + " files in " + dir);
    }
    return fromFiles(files);
  }

  /** Contracts from file texts by file name: each {@code *.contract.yaml} with the schemas it names. */
  public static ContractCatalog fromFiles(Map<String, String> files) {
    Map<String, Contract> contracts = new TreeMap<>();
    for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
      if (file.getKey().endsWith(SUFFIX)) {
        Contract contract = ContractLoader.load(file.getKey(), file.getValue(), sibling -> {
          String text = files.get(sibling);
          if (text == null) {
            throw new IllegalArgumentException("no such file");
          }
          return text;
        });
        contracts.put(contract.topic(), contract);
      }
    }
    return new ContractCatalog(contracts, files);
  }

  /** The files this catalog was read from, by name: enough to rebuild it anywhere. */
  public Map<String, String> sourceFiles() {
    return sourceFiles;
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
