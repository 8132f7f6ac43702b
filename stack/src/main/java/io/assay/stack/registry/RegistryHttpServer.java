package io.assay.stack.registry;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's own small HTTP/1.1 server (keep-alive, Content-Length and chunked bodies). The
 * JDK's built-in server answers malformed requests itself, with HTML, before any handler runs;
 * owning the framing means every answer, errors included, is Confluent's JSON.
 */
final class RegistryHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);
  private static final int IDLE_TIMEOUT_MS = 60_000;
  private static final int MAX_CONNECTIONS = 128;
  private static final int MAX_DRAINED_BYTES = 64 * 1024 * 1024;
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"), Map.entry(413, "Payload Too Large"),
      Map.entry(414, "URI Too Long"), Map.entry(422, "Unprocessable Entity"), Map.entry(431, "Request Header Fields Too Large"),
      Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"));

  private final ServerSocket socket;
  private final RegistryHttpHandler handler;
  private final int maxRequestBytes;
  private final ExecutorService connections;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean running = true;

  private RegistryHttpServer(ServerSocket socket, RegistryHttpHandler handler, int maxRequestBytes) {
    this.socket = socket;
    this.handler = handler;
    this.maxRequestBytes = maxRequestBytes;
    AtomicInteger count = new AtomicInteger();
    this.connections = Executors.newCachedThreadPool(task -> daemon(task, "schema-registry-" + count.incrementAndGet()));
    this.acceptor = daemon(this::acceptLoop, "schema-registry-accept");
  }

  /** Binds as the broker does, with address reuse, so a restart right after a stop gets its port back. */
  static ServerSocket bind(InetSocketAddress address) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(address, 64);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  /** Serves requests on a socket from {@link #bind}. */
  static RegistryHttpServer start(ServerSocket socket, RegistryHttpHandler handler, int maxRequestBytes) {
    RegistryHttpServer server = new RegistryHttpServer(socket, handler, maxRequestBytes);
    server.acceptor.start();
    return server;
  }

  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (running) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        if (running) {
          LOG.warn("Schema registry could not accept a connection: {}", e.getMessage());
        }
        continue;
      }
      if (!slots.tryAcquire()) {
        connections.execute(() -> refuse(client));
        continue;
      }
      open.add(client);
      connections.execute(() -> {
        try {
          serve(client);
        } finally {
          open.remove(client);
          slots.release();
        }
      });
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(IDLE_TIMEOUT_MS);
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = new BufferedOutputStream(client.getOutputStream());
      HttpRequestReader reader = new HttpRequestReader(in, out, maxRequestBytes);
      while (running) {
        HttpRequestMessage request;
        try {
          request = reader.next();
        } catch (HttpProblem problem) {
          write(out, JsonReply.error(problem.status(), problem.status(), problem.getMessage()), false, false);
          drainAndClose(client, in);
          return;
        }
        if (request == null) {
          return;
        }
        boolean keepAlive = request.keepAlive();
        write(out, handler.answer(request), keepAlive, request.method().equals("HEAD"));
        if (!keepAlive) {
          return;
        }
      }
    } catch (SocketTimeoutException | SocketException | java.io.EOFException gone) {
      LOG.debug("Schema registry connection ended: {}", gone.getMessage());
    } catch (IOException e) {
      LOG.debug("Schema registry connection failed: {}", e.getMessage());
    }
  }

  private void refuse(Socket client) {
    try (client) {
      write(new BufferedOutputStream(client.getOutputStream()),
          JsonReply.error(503, 503, "Too many open connections to the schema registry; retry"), false, false);
    } catch (IOException e) {
      LOG.debug("Schema registry could not refuse a connection: {}", e.getMessage());
    }
  }

  private static void write(OutputStream out, JsonReply reply, boolean keepAlive, boolean headOnly) throws IOException {
    byte[] body = RegistryHttpHandler.json(reply);
    StringBuilder head = new StringBuilder()
        .append("HTTP/1.1 ").append(reply.status()).append(' ').append(REASONS.getOrDefault(reply.status(), "Status")).append("\r\n")
        .append("Content-Type: ").append(RegistryHttpHandler.CONTENT_TYPE).append("\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n")
        .append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
    if (reply.status() == 401) {
      head.append("WWW-Authenticate: Basic realm=\"schema-registry\"\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    if (!headOnly) {
      out.write(body);
    }
    out.flush();
  }

  /**
   * After refusing a request whose body is still arriving, read and drop the rest before closing:
   * closing with unread bytes makes the kernel send a reset, and the client may never see the answer.
   */
  private static void drainAndClose(Socket client, InputStream in) throws IOException {
    client.shutdownOutput();
    client.setSoTimeout(2_000);
    byte[] sink = new byte[64 * 1024];
    long drained = 0;
    try {
      for (int n; drained < MAX_DRAINED_BYTES && (n = in.read(sink)) >= 0; ) {
        drained += n;
      }
    } catch (SocketTimeoutException enough) {
      // the client stopped sending; close now
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("Schema registry socket did not close cleanly: {}", e.getMessage());
    }
    for (Socket client : open) {
      try {
        client.close();
      } catch (IOException e) {
        LOG.debug("Schema registry connection did not close cleanly: {}", e.getMessage());
      }
    }
    connections.shutdownNow();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
