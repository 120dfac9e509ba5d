package io.pushback.blackbox.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pushback.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sends pushback requests as a partner system would, computing signatures itself. Thread-safe. */
final class PushbackSender {
  static final String JSON = "application/json";

  private final TestServer server;

  PushbackSender(TestServer server) {
    this.server = server;
  }

  /**
   * POSTs {@code body} as JSON to {@code path} with {@code headers} (name, value, name, value,
   * ...).
   */
  HttpResponse<String> post(String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", JSON)
            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return server.send(request.build());
  }

  /**
   * The HMAC of the raw {@code body} bytes under {@code secret}, computed with the JDK ({@code
   * HmacSHA256} ...).
   */
  static byte[] hmac(String algorithm, String secret, String body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), algorithm));
      return mac.doFinal(body.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot compute " + algorithm, e);
    }
  }

  /**
   * The reference signature: {@code Base64(HMAC-SHA256(secret, body))}, standard alphabet with
   * padding.
   */
  static String base64HmacSha256(String secret, String body) {
    return Base64.getEncoder().encodeToString(hmac("HmacSHA256", secret, body));
  }

  /** Lower-case hex of {@code bytes}. */
  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** {@code Basic base64(user:password)}. */
  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
  }
}
