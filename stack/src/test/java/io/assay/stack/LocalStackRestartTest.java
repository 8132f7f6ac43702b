package io.assay.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.schemas.registry.RegistrySettings;
import io.assay.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./assay up} does after Ctrl-C and a second {@code ./assay up}: the same ports, straight away. */
class LocalStackRestartTest {
  private static final Schema SCHEMA = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

  @TempDir Path dir;

  @Test
  void restartsOnTheSamePortsRightAfterAStop() throws Exception {
    int kafkaPort = freePort();
    int registryPort = freePort();
    // A clean stop leaves the server side of its last connections in TIME_WAIT; start from that state.
    leaveInTimeWait(kafkaPort);
    leaveInTimeWait(registryPort);
    assertTrue(timeWaitOn(kafkaPort) && timeWaitOn(registryPort), "the test must start with connections in TIME_WAIT");

    try (LocalStack stack = LocalStack.start(dir, kafkaPort, registryPort, 1)) {
      use(stack);
    }
    try (LocalStack restarted = LocalStack.start(dir, kafkaPort, registryPort, 1)) {
      assertEquals("127.0.0.1:" + kafkaPort, restarted.bootstrapServers());
      assertEquals(registryPort, restarted.registryUrl().getPort());
      assertEquals(java.util.List.of("r-value"), new SchemaRegistryClient(RegistrySettings.of(restarted.registryUrl().toString())).subjects());
    }
  }

  private static void use(LocalStack stack) throws Exception {
    new SchemaRegistryClient(RegistrySettings.of(stack.registryUrl().toString())).register("r-value", SCHEMA);
    Properties props = new Properties();
    props.put("bootstrap.servers", stack.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    }
  }

  /** Accepts one connection and closes it from the server side first, as a stopping server does. */
  private static void leaveInTimeWait(int port) throws IOException {
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
        try (Socket accepted = server.accept(); OutputStream out = accepted.getOutputStream()) {
          out.write(1);
        }
        InputStream in = client.getInputStream();
        while (in.read() >= 0) {
          // read to the server's FIN, so the server side is the one waiting
        }
      }
    }
  }

  /** Whether the kernel lists a TCP connection on this local port in TIME_WAIT (Linux). */
  private static boolean timeWaitOn(int port) throws IOException {
    String hex = String.format(":%04X ", port);
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path file = Path.of(table);
      if (Files.exists(file) && Files.readAllLines(file).stream().skip(1)
          .anyMatch(line -> line.trim().split("\\s+")[1].endsWith(hex.trim()) && line.trim().split("\\s+")[3].equals("06"))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
