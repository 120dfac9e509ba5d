package io.pushback.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 spoken by hand over a socket, for exchanges {@code java.net.http.HttpClient} cannot
 * make.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /**
   * Sends {@code request} (which should ask for {@code Connection: close}) and returns everything
   * the server sent until it closed the connection; a server that neither answers nor closes fails
   * the read after 10 seconds.
   */
  static String exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
