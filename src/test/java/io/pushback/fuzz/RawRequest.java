package io.pushback.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 request written byte for byte over a socket: repeated headers, raw non-UTF-8 header
 * bytes, unnormalized paths and lying {@code Content-Length} values that {@code
 * java.net.http.HttpClient} refuses to send.
 */
final class RawRequest {
  private static final int TIMEOUT_MILLIS = 15_000;

  private final String method;
  private final String target;
  private final List<byte[]> headerLines = new ArrayList<>();
  private byte[] body = new byte[0];
  private Long declaredLength;

  private RawRequest(String method, String target) {
    this.method = method;
    this.target = target;
  }

  static RawRequest post(String target) {
    return new RawRequest("POST", target);
  }

  RawRequest method(String other) {
    RawRequest copy = new RawRequest(other, target);
    copy.headerLines.addAll(headerLines);
    copy.body = body;
    copy.declaredLength = declaredLength;
    return copy;
  }

  /** Adds a header line; the value's characters are sent as Latin-1 bytes. */
  RawRequest header(String name, String value) {
    return headerBytes(name, value.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Adds a header line whose value is {@code value} exactly. */
  RawRequest headerBytes(String name, byte[] value) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
    line.writeBytes(": ".getBytes(StandardCharsets.ISO_8859_1));
    line.writeBytes(value);
    headerLines.add(line.toByteArray());
    return this;
  }

  RawRequest body(String contentType, byte[] content) {
    header("Content-Type", contentType);
    body = content;
    return this;
  }

  RawRequest json(String content) {
    return body("application/json", content.getBytes(StandardCharsets.UTF_8));
  }

  /** Declares {@code length} whatever the body is. */
  RawRequest contentLength(long length) {
    declaredLength = length;
    return this;
  }

  byte[] body() {
    return body;
  }

  /**
   * Sends the request, half-closes the connection and reads the answer until the server closes it:
   * a body shorter than declared ends early rather than hanging.
   */
  RawAnswer send(int port) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    for (byte[] line : headerLines) {
      out.writeBytes(line);
      out.writeBytes(new byte[] {'\r', '\n'});
    }
    long length = declaredLength == null ? body.length : declaredLength;
    out.writeBytes(("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.getOutputStream().write(out.toByteArray());
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return RawAnswer.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }
  }

  @Override
  public String toString() {
    return method + " " + target;
  }

  /** The status line's code, the headers' text and the body of an answer. */
  record RawAnswer(int status, String head, String body) {
    static RawAnswer parse(String raw) {
      int end = raw.indexOf("\r\n\r\n");
      String head = end < 0 ? raw : raw.substring(0, end);
      String body = end < 0 ? "" : raw.substring(end + 4);
      String[] statusLine = head.split("\r\n", 2)[0].split(" ");
      if (statusLine.length < 2) {
        throw new AssertionError("no HTTP answer: '" + raw + "'");
      }
      return new RawAnswer(Integer.parseInt(statusLine[1]), head, body);
    }
  }
}
