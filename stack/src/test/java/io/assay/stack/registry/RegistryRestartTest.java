package io.assay.stack.registry;

import static io.assay.stack.registry.OrderSchemas.V1;
import static io.assay.stack.registry.OrderSchemas.WITH_OPTIONAL_CURRENCY;
import static io.assay.stack.registry.OrderSchemas.WITH_REQUIRED_CURRENCY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.schemas.registry.RegisteredSchema;
import io.assay.schemas.registry.RegistrySettings;
import io.assay.schemas.registry.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryRestartTest {

  @TempDir Path dataDir;

  private static SchemaRegistryClient clientOf(SchemaRegistryServer server) {
    return new SchemaRegistryClient(RegistrySettings.of(server.url().toString()));
  }

  @Test
  void aRestartOnTheSameDataDirKeepsIdsVersionsAndConfig() {
    int v1;
    int v2;
    try (SchemaRegistryServer first = SchemaRegistryServer.start(0, dataDir)) {
      SchemaRegistryClient client = clientOf(first);
      v1 = client.register("orders-value", V1);
      v2 = client.register("orders-value", WITH_OPTIONAL_CURRENCY);
      client.register("archive-value", V1);
      client.setCompatibility(Optional.empty(), "FULL");
      client.setCompatibility(Optional.of("archive-value"), "NONE");
    }

    try (SchemaRegistryServer second = SchemaRegistryServer.start(0, dataDir)) {
      SchemaRegistryClient client = clientOf(second);
      assertEquals(List.of("archive-value", "orders-value"), client.subjects());
      assertEquals(new RegisteredSchema("orders-value", v2, 2, WITH_OPTIONAL_CURRENCY), client.latest("orders-value"));
      assertEquals(V1, client.schemaById(v1));
      assertEquals(v1, client.latest("archive-value").id());
      assertEquals("FULL", client.compatibility(Optional.empty()));
      assertEquals("NONE", client.compatibility(Optional.of("archive-value")));
      assertEquals(v2 + 1, client.register("archive-value", WITH_REQUIRED_CURRENCY), "ids continue after a restart");
    }
  }

  @Test
  void anUnfinishedLastEntryIsDroppedAndLaterWritesSurvive() throws Exception {
    try (SchemaRegistryServer first = SchemaRegistryServer.start(0, dataDir)) {
      clientOf(first).register("orders-value", V1);
    }
    Files.writeString(dataDir.resolve(RegistryLog.FILE_NAME), "{\"type\":\"schema\",\"subj",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (SchemaRegistryServer second = SchemaRegistryServer.start(0, dataDir)) {
      clientOf(second).register("orders-value", WITH_OPTIONAL_CURRENCY);
    }
    try (SchemaRegistryServer third = SchemaRegistryServer.start(0, dataDir)) {
      assertEquals(List.of(1, 2), clientOf(third).versions("orders-value"));
    }
  }

  @Test
  void aCorruptEntryStopsTheStartNamingTheLine() throws Exception {
    Files.writeString(dataDir.resolve(RegistryLog.FILE_NAME), "{\"type\":\"config\",\"compatibility\":\"FULL\"}\n"
        + "garbage\n", StandardCharsets.UTF_8);

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> SchemaRegistryServer.start(0, dataDir));

    assertTrue(refused.getMessage().contains("line 2"), refused.getMessage());
  }

  @Test
  void aSecondRegistryOnTheSameDataDirIsRefused() {
    try (SchemaRegistryServer first = SchemaRegistryServer.start(0, dataDir)) {
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> SchemaRegistryServer.start(0, dataDir));

      assertTrue(refused.getMessage().contains(dataDir.toString()), refused.getMessage());
    }
  }
}
