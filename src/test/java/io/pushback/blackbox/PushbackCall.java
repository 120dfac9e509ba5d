package io.pushback.blackbox;

import io.pushback.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request to a pushback URL, built fluently. Header lines are sent in the order added and a
 * name added twice is sent twice. Note {@code java.net.http.HttpClient} refuses to set the
 * restricted headers {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Host} and
 * {@code Upgrade}; names with underscores are fine.
 */
final class PushbackCall {
  private final String path;
  private final List<String[]> headers = new ArrayList<>();
  private String method = "POST";
  private String query = "";
  private byte[] body = new byte[0];
  private boolean chunked;

  private PushbackCall(String path) {
    this.path = path;
  }

  /** A POST to {@code path} (e.g. {@code /pushback/<key>}) with an empty body. */
  static PushbackCall post(String path) {
    return new PushbackCall(path);
  }

  PushbackCall method(String method) {
    this.method = method;
    return this;
  }

  PushbackCall header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  PushbackCall contentType(String type) {
    return header("Content-Type", type);
  }

  /** The query string, without {@code ?}, already encoded. */
  PushbackCall query(String query) {
    this.query = query;
    return this;
  }

  PushbackCall body(byte[] body) {
    this.body = body.clone();
    return this;
  }

  PushbackCall body(String body) {
    return body(body.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON body with its content type. */
  PushbackCall json(String json) {
    return contentType("application/json").body(json);
  }

  /**
   * Sends the body without {@code Content-Length} (chunked), so the server only learns its size by
   * reading.
   */
  PushbackCall chunked() {
    this.chunked = true;
    return this;
  }

  byte[] bodyBytes() {
    return body.clone();
  }

  HttpResponse<String> send(TestServer server) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path + (query.isEmpty() ? "" : "?" + query)))
            .method(method, publisher());
    for (String[] header : headers) {
      request.header(header[0], header[1]);
    }
    return server.send(request.build());
  }

  private HttpRequest.BodyPublisher publisher() {
    if (chunked) {
      byte[] bytes = body.clone();
      return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }
    return body.length == 0 && !"POST".equals(method)
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body);
  }
}
