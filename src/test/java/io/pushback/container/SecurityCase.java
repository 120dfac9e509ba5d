package io.pushback.container;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The four security methods of design §4 as a sender uses them: the {@code security} object that
 * creates the endpoint with a known secret, and the headers of a request signed with the right or a
 * wrong secret. Credential headers use the spellings senders really type, underscores included.
 */
enum SecurityCase {
  BASIC("Basic") {
    @Override
    String security(String secret) {
      return "{\"method\":\"basic\",\"username\":\"acme\",\"password\":\"" + secret + "\"}";
    }

    @Override
    void sign(HttpRequest.Builder request, String secret, byte[] body) {
      String pair = "acme:" + secret;
      request.header(
          "Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(UTF_8)));
    }
  },
  TOKEN_SECRET(null) {
    @Override
    String security(String secret) {
      return "{\"method\":\"token_secret\",\"token\":\"acme-token\",\"secret\":\"" + secret + "\"}";
    }

    @Override
    void sign(HttpRequest.Builder request, String secret, byte[] body) {
      request.header("Access-Token", "acme-token").header("ACCESS_SECRET", secret);
    }
  },
  SIGNATURE(null) {
    @Override
    String security(String secret) {
      return "{\"method\":\"signature\",\"secret\":\"" + secret + "\"}";
    }

    @Override
    void sign(HttpRequest.Builder request, String secret, byte[] body) {
      request.header("PUSHBACK_SIGNATURE", hmacSha256Base64(secret, body));
    }
  },
  BEARER("Bearer") {
    @Override
    String security(String secret) {
      return "{\"method\":\"bearer\",\"token\":\"" + secret + "\"}";
    }

    @Override
    void sign(HttpRequest.Builder request, String secret, byte[] body) {
      request.header("Authorization", "Bearer " + secret);
    }
  };

  private final String challenge;

  SecurityCase(String challenge) {
    this.challenge = challenge;
  }

  /** The {@code security} object of an endpoint whose secret is {@code secret}. */
  abstract String security(String secret);

  /** Adds the credential headers of a request for {@code body} made with {@code secret}. */
  abstract void sign(HttpRequest.Builder request, String secret, byte[] body);

  /** The scheme of the {@code WWW-Authenticate} challenge on a 401, or null for none required. */
  String challenge() {
    return challenge;
  }

  /** Base64(HMAC-SHA256(secret, body)): the reference value of the {@code signature} method. */
  static String hmacSha256Base64(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256", e);
    }
  }
}
