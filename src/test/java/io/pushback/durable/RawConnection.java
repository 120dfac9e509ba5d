package io.pushback.durable;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand over a socket, for what a client library will not send: a request head
 * without its body, or a body that trickles in. Writes may come from one thread while another reads
 * the answer.
 */
final class RawConnection implements AutoCloseable {
  /**
   * An answer's status and body; status -1 when the server closed the connection without answering.
   */
  record Answer(int status, String body) {}

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /** Connects to the local port; a read waiting longer than {@code readTimeout} fails the test. */
  static RawConnection open(int port, Duration readTimeout) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
    return new RawConnection(socket);
  }

  /** The head of a POST to {@code path} with the header lines {@code headers} ("Name: value"). */
  static String head(String path, String... headers) {
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  void write(String text) throws IOException {
    write(text.getBytes(ISO_8859_1));
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads the answer: status line, headers, and a body of the given {@code Content-Length}. */
  Answer readAnswer() throws IOException {
    String status;
    try {
      status = readLine();
    } catch (SocketException e) {
      // A reset instead of an answer: the server closed the connection.
      return new Answer(-1, "");
    }
    if (status == null) {
      return new Answer(-1, "");
    }
    int code = Integer.parseInt(status.split(" ", 3)[1]);
    long length = 0;
    for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).strip());
      }
    }
    byte[] body = in.readNBytes(Math.toIntExact(length));
    return new Answer(code, new String(body, ISO_8859_1));
  }

  /** One CRLF-terminated line without its end, or null at the end of the stream before any byte. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
