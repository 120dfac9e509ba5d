package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertSuccess;
import static io.pushback.blackbox.Answers.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Design §4: every security method accepted under each documented spelling, and refused with the
 * one 401 body when the credential is missing, malformed, wrong, truncated, for another body, under
 * the wrong scheme, duplicated, or in the query string only.
 */
class SecurityMethodsIT {
  private static final String BODY = "{\"event\":\"ping\",\"n\":1}";
  private static final String OTHER_BODY = "{\"event\":\"ping\",\"n\":2}";

  private static RecordingSaga recording;
  private static TestServer server;
  private static Endpoints endpoints;

  /** A request built from an endpoint and its one-time credentials. */
  @FunctionalInterface
  interface Attempt {
    PushbackCall on(CreatedEndpoint endpoint);
  }

  @BeforeAll
  static void start() throws Exception {
    recording = new RecordingSaga();
    server = TestServer.start(List.of(recording));
    endpoints = new Endpoints(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Arguments attempt(String description, Attempt attempt) {
    return Arguments.of(description, attempt);
  }

  private static PushbackCall call(CreatedEndpoint endpoint) {
    return PushbackCall.post(endpoint.path()).json(BODY);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String truncated(String value) {
    return value.substring(0, value.length() - 4);
  }

  private void assertAccepted(CreatedEndpoint endpoint, Attempt attempt) throws Exception {
    String delivery = assertSuccess(attempt.on(endpoint).send(server));
    assertThat(recording.run(delivery).endpoint().id()).isEqualTo(endpoint.id());
  }

  private void assertRefused(CreatedEndpoint endpoint, Attempt attempt, String challenge)
      throws Exception {
    HttpResponse<String> response = attempt.on(endpoint).send(server);
    assertUnauthorized(response, challenge);
    assertThat(recording.runsFor(endpoint.id())).as("saga runs").isEmpty();
  }

  // basic

  private static CreatedEndpoint basicEndpoint() throws Exception {
    return endpoints.partnerEndpoint(
        RecordingSaga.NAME, Security.basic(Endpoints.unique("user"), Endpoints.unique("pw")));
  }

  private static String basicValue(CreatedEndpoint endpoint) {
    return base64(endpoint.setting("username") + ":" + endpoint.credential("password"));
  }

  static Stream<Arguments> basicAccepted() {
    return Stream.of(
        attempt(
            "Authorization: Basic", e -> call(e).header("Authorization", "Basic " + basicValue(e))),
        attempt(
            "scheme in lower case", e -> call(e).header("Authorization", "basic " + basicValue(e))),
        attempt(
            "HTTP_AUTHORIZATION with Basic",
            e -> call(e).header("HTTP_AUTHORIZATION", "Basic " + basicValue(e))),
        attempt(
            "HTTP_AUTHORIZATION without Basic",
            e -> call(e).header("HTTP_AUTHORIZATION", basicValue(e))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("basicAccepted")
  void basicAccepts(String description, Attempt attempt) throws Exception {
    assertAccepted(basicEndpoint(), attempt);
  }

  static Stream<Arguments> basicRefused() {
    return Stream.of(
        attempt("missing", e -> call(e)),
        attempt("not Base64", e -> call(e).header("Authorization", "Basic !!!not-base64!!!")),
        attempt(
            "no colon",
            e ->
                call(e)
                    .header(
                        "Authorization",
                        "Basic " + base64(e.setting("username") + e.credential("password")))),
        attempt("scheme only", e -> call(e).header("Authorization", "Basic")),
        attempt(
            "Authorization without scheme", e -> call(e).header("Authorization", basicValue(e))),
        attempt(
            "wrong password",
            e ->
                call(e)
                    .header(
                        "Authorization",
                        "Basic "
                            + base64(
                                e.setting("username") + ":" + e.credential("password") + "x"))),
        attempt(
            "wrong username",
            e ->
                call(e)
                    .header(
                        "Authorization",
                        "Basic "
                            + base64(
                                "x" + e.setting("username") + ":" + e.credential("password")))),
        attempt(
            "empty password",
            e -> call(e).header("Authorization", "Basic " + base64(e.setting("username") + ":"))),
        attempt(
            "truncated", e -> call(e).header("Authorization", "Basic " + truncated(basicValue(e)))),
        attempt("Bearer scheme", e -> call(e).header("Authorization", "Bearer " + basicValue(e))),
        attempt("Digest scheme", e -> call(e).header("Authorization", "Digest " + basicValue(e))),
        attempt(
            "Authorization twice",
            e ->
                call(e)
                    .header("Authorization", "Basic " + basicValue(e))
                    .header("Authorization", "Basic " + basicValue(e))),
        attempt(
            "Authorization and HTTP_AUTHORIZATION",
            e ->
                call(e)
                    .header("Authorization", "Basic " + basicValue(e))
                    .header("HTTP_AUTHORIZATION", "Basic " + basicValue(e))),
        attempt(
            "HTTP_AUTHORIZATION and HTTP-Authorization",
            e ->
                call(e)
                    .header("HTTP_AUTHORIZATION", basicValue(e))
                    .header("HTTP-Authorization", basicValue(e))),
        attempt(
            "query string Authorization",
            e -> call(e).query("Authorization=" + url("Basic " + basicValue(e)))),
        attempt(
            "query string username and password",
            e ->
                call(e)
                    .query(
                        "username="
                            + url(e.setting("username"))
                            + "&password="
                            + url(e.credential("password")))),
        attempt(
            "form body username and password",
            e ->
                PushbackCall.post(e.path())
                    .contentType("application/x-www-form-urlencoded")
                    .body(
                        "username="
                            + url(e.setting("username"))
                            + "&password="
                            + url(e.credential("password")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("basicRefused")
  void basicRefuses(String description, Attempt attempt) throws Exception {
    assertRefused(basicEndpoint(), attempt, "Basic");
  }

  // token_secret

  private static CreatedEndpoint tokenSecretEndpoint() throws Exception {
    return endpoints.partnerEndpoint(
        RecordingSaga.NAME, Security.tokenSecret(Endpoints.unique("tok"), Endpoints.unique("sec")));
  }

  private static Attempt tokenSecretAs(String tokenHeader, String secretHeader) {
    return e ->
        call(e)
            .header(tokenHeader, e.credential("token"))
            .header(secretHeader, e.credential("secret"));
  }

  static Stream<Arguments> tokenSecretAccepted() {
    return Stream.of(
        attempt("Access-Token, Access-Secret", tokenSecretAs("Access-Token", "Access-Secret")),
        attempt("ACCESS_TOKEN, ACCESS_SECRET", tokenSecretAs("ACCESS_TOKEN", "ACCESS_SECRET")),
        attempt(
            "HTTP_ACCESS_TOKEN, HTTP_ACCESS_SECRET",
            tokenSecretAs("HTTP_ACCESS_TOKEN", "HTTP_ACCESS_SECRET")),
        attempt("access-token, access-secret", tokenSecretAs("access-token", "access-secret")),
        attempt("access_token, access_secret", tokenSecretAs("access_token", "access_secret")),
        attempt(
            "HTTP_ACCESS_TOKEN, Access-Secret",
            tokenSecretAs("HTTP_ACCESS_TOKEN", "Access-Secret")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokenSecretAccepted")
  void tokenSecretAccepts(String description, Attempt attempt) throws Exception {
    assertAccepted(tokenSecretEndpoint(), attempt);
  }

  static Stream<Arguments> tokenSecretRefused() {
    return Stream.of(
        attempt("missing", e -> call(e)),
        attempt("token only", e -> call(e).header("Access-Token", e.credential("token"))),
        attempt("secret only", e -> call(e).header("Access-Secret", e.credential("secret"))),
        attempt(
            "wrong token",
            e ->
                call(e)
                    .header("Access-Token", e.credential("token") + "x")
                    .header("Access-Secret", e.credential("secret"))),
        attempt(
            "wrong secret",
            e ->
                call(e)
                    .header("Access-Token", e.credential("token"))
                    .header("Access-Secret", e.credential("secret") + "x")),
        attempt(
            "swapped",
            e ->
                call(e)
                    .header("Access-Token", e.credential("secret"))
                    .header("Access-Secret", e.credential("token"))),
        attempt(
            "truncated token",
            e ->
                call(e)
                    .header("Access-Token", truncated(e.credential("token")))
                    .header("Access-Secret", e.credential("secret"))),
        attempt(
            "truncated secret",
            e ->
                call(e)
                    .header("Access-Token", e.credential("token"))
                    .header("Access-Secret", truncated(e.credential("secret")))),
        attempt(
            "Access-Token twice",
            e ->
                call(e)
                    .header("Access-Token", e.credential("token"))
                    .header("Access-Token", e.credential("token"))
                    .header("Access-Secret", e.credential("secret"))),
        attempt(
            "Access-Token and HTTP_ACCESS_TOKEN",
            e ->
                call(e)
                    .header("Access-Token", e.credential("token"))
                    .header("HTTP_ACCESS_TOKEN", e.credential("token"))
                    .header("Access-Secret", e.credential("secret"))),
        attempt(
            "Access-Secret and ACCESS_SECRET",
            e ->
                call(e)
                    .header("Access-Token", e.credential("token"))
                    .header("Access-Secret", e.credential("secret"))
                    .header("ACCESS_SECRET", e.credential("secret"))),
        attempt(
            "Access-Token and a wrong HTTP_ACCESS_TOKEN",
            e ->
                call(e)
                    .header("Access-Token", e.credential("token"))
                    .header("HTTP_ACCESS_TOKEN", "x")
                    .header("Access-Secret", e.credential("secret"))),
        attempt(
            "query string only",
            e ->
                call(e)
                    .query(
                        "access_token="
                            + url(e.credential("token"))
                            + "&access_secret="
                            + url(e.credential("secret")))),
        attempt(
            "query string Access-Token",
            e ->
                call(e)
                    .query(
                        "Access-Token="
                            + url(e.credential("token"))
                            + "&Access-Secret="
                            + url(e.credential("secret")))),
        attempt(
            "Authorization: Bearer token",
            e -> call(e).header("Authorization", "Bearer " + e.credential("token"))),
        attempt(
            "Authorization: Basic token:secret",
            e ->
                call(e)
                    .header(
                        "Authorization",
                        "Basic " + base64(e.credential("token") + ":" + e.credential("secret")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokenSecretRefused")
  void tokenSecretRefuses(String description, Attempt attempt) throws Exception {
    assertRefused(tokenSecretEndpoint(), attempt, null);
  }

  // signature

  private static final String SIGNATURE_SECRET_FIELD = "secret";

  private static CreatedEndpoint signatureEndpoint() throws Exception {
    return endpoints.partnerEndpoint(
        RecordingSaga.NAME, Security.signature(Endpoints.unique("hmac")));
  }

  private static String signed(CreatedEndpoint endpoint, String body) {
    return Signatures.reference(
        endpoint.credential(SIGNATURE_SECRET_FIELD), body.getBytes(StandardCharsets.UTF_8));
  }

  private static Attempt signedAs(String header) {
    return e -> call(e).header(header, signed(e, BODY));
  }

  static Stream<Arguments> signatureAccepted() {
    return Stream.of(
        attempt("PUSHBACK_SIGNATURE", signedAs("PUSHBACK_SIGNATURE")),
        attempt("Pushback-Signature", signedAs("Pushback-Signature")),
        attempt("pushback-signature", signedAs("pushback-signature")),
        attempt("HTTP_PUSHBACK_SIGNATURE", signedAs("HTTP_PUSHBACK_SIGNATURE")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatureAccepted")
  void signatureAccepts(String description, Attempt attempt) throws Exception {
    assertAccepted(signatureEndpoint(), attempt);
  }

  @Test
  void signatureDefaultsAreTheSourceDocumentsReferenceValue() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();
    assertThat(endpoint.setting("header")).isEqualTo("PUSHBACK_SIGNATURE");
    assertThat(endpoint.setting("algorithm")).isEqualTo("HmacSHA256");
    assertThat(endpoint.setting("encoding")).isEqualTo("base64");
    String reference =
        Signatures.header(
            "HmacSHA256",
            "base64",
            "",
            endpoint.credential("secret"),
            BODY.getBytes(StandardCharsets.UTF_8));

    assertAccepted(endpoint, e -> call(e).header("PUSHBACK_SIGNATURE", reference));
  }

  static Stream<Arguments> signatureRefused() {
    return Stream.of(
        attempt("missing", e -> call(e)),
        attempt("not Base64", e -> call(e).header("PUSHBACK_SIGNATURE", "!!!!not-base64!!!!")),
        attempt("empty-ish", e -> call(e).header("PUSHBACK_SIGNATURE", "=")),
        attempt(
            "wrong secret",
            e ->
                call(e)
                    .header(
                        "PUSHBACK_SIGNATURE",
                        Signatures.reference(
                            "wrong-secret", BODY.getBytes(StandardCharsets.UTF_8)))),
        attempt("truncated", e -> call(e).header("PUSHBACK_SIGNATURE", truncated(signed(e, BODY)))),
        attempt(
            "without padding",
            e -> call(e).header("PUSHBACK_SIGNATURE", signed(e, BODY).replace("=", ""))),
        attempt(
            "one character changed",
            e -> {
              String value = signed(e, BODY);
              char first = value.charAt(0) == 'A' ? 'B' : 'A';
              return call(e).header("PUSHBACK_SIGNATURE", first + value.substring(1));
            }),
        attempt(
            "for another body", e -> call(e).header("PUSHBACK_SIGNATURE", signed(e, OTHER_BODY))),
        attempt(
            "hex instead of Base64",
            e ->
                call(e)
                    .header(
                        "PUSHBACK_SIGNATURE",
                        Signatures.header(
                            "HmacSHA256",
                            "hex",
                            "",
                            e.credential("secret"),
                            BODY.getBytes(StandardCharsets.UTF_8)))),
        attempt(
            "HmacSHA1 instead of HmacSHA256",
            e ->
                call(e)
                    .header(
                        "PUSHBACK_SIGNATURE",
                        Signatures.header(
                            "HmacSHA1",
                            "base64",
                            "",
                            e.credential("secret"),
                            BODY.getBytes(StandardCharsets.UTF_8)))),
        attempt(
            "with a sha256= prefix",
            e -> call(e).header("PUSHBACK_SIGNATURE", "sha256=" + signed(e, BODY))),
        attempt(
            "under Authorization",
            e -> call(e).header("Authorization", "Bearer " + signed(e, BODY))),
        attempt("under another header", e -> call(e).header("X-Signature", signed(e, BODY))),
        attempt(
            "PUSHBACK_SIGNATURE twice",
            e ->
                call(e)
                    .header("PUSHBACK_SIGNATURE", signed(e, BODY))
                    .header("PUSHBACK_SIGNATURE", signed(e, BODY))),
        attempt(
            "PUSHBACK_SIGNATURE and Pushback-Signature",
            e ->
                call(e)
                    .header("PUSHBACK_SIGNATURE", signed(e, BODY))
                    .header("Pushback-Signature", signed(e, BODY))),
        attempt(
            "query string only", e -> call(e).query("PUSHBACK_SIGNATURE=" + url(signed(e, BODY)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatureRefused")
  void signatureRefuses(String description, Attempt attempt) throws Exception {
    assertRefused(signatureEndpoint(), attempt, null);
  }

  @ParameterizedTest(name = "{0} {1} prefix ''{2}'' in {3}")
  @CsvSource({
    "HmacSHA256,    base64, '',      PUSHBACK_SIGNATURE",
    "HmacSHA256,    hex,    sha256=, X-Hub-Signature-256",
    "HmacSHA1,      base64, '',      X-Signature",
    "HmacSHA1,      hex,    sha1=,   X-Hub-Signature",
    "HmacSHA512,    base64, '',      X-Signature",
    "HmacSHA512,    hex,    sha512=, X-Signature",
    "HmacRIPEMD128, base64, '',      X-Signature",
    "HmacRIPEMD128, hex,    '',      X-HMAC-HASH"
  })
  void signatureAcceptsEveryAlgorithmAndEncoding(
      String algorithm, String encoding, String prefix, String header) throws Exception {
    String secret = Endpoints.unique("hmac");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(
            RecordingSaga.NAME, Security.signature(header, algorithm, encoding, prefix, secret));
    String value =
        Signatures.header(
            algorithm, encoding, prefix, secret, BODY.getBytes(StandardCharsets.UTF_8));

    assertAccepted(endpoint, e -> call(e).header(header, value));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HmacSHA1", "HmacSHA512", "HmacRIPEMD128"})
  void signatureRefusesAnotherBodyUnderEveryAlgorithm(String algorithm) throws Exception {
    String secret = Endpoints.unique("hmac");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(
            RecordingSaga.NAME, Security.signature("X-Signature", algorithm, "hex", "", secret));
    String value =
        Signatures.header(
            algorithm, "hex", "", secret, OTHER_BODY.getBytes(StandardCharsets.UTF_8));

    assertRefused(endpoint, e -> call(e).header("X-Signature", value), null);
  }

  @Test
  void signatureWithPrefixRefusesAValueWithoutIt() throws Exception {
    String secret = Endpoints.unique("hmac");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(
            RecordingSaga.NAME,
            Security.signature("X-Hub-Signature-256", "HmacSHA256", "hex", "sha256=", secret));
    String bare =
        Signatures.header("HmacSHA256", "hex", "", secret, BODY.getBytes(StandardCharsets.UTF_8));

    assertRefused(endpoint, e -> call(e).header("X-Hub-Signature-256", bare), null);
    assertRefused(endpoint, e -> call(e).header("X-Hub-Signature-256", "sha1=" + bare), null);
    assertRefused(
        endpoint, e -> call(e).header("X-Hub-Signature-256", "sha256=" + truncated(bare)), null);
  }

  // bearer

  private static CreatedEndpoint bearerEndpoint() throws Exception {
    return endpoints.partnerEndpoint(
        RecordingSaga.NAME, Security.bearer(Endpoints.unique("bearer")));
  }

  static Stream<Arguments> bearerAccepted() {
    return Stream.of(
        attempt(
            "Authorization: Bearer",
            e -> call(e).header("Authorization", "Bearer " + e.credential("token"))),
        attempt(
            "scheme in lower case",
            e -> call(e).header("Authorization", "bearer " + e.credential("token"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bearerAccepted")
  void bearerAccepts(String description, Attempt attempt) throws Exception {
    assertAccepted(bearerEndpoint(), attempt);
  }

  static Stream<Arguments> bearerRefused() {
    return Stream.of(
        attempt("missing", e -> call(e)),
        attempt("scheme only", e -> call(e).header("Authorization", "Bearer")),
        attempt(
            "two tokens",
            e -> call(e).header("Authorization", "Bearer " + e.credential("token") + " x")),
        attempt(
            "token without scheme", e -> call(e).header("Authorization", e.credential("token"))),
        attempt(
            "wrong token",
            e -> call(e).header("Authorization", "Bearer " + e.credential("token") + "x")),
        attempt(
            "truncated",
            e -> call(e).header("Authorization", "Bearer " + truncated(e.credential("token")))),
        attempt(
            "Basic scheme", e -> call(e).header("Authorization", "Basic " + e.credential("token"))),
        attempt(
            "Token scheme", e -> call(e).header("Authorization", "Token " + e.credential("token"))),
        attempt(
            "Authorization twice",
            e ->
                call(e)
                    .header("Authorization", "Bearer " + e.credential("token"))
                    .header("Authorization", "Bearer " + e.credential("token"))),
        attempt(
            "Authorization and HTTP_AUTHORIZATION",
            e ->
                call(e)
                    .header("Authorization", "Bearer " + e.credential("token"))
                    .header("HTTP_AUTHORIZATION", "Bearer " + e.credential("token"))),
        attempt(
            "query string access_token",
            e -> call(e).query("access_token=" + url(e.credential("token")))),
        attempt(
            "form body access_token",
            e ->
                PushbackCall.post(e.path())
                    .contentType("application/x-www-form-urlencoded")
                    .body("access_token=" + url(e.credential("token")))),
        attempt("Access-Token header", e -> call(e).header("Access-Token", e.credential("token"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bearerRefused")
  void bearerRefuses(String description, Attempt attempt) throws Exception {
    assertRefused(bearerEndpoint(), attempt, "Bearer");
  }
}
