package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifiers and correctly signed requests for the JMH microbenchmarks in {@code
 * io.pushback.bench.jmh}, which cannot reach this package's settings parser. Test sources only.
 */
public final class BenchmarkFixtures {
  /** A Standard Webhooks secret: {@code whsec_} and 24 Base64 bytes. */
  public static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  /** The message id the Standard Webhooks requests carry. */
  public static final String MSG_ID = "msg_2b9Yq0fJ";

  private static final String TEXT_SECRET = "shared-secret-for-benchmarks";

  private BenchmarkFixtures() {}

  /** A verifier of one method and a request it accepts. */
  public record Case(Verifier verifier, InboundRequest request) {}

  /**
   * The verifier named {@code name} (basic, token_secret, signature-sha256, signature-ripemd128,
   * bearer, standard-webhooks) and a request with {@code body} it accepts, signed at {@code
   * nowEpochSeconds}; {@code clock} is the verifier's.
   */
  public static Case accepted(String name, byte[] body, long nowEpochSeconds, Clock clock) {
    Case built =
        switch (name) {
          case "basic" -> basic(body);
          case "token_secret" -> tokenSecret(body);
          case "bearer" -> bearer(body);
          case "signature-sha256" -> patchworks(body, "HmacSHA256", clock);
          case "signature-ripemd128" -> patchworks(body, "HmacRIPEMD128", clock);
          case "standard-webhooks" -> standardWebhooks(body, nowEpochSeconds, clock);
          default -> throw new IllegalArgumentException("unknown verifier " + name);
        };
    if (!built.verifier().verify(built.request()).isAccepted()) {
      throw new IllegalStateException(name + " does not accept its own benchmark request");
    }
    return built;
  }

  /** The Standard Webhooks {@code v1,<base64>} signature of {@code body} at {@code at}. */
  public static String standardSignature(String id, long at, byte[] body) {
    byte[] key = Base64.getDecoder().decode(WHSEC.substring("whsec_".length()));
    byte[] prefix = (id + "." + at + ".").getBytes(UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix);
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Case basic(byte[] body) {
    Verifier verifier =
        VerifierFactory.create(
            parse(Map.of("method", "basic", "username", "acme", "password", TEXT_SECRET)));
    String credentials =
        Base64.getEncoder().encodeToString(("acme:" + TEXT_SECRET).getBytes(UTF_8));
    return new Case(verifier, request(body, "Authorization", "Basic " + credentials));
  }

  private static Case tokenSecret(byte[] body) {
    Verifier verifier =
        VerifierFactory.create(
            parse(Map.of("method", "token_secret", "token", "acme-token", "secret", TEXT_SECRET)));
    return new Case(
        verifier,
        request(
            body, HeaderNames.ACCESS_TOKEN, "acme-token", HeaderNames.ACCESS_SECRET, TEXT_SECRET));
  }

  private static Case bearer(byte[] body) {
    Verifier verifier =
        VerifierFactory.create(parse(Map.of("method", "bearer", "token", "mF_9.B5f-4.1JqM")));
    return new Case(verifier, request(body, "Authorization", "Bearer mF_9.B5f-4.1JqM"));
  }

  private static Case patchworks(byte[] body, String algorithm, Clock clock) {
    Verifier verifier =
        VerifierFactory.create(
            parse(
                Map.of(
                    "method",
                    "signature",
                    "preset",
                    "patchworks",
                    "secret",
                    TEXT_SECRET,
                    "algorithm",
                    algorithm)),
            clock);
    byte[] mac =
        HmacAlgorithm.fromSettingName("algorithm", algorithm)
            .sign(TEXT_SECRET.getBytes(UTF_8), body);
    return new Case(verifier, request(body, "X-HMAC-HASH", HexFormat.of().formatHex(mac)));
  }

  private static Case standardWebhooks(byte[] body, long now, Clock clock) {
    Verifier verifier =
        VerifierFactory.create(
            parse(Map.of("method", "signature", "preset", "standard-webhooks", "secret", WHSEC)),
            clock);
    return new Case(
        verifier,
        request(
            body,
            "webhook-id",
            MSG_ID,
            "webhook-timestamp",
            Long.toString(now),
            "webhook-signature",
            standardSignature(MSG_ID, now, body)));
  }

  private static SecuritySettings parse(Map<String, String> fields) {
    return SecuritySettings.parse(fields::get);
  }

  private static InboundRequest request(byte[] body, String... nameValues) {
    List<RequestHeaders.Header> headers = new ArrayList<>();
    headers.add(new RequestHeaders.Header("Content-Type", "application/json"));
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.add(new RequestHeaders.Header(nameValues[i], nameValues[i + 1]));
    }
    return new InboundRequest(
        "POST", "/pushback/bench", "", new RequestHeaders(headers), body, "127.0.0.1");
  }
}
