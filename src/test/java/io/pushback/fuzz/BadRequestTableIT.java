package io.pushback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.fuzz.RawRequest.RawAnswer;
import io.pushback.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Design §4 and §5 against bad input, one row per request: each row's exact status, never a 3xx or
 * 5xx, and no saga run. One real server whose clock stands still, so that ±301 s is stale in both
 * directions however long a row takes.
 */
class BadRequestTableIT {
  private static final long NOW = Instant.now().getEpochSecond();
  private static final String BODY = "{\"event\":\"bad-input\",\"n\":1}";
  private static final String SIGNATURE = "PUSHBACK_SIGNATURE";
  private static final String GITHUB = "X-Hub-Signature-256";
  private static final String WEBHOOK = "Webhook-Signature";
  private static final String TIMESTAMP = "Webhook-Timestamp";
  private static final int LIMIT = 64;

  private static CountingSaga saga;
  private static TestServer server;
  private static Fixture fixture;

  /** The endpoints every row may aim at, with their one-time credentials. */
  record Fixture(
      JsonNode basic,
      JsonNode bearer,
      JsonNode tokenSecret,
      JsonNode signature,
      JsonNode github,
      JsonNode timestamped,
      JsonNode limited,
      String site) {
    static String path(JsonNode endpoint) {
      return endpoint.get("path").asText();
    }

    static String key(JsonNode endpoint) {
      return endpoint.get("key").asText();
    }

    static String credential(JsonNode endpoint, String field) {
      return endpoint.path("credentials").get(field).asText();
    }
  }

  /** A row's request, built once the endpoints exist. */
  @FunctionalInterface
  interface Bad {
    RawRequest on(Fixture fixture) throws Exception;
  }

