package io.assay.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which way a job reaches the local metastore: through the server when one listens, embedded when
 * it is alone, and a clear refusal when another process holds the database embedded-style.
 */
class LocalMetastoreTest {
  @TempDir Path dir;

  @Test
  void jobsGoThroughTheServerWhileItListensAndEmbeddedWhenAlone() throws Exception {
    CatalogSettings settings = CatalogSettings.local(dir.resolve("metastore").toString(), LakeCatalogTest.freePort());
    assertFalse(LocalMetastore.target(settings).shared(), "no server: embedded");
    try (LocalMetastore server = LocalMetastore.serve(settings)) {
      assertTrue(server.hostedHere());
      LocalMetastore.JdbcTarget target = LocalMetastore.target(settings);
      assertTrue(target.shared());
      assertEquals("org.apache.derby.jdbc.ClientDriver", target.driver());
      try (Connection connection = DriverManager.getConnection(target.url())) {
        assertTrue(connection.isValid(5), "the same database, through the server");
      }
      try (LocalMetastore second = LocalMetastore.serve(settings)) {
        assertFalse(second.hostedHere(), "a second service finds the running server and leaves it alone");
      }
    }
  }

  @Test
  void aDatabaseAnotherProcessHoldsIsAClearErrorNamingWhatToStart() throws Exception {
    CatalogSettings settings = CatalogSettings.local(dir.resolve("metastore").toString(), LakeCatalogTest.freePort());
    int otherPort = LakeCatalogTest.freePort();
    Process other = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.apache.derby.drda.NetworkServerControl",
        "start", "-h", "127.0.0.1", "-p", Integer.toString(otherPort), "-noSecurityManager"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("other.log").toFile()).start();
    try {
      String url = "jdbc:derby://127.0.0.1:" + otherPort + "/" + LocalMetastore.databasePath(settings) + ";create=true";
      Connection held = null;
      for (int i = 0; i < 600 && held == null; i++) {
        try {
          held = DriverManager.getConnection(url);
        } catch (java.sql.SQLException notYet) {
          Thread.sleep(100);
        }
      }
      assertTrue(held != null, "the other process opened the database");
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LocalMetastore.target(settings));
      assertTrue(refused.getMessage().contains("is open in another Assay process") && refused.getMessage().contains("./assay up"),
          refused.getMessage());
      held.close();
    } finally {
      other.destroy();
      other.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
