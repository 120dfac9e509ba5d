package io.pushback.testing;

import io.pushback.auth.HeaderNames;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Requests signed the way the source documents sign them, computed with the JDK alone. */
public final class SignedRequests {
  private SignedRequests() {}

  /** Base64(HMAC-SHA256(secret, raw body)), the {@code signature} method's default value. */
  public static String signature(String secret, byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  /**
   * A JSON POST of {@code body} to {@code uri} with its signature in {@code PUSHBACK_SIGNATURE}.
   */
  public static HttpRequest jsonPost(URI uri, String secret, String body, Duration timeout)
      throws GeneralSecurityException {
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header(HeaderNames.DEFAULT_SIGNATURE, signature(secret, raw))
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
        .build();
  }
}