  @BeforeAll
  static void start() throws Exception {
    saga = new CountingSaga();
    server =
        TestServer.start(
            Map.of(), List.of(saga), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    String partner = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    server.createPartner(partner);
    String site = "site-" + UUID.randomUUID().toString().substring(0, 8);
    server.createSite(partner, site);
    fixture =
        new Fixture(
            endpoint(
                partner, "{\"method\":\"basic\",\"username\":\"acme\",\"password\":\"pw>>>???\"}"),
            endpoint(partner, "{\"method\":\"bearer\"}"),
            endpoint(partner, "{\"method\":\"token_secret\"}"),
            endpoint(partner, "{\"method\":\"signature\"}"),
            endpoint(
                partner,
                "{\"method\":\"signature\",\"header\":\""
                    + GITHUB
                    + "\",\"encoding\":\"hex\",\"prefix\":\"sha256=\"}"),
            endpoint(
                partner,
                "{\"method\":\"signature\",\"header\":\""
                    + WEBHOOK
                    + "\",\"timestampHeader\":\""
                    + TIMESTAMP
                    + "\"}"),
            server.adminJson(
                "POST",
                "/partners/" + partner + "/endpoints",
                "{\"name\":\"limited\",\"saga\":\""
                    + CountingSaga.NAME
                    + "\",\"maxBodyBytes\":"
                    + LIMIT
                    + ",\"security\":{\"method\":\"bearer\"}}",
                201),
            site);
  }

  private static JsonNode endpoint(String partner, String security) throws Exception {
    return server.createEndpoint(
        partner, "ep-" + UUID.randomUUID().toString().substring(0, 8), CountingSaga.NAME, security);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // Senders' arithmetic, apart from the main code

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] hmac(String algorithm, String secret, String content) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(utf8(secret), algorithm));
      return mac.doFinal(utf8(content));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm, e);
    }
  }

  private static String basicPair(Fixture f) {
    return "acme:" + Fixture.credential(f.basic(), "password");
  }

  private static String bearerToken(JsonNode endpoint) {
    return Fixture.credential(endpoint, "token");
  }

  private static String reference(Fixture f, String body) {
    return base64(hmac("HmacSHA256", Fixture.credential(f.signature(), "secret"), body));
  }

  private static String githubSecret(Fixture f) {
    return Fixture.credential(f.github(), "secret");
  }

  /** A body whose reference signature holds '+' or '/', so its URL-safe spelling differs. */
  private static String bodyWithUrlUnsafeSignature(Fixture f) {
    for (int n = 0; ; n++) {
      String body = "{\"event\":\"bad-input\",\"n\":" + n + "}";
      String signature = reference(f, body);
      if (signature.contains("+") || signature.contains("/")) {
        return body;
      }
    }
  }

  private static RawRequest timestamped(Fixture f, String timestamp, long signedAt) {
    String secret = Fixture.credential(f.timestamped(), "secret");
    return RawRequest.post(Fixture.path(f.timestamped()))
        .json(BODY)
        .header(WEBHOOK, base64(hmac("HmacSHA256", secret, signedAt + "." + BODY)))
        .header(TIMESTAMP, timestamp);
  }

  private static RawRequest timestamped(Fixture f, String timestamp) {
    String secret = Fixture.credential(f.timestamped(), "secret");
    return RawRequest.post(Fixture.path(f.timestamped()))
        .json(BODY)
        .header(WEBHOOK, base64(hmac("HmacSHA256", secret, timestamp + "." + BODY)))
        .header(TIMESTAMP, timestamp);
  }

  private static RawRequest basicAuthorized(Fixture f, String path) {
    return RawRequest.post(path)
        .json(BODY)
        .header("Authorization", "Basic " + base64(utf8(basicPair(f))));
  }

  /** A JSON array of one number, {@code size} bytes long. */
  private static byte[] ofSize(int size) {
    return utf8("[" + "1".repeat(size - 2) + "]");
  }

  private static Arguments row(String description, int status, Bad request) {
    return Arguments.of(description, status, request);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        // basic: missing, empty, duplicated, truncated, malformed
        row(
            "basic: no Authorization",
            401,
            f -> RawRequest.post(Fixture.path(f.basic())).json(BODY)),
        row(
            "basic: empty Authorization",
            401,
            f -> RawRequest.post(Fixture.path(f.basic())).json(BODY).header("Authorization", "")),
        row(
            "basic: scheme without credentials",
            401,
            f ->
                RawRequest.post(Fixture.path(f.basic()))
                    .json(BODY)
                    .header("Authorization", "Basic ")),
        row(
            "basic: Authorization twice, both valid",
            401,
            f ->
                basicAuthorized(f, Fixture.path(f.basic()))
                    .header("Authorization", "Basic " + base64(utf8(basicPair(f))))),
        row(
            "basic: Authorization and HTTP_AUTHORIZATION, both valid",
            401,
            f ->
                basicAuthorized(f, Fixture.path(f.basic()))
                    .header("HTTP_AUTHORIZATION", base64(utf8(basicPair(f))))),
        row(
            "basic: Base64 truncated by one character",
            401,
            f -> {
              String value = base64(utf8(basicPair(f)));
              return RawRequest.post(Fixture.path(f.basic()))
                  .json(BODY)
                  .header("Authorization", "Basic " + value.substring(0, value.length() - 1));
            }),
        row(
            "basic: password truncated by one character",
            401,
            f -> {
              String pair = basicPair(f);
              return RawRequest.post(Fixture.path(f.basic()))
                  .json(BODY)
                  .header(
                      "Authorization",
                      "Basic " + base64(utf8(pair.substring(0, pair.length() - 1))));
            }),
        row(
            "basic: no colon between user and password",
            401,
            f ->
                RawRequest.post(Fixture.path(f.basic()))
                    .json(BODY)
                    .header(
                        "Authorization", "Basic " + base64(utf8(basicPair(f).replace(":", ""))))),
        row(
            "basic: URL-safe Base64",
            401,
            f -> {
              String value = base64(utf8(basicPair(f)));
              assertThat(value).containsAnyOf("+", "/");
              return RawRequest.post(Fixture.path(f.basic()))
                  .json(BODY)
                  .header("Authorization", "Basic " + value.replace('+', '-').replace('/', '_'));
            }),
        row(
            "basic: non-UTF-8 bytes inside the Base64",
            401,
            f -> {
              byte[] pair = utf8("acme:");
              byte[] bad = new byte[pair.length + 3];
              System.arraycopy(pair, 0, bad, 0, pair.length);
              bad[pair.length] = (byte) 0xff;
              bad[pair.length + 1] = (byte) 0xfe;
              bad[pair.length + 2] = (byte) 0xc3;
              return RawRequest.post(Fixture.path(f.basic()))
                  .json(BODY)
                  .header("Authorization", "Basic " + base64(bad));
            }),
        row(
            "basic: raw non-UTF-8 bytes in the header",
            401,
            f ->
                RawRequest.post(Fixture.path(f.basic()))
                    .json(BODY)
                    .headerBytes(
                        "Authorization",
                        new byte[] {'B', 'a', 's', 'i', 'c', ' ', (byte) 0xff, (byte) 0xfe, 'A'})),
        row(
            "basic: Bearer scheme",
            401,
            f ->
                RawRequest.post(Fixture.path(f.basic()))
                    .json(BODY)
                    .header("Authorization", "Bearer " + base64(utf8(basicPair(f))))),
        row(
            "basic: credentials in the query string only",
            401,
            f ->
                RawRequest.post(
                        Fixture.path(f.basic())
                            + "?username=acme&password="
                            + Fixture.credential(f.basic(), "password").replace("?", "%3F"))
                    .json(BODY)),
        // bearer
        row(
            "bearer: scheme without token",
            401,
            f ->
                RawRequest.post(Fixture.path(f.bearer()))
                    .json(BODY)
                    .header("Authorization", "Bearer")),
        row(
            "bearer: two tokens",
            401,
            f ->
                RawRequest.post(Fixture.path(f.bearer()))
                    .json(BODY)
                    .header(
                        "Authorization",
                        "Bearer " + bearerToken(f.bearer()) + " " + bearerToken(f.bearer()))),
        row(
            "bearer: token truncated by one character",
            401,
            f -> {
              String token = bearerToken(f.bearer());
              return RawRequest.post(Fixture.path(f.bearer()))
                  .json(BODY)
                  .header("Authorization", "Bearer " + token.substring(0, token.length() - 1));
            }),
        row(
            "bearer: Authorization twice",
            401,
            f ->
                RawRequest.post(Fixture.path(f.bearer()))
                    .json(BODY)
                    .header("Authorization", "Bearer " + bearerToken(f.bearer()))
                    .header("authorization", "Bearer " + bearerToken(f.bearer()))),
        row(
            "bearer: token in the query string only",
            401,
            f ->
                RawRequest.post(
                        Fixture.path(f.bearer()) + "?access_token=" + bearerToken(f.bearer()))
                    .json(BODY)),
        row(
            "bearer: Basic scheme",
            401,
            f ->
                RawRequest.post(Fixture.path(f.bearer()))
                    .json(BODY)
                    .header("Authorization", "Basic " + bearerToken(f.bearer()))),
        // token_secret
        row(
            "token_secret: token only",
            401,
            f ->
                RawRequest.post(Fixture.path(f.tokenSecret()))
                    .json(BODY)
                    .header("Access-Token", Fixture.credential(f.tokenSecret(), "token"))),
        row(
            "token_secret: empty token",
            401,
            f ->
                RawRequest.post(Fixture.path(f.tokenSecret()))
                    .json(BODY)
                    .header("Access-Token", "")
                    .header("Access-Secret", Fixture.credential(f.tokenSecret(), "secret"))),
        row(
            "token_secret: token under two spellings",
            401,
            f ->
                RawRequest.post(Fixture.path(f.tokenSecret()))
                    .json(BODY)
                    .header("Access-Token", Fixture.credential(f.tokenSecret(), "token"))
                    .header("ACCESS_TOKEN", Fixture.credential(f.tokenSecret(), "token"))
                    .header("Access-Secret", Fixture.credential(f.tokenSecret(), "secret"))),
        row(
            "token_secret: token and secret swapped",
            401,
            f ->
                RawRequest.post(Fixture.path(f.tokenSecret()))
                    .json(BODY)
                    .header("Access-Token", Fixture.credential(f.tokenSecret(), "secret"))
                    .header("Access-Secret", Fixture.credential(f.tokenSecret(), "token"))),
        row(
            "token_secret: raw non-UTF-8 secret bytes",
            401,
            f ->
                RawRequest.post(Fixture.path(f.tokenSecret()))
                    .json(BODY)
                    .header("Access-Token", Fixture.credential(f.tokenSecret(), "token"))
                    .headerBytes(
                        "Access-Secret", new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xa0})),
        // signature, source documents' defaults
        row(
            "signature: missing",
            401,
            f -> RawRequest.post(Fixture.path(f.signature())).json(BODY)),
        row(
            "signature: empty",
            401,
            f -> RawRequest.post(Fixture.path(f.signature())).json(BODY).header(SIGNATURE, "")),
        row(
            "signature: hex where Base64 is expected",
            401,
            f ->
                RawRequest.post(Fixture.path(f.signature()))
                    .json(BODY)
                    .header(
                        SIGNATURE,
                        HexFormat.of()
                            .formatHex(
                                hmac(
                                    "HmacSHA256",
                                    Fixture.credential(f.signature(), "secret"),
                                    BODY)))),
        row(
            "signature: URL-safe Base64",
            401,
            f -> {
              String body = bodyWithUrlUnsafeSignature(f);
              return RawRequest.post(Fixture.path(f.signature()))
                  .json(body)
                  .header(SIGNATURE, reference(f, body).replace('+', '-').replace('/', '_'));
            }),
        row(
            "signature: Base64 without padding",
            401,
            f ->
                RawRequest.post(Fixture.path(f.signature()))
                    .json(BODY)
                    .header(SIGNATURE, reference(f, BODY).replace("=", ""))),
        row(
            "signature: header name with a trailing space",
            400,
            f ->
                RawRequest.post(Fixture.path(f.signature()))
                    .json(BODY)
                    .header(SIGNATURE + " ", reference(f, BODY))),
        // signature, GitHub's shape: sha256=<hex>
        row(
            "github: downgrade to sha1= with HMAC-SHA1",
            401,
            f ->
                RawRequest.post(Fixture.path(f.github()))
                    .json(BODY)
                    .header(
                        GITHUB,
                        "sha1="
                            + HexFormat.of().formatHex(hmac("HmacSHA1", githubSecret(f), BODY)))),
        row(
            "github: HMAC-SHA1 under the sha256= prefix",
            401,
            f ->
                RawRequest.post(Fixture.path(f.github()))
                    .json(BODY)
                    .header(
                        GITHUB,
                        "sha256="
                            + HexFormat.of().formatHex(hmac("HmacSHA1", githubSecret(f), BODY)))),
        row(
            "github: Base64 where hex is expected",
            401,
            f ->
                RawRequest.post(Fixture.path(f.github()))
                    .json(BODY)
                    .header(GITHUB, "sha256=" + base64(hmac("HmacSHA256", githubSecret(f), BODY)))),
        row(
            "github: hex without its prefix",
            401,
            f ->
                RawRequest.post(Fixture.path(f.github()))
                    .json(BODY)
                    .header(
                        GITHUB,
                        HexFormat.of().formatHex(hmac("HmacSHA256", githubSecret(f), BODY)))),
        row(
            "github: hex truncated by one digit",
            401,
            f -> {
              String hex = HexFormat.of().formatHex(hmac("HmacSHA256", githubSecret(f), BODY));
              return RawRequest.post(Fixture.path(f.github()))
                  .json(BODY)
                  .header(GITHUB, "sha256=" + hex.substring(1));
            }),
        // timestamped signature, ±300 s
        row("timestamp: 301 s old", 401, f -> timestamped(f, Long.toString(NOW - 301))),
        row("timestamp: 301 s ahead", 401, f -> timestamped(f, Long.toString(NOW + 301))),
        row("timestamp: empty", 401, f -> timestamped(f, "", NOW)),
        row("timestamp: abc", 401, f -> timestamped(f, "abc")),
        row("timestamp: 1e9", 401, f -> timestamped(f, "1e9")),
        row("timestamp: -1", 401, f -> timestamped(f, "-1")),
        row("timestamp: 20 digits", 401, f -> timestamped(f, "12345678901234567890")),
        row(
            "timestamp: header twice",
            401,
            f -> timestamped(f, Long.toString(NOW)).header(TIMESTAMP, Long.toString(NOW))),
        row(
            "timestamp: signed for another time",
            401,
            f -> timestamped(f, Long.toString(NOW), NOW - 1)),
        row(
            "timestamp: missing",
            401,
            f -> {
              String secret = Fixture.credential(f.timestamped(), "secret");
              return RawRequest.post(Fixture.path(f.timestamped()))
                  .json(BODY)
                  .header(WEBHOOK, base64(hmac("HmacSHA256", secret, NOW + "." + BODY)));
            }),
        // size
        row(
            "body one byte over the endpoint limit",
            413,
            f ->
                RawRequest.post(Fixture.path(f.limited()))
                    .header("Authorization", "Bearer " + bearerToken(f.limited()))
                    .body("application/json", ofSize(LIMIT + 1))),
        row(
            "Content-Length of a terabyte",
            413,
            f ->
                RawRequest.post(Fixture.path(f.limited()))
                    .header("Authorization", "Bearer " + bearerToken(f.limited()))
                    .contentLength(1L << 40)),
        row(
            // The filter answers every body it could not read in full as 408.
            "Content-Length over what is sent (body ends early)",
            408,
            f -> basicAuthorized(f, Fixture.path(f.basic())).contentLength(BODY.length() + 10)),
        // body, after valid credentials
        row(
            "JSON nested 2000 deep",
            400,
            f ->
                RawRequest.post(Fixture.path(f.bearer()))
                    .header("Authorization", "Bearer " + bearerToken(f.bearer()))
                    .body("application/json", utf8("[".repeat(2000) + "]".repeat(2000)))),
        row(
            "form in an unknown charset",
            400,
            f ->
                RawRequest.post(Fixture.path(f.bearer()))
                    .header("Authorization", "Bearer " + bearerToken(f.bearer()))
                    .body("application/x-www-form-urlencoded; charset=x-nonesuch", utf8("a=1"))),
        row(
            "form that is not valid in its charset",
            400,
            f ->
                RawRequest.post(Fixture.path(f.bearer()))
                    .header("Authorization", "Bearer " + bearerToken(f.bearer()))
                    .body(
                        "application/x-www-form-urlencoded; charset=utf-8",
                        new byte[] {'a', '=', (byte) 0xff})),
        // paths
        row(
            "path: %2F inside the key",
            400,
            f -> {
              String key = Fixture.key(f.basic());
              return basicAuthorized(
                  f, "/pushback/" + key.substring(0, 4) + "%2F" + key.substring(4));
            }),
        row(
            // Matched on the raw URI, so the dot segment matches no pushback URL.
            "path: .. segment",
            404,
            f -> basicAuthorized(f, "/pushback/x/../" + Fixture.key(f.basic()))),
        row("path: trailing slash", 404, f -> basicAuthorized(f, Fixture.path(f.basic()) + "/")),
        row(
            "path: double slash",
            400,
            f -> basicAuthorized(f, "/pushback//" + Fixture.key(f.basic()))),
        row(
            "path: empty site slug",
            404,
            f -> basicAuthorized(f, Fixture.path(f.basic()) + "/sites/")),
        row(
            "path: encoded slash in the site slug",
            400,
            f -> basicAuthorized(f, Fixture.path(f.basic()) + "/sites/" + f.site() + "%2Fx")),
        row(
            "path: key in upper-case percent-encoding",
            404,
            f ->
                basicAuthorized(
                    f,
                    "/pushback/%"
                        + Integer.toHexString(Fixture.key(f.basic()).charAt(0)).toUpperCase()
                        + Fixture.key(f.basic()).substring(1))),
        // methods
        row("method: GET", 405, f -> basicAuthorized(f, Fixture.path(f.basic())).method("GET")),
        row("method: PUT", 405, f -> basicAuthorized(f, Fixture.path(f.basic())).method("PUT")),
        row(
            "method: OPTIONS",
            405,
            f -> basicAuthorized(f, Fixture.path(f.basic())).method("OPTIONS")),
        row("method: HEAD", 405, f -> basicAuthorized(f, Fixture.path(f.basic())).method("HEAD")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("badRequests")
  void refusesWithItsStatusAndRunsNoSaga(String description, int status, Bad bad) throws Exception {
    int runsBefore = saga.runs();
    RawRequest request = bad.on(fixture);

    RawAnswer answer = request.send(server.port());

    assertThat(answer.status()).as("%s: %s", description, answer.head()).isEqualTo(status);
    assertThat(answer.status()).isBetween(400, 499);
    assertThat(saga.runs()).as("saga runs").isEqualTo(runsBefore);
    if (!request.toString().startsWith("HEAD")) {
      assertThat(answer.body()).startsWith("{\"error\":\"");
    }
  }

  /** The rows prove something only if the same endpoints accept the right request. */
  static Stream<Arguments> goodRequests() {
    return Stream.of(
        row("basic", 200, f -> basicAuthorized(f, Fixture.path(f.basic()))),
        row(
            "basic in a site of its partner",
            200,
            f -> basicAuthorized(f, Fixture.path(f.basic()) + "/sites/" + f.site())),
        row(
            "bearer",
            200,
            f ->
                RawRequest.post(Fixture.path(f.bearer()))
                    .json(BODY)
                    .header("Authorization", "Bearer " + bearerToken(f.bearer()))),
        row(
            "token_secret",
            200,
            f ->
                RawRequest.post(Fixture.path(f.tokenSecret()))
                    .json(BODY)
                    .header("ACCESS_TOKEN", Fixture.credential(f.tokenSecret(), "token"))
                    .header("Access-Secret", Fixture.credential(f.tokenSecret(), "secret"))),
        row(
            "signature",
            200,
            f ->
                RawRequest.post(Fixture.path(f.signature()))
                    .json(BODY)
                    .header(SIGNATURE, reference(f, BODY))),
        row(
            "github",
            200,
            f ->
                RawRequest.post(Fixture.path(f.github()))
                    .json(BODY)
                    .header(
                        GITHUB,
                        "sha256="
                            + HexFormat.of().formatHex(hmac("HmacSHA256", githubSecret(f), BODY)))),
        row("timestamp: 300 s old", 200, f -> timestamped(f, Long.toString(NOW - 300))),
        row("timestamp: 300 s ahead", 200, f -> timestamped(f, Long.toString(NOW + 300))),
        row(
            "body exactly at the endpoint limit",
            200,
            f ->
                RawRequest.post(Fixture.path(f.limited()))
                    .header("Authorization", "Bearer " + bearerToken(f.limited()))
                    .body("application/json", ofSize(LIMIT))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodRequests")
  void acceptsTheRightRequestToTheSameEndpoint(String description, int status, Bad good)
      throws Exception {
    int runsBefore = saga.runs();

    RawAnswer answer = good.on(fixture).send(server.port());

    assertThat(answer.status())
        .as("%s: %s %s", description, answer.head(), answer.body())
        .isEqualTo(status);
    assertThat(saga.runs()).as("saga runs").isEqualTo(runsBefore + 1);
  }

  @Test
  void theTableCoversEnoughBadRequests() {
    assertThat(badRequests().count()).isGreaterThanOrEqualTo(40);
  }
}
