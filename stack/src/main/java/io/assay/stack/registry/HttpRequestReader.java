package io.assay.stack.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests from one connection with hard limits: request line, headers and body
 * (by Content-Length or chunked). Anything it cannot frame safely is an {@link HttpProblem}, so
 * the registry answers it in JSON instead of a server's HTML page; a body over the limit is
 * refused from its declared length, before it is read.
 */
final class HttpRequestReader {
  static final int MAX_LINE_BYTES = 8 * 1024;
  static final int MAX_HEADER_BYTES = 32 * 1024;

  private final InputStream in;
  private final OutputStream out;
  private final int maxBodyBytes;

  HttpRequestReader(InputStream in, OutputStream out, int maxBodyBytes) {
    this.in = in;
    this.out = out;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The next request, or null when the client closed the connection between requests. */
  HttpRequestMessage next() throws IOException, HttpProblem {
    String requestLine = line(true);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/") || !parts[2].startsWith("HTTP/1.")) {
      throw HttpProblem.badRequest("Malformed request line: expected 'METHOD /path HTTP/1.1'");
    }
    Map<String, String> headers = headers();
    HttpRequestMessage head = new HttpRequestMessage(parts[0], parts[1], parts[2], headers, new byte[0]);
    byte[] body = body(head);
    return new HttpRequestMessage(parts[0], parts[1], parts[2], headers, body);
  }

  private Map<String, String> headers() throws IOException, HttpProblem {
    Map<String, String> headers = new HashMap<>();
    int total = 0;
    while (true) {
      String line = line(false);
      if (line.isEmpty()) {
        return headers;
      }
      total += line.length();
      if (total > MAX_HEADER_BYTES) {
        throw new HttpProblem(431, "Request headers exceed " + MAX_HEADER_BYTES + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw HttpProblem.badRequest("Malformed header line");
      }
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
  }

  private byte[] body(HttpRequestMessage head) throws IOException, HttpProblem {
    String transferEncoding = head.header("transfer-encoding").orElse(null);
    if (transferEncoding != null) {
      if (!transferEncoding.equalsIgnoreCase("chunked")) {
        throw new HttpProblem(501, "Transfer-Encoding '" + transferEncoding + "' is not supported: send chunked or a Content-Length");
      }
      continueIfExpected(head);
      return chunked();
    }
    long length = contentLength(head);
    if (length > maxBodyBytes) {
      throw HttpProblem.tooLarge(length, maxBodyBytes);
    }
    continueIfExpected(head);
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw HttpProblem.badRequest("The body ended after " + body.length + " of its " + length + " bytes");
    }
    return body;
  }

  private static long contentLength(HttpRequestMessage head) throws HttpProblem {
    String value = head.header("content-length").orElse("0");
    if (!value.matches("[0-9]{1,18}")) {
      throw HttpProblem.badRequest("Malformed Content-Length '" + value + "'");
    }
    return Long.parseLong(value);
  }

  /** A client that waits for "100 Continue" sends its body only once told; refusals go out before it. */
  private void continueIfExpected(HttpRequestMessage head) throws IOException {
    if (head.header("expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  private byte[] chunked() throws IOException, HttpProblem {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(false);
      int extension = sizeLine.indexOf(';');
      String size = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
      if (!size.matches("[0-9A-Fa-f]{1,8}")) {
        throw HttpProblem.badRequest("Malformed chunk size '" + size + "'");
      }
      long chunk = Long.parseLong(size, 16);
      if (chunk == 0) {
        while (!line(false).isEmpty()) {
          // trailers: read and ignored
        }
        return body.toByteArray();
      }
      if (body.size() + chunk > maxBodyBytes) {
        throw HttpProblem.tooLarge(body.size() + chunk, maxBodyBytes);
      }
      byte[] data = in.readNBytes((int) chunk);
      if (data.length < chunk || !line(false).isEmpty()) {
        throw HttpProblem.badRequest("Malformed chunked body");
      }
      body.writeBytes(data);
    }
  }

  /** One CRLF- (or LF-) terminated line; null only where allowed, at a clean end before a request. */
  private String line(boolean endAllowed) throws IOException, HttpProblem {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (endAllowed && line.size() == 0) {
          return null;
        }
        throw new java.io.EOFException("connection closed inside a request");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new HttpProblem(endAllowed ? 414 : 431, "A request line or header is longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(b);
    }
  }
}
