package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.testing.LogCapture;
import io.pushback.testing.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Design §4 and §7: secrets never appear in logs. Everything the server logs (Pushback's loggers at
 * DEBUG) is captured while accepted and refused requests of every method run; no password, token,
 * secret, Base64 credential, signature or admin token may show, while the delivery outcome lines
 * must.
 */
class NoSecretsInLogsIT {
  private static final String BODY = "{\"event\":\"loan.updated\",\"id\":7}";
  private static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);

  private static LogCapture log;
  private static TestServer server;
  private static Endpoints endpoints;

  @BeforeAll
  static void start() throws Exception {
    log = CapturedLog.start();
    server = TestServer.start(List.of(new RecordingSaga(), new FailingSaga()));
    endpoints = new Endpoints(server);
  }

  @AfterAll
  static void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      log.close();
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static PushbackCall call(CreatedEndpoint endpoint) {
    return PushbackCall.post(endpoint.path()).json(BODY);
  }

  /** Some line names the delivery (the word "delivery" shortly before its id) and its outcome. */
  private static void assertLogged(String delivery, String outcome) {
    Pattern named = Pattern.compile("(?i)\\bdelivery\\W{0,3}" + delivery + "\\b");
    assertThat(log.text().lines())
        .as("an outcome line for delivery %s", delivery)
        .anyMatch(
            line -> named.matcher(line).find() && line.toLowerCase(Locale.ROOT).contains(outcome));
  }

  private static void assertNotLogged(List<String> values) {
    String text = log.text();
    for (String value : values) {
      assertThat(text).as("the log").doesNotContain(value);
    }
  }

  private static String deliveryOf(HttpResponse<String> response) {
    return Answers.json(response).get("delivery").asText();
  }

  @Test
  void basicCredentialsAreNeverLogged() throws Exception {
    String username = Endpoints.unique("user");
    String password = Endpoints.unique("pw");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(RecordingSaga.NAME, Security.basic(username, password));
    CreatedEndpoint failing =
        endpoints.partnerEndpoint(FailingSaga.NAME, Security.basic(username, password));
    String good = base64(username + ":" + password);
    String wrong = base64(username + ":" + password + "-wrong");

    String accepted =
        assertSuccess(call(endpoint).header("Authorization", "Basic " + good).send(server));
    assertSuccess(call(endpoint).header("HTTP_AUTHORIZATION", good).send(server));
    call(endpoint).header("Authorization", "Basic " + wrong).send(server);
    call(endpoint).header("Authorization", "Bearer " + good).send(server);
    call(endpoint)
        .header("Authorization", "Basic " + good)
        .header("HTTP_AUTHORIZATION", good)
        .send(server);
    call(endpoint).query("password=" + url(password)).send(server);
    PushbackCall.post(endpoint.path())
        .header("Authorization", "Basic " + good)
        .json("{\"a\":")
        .send(server);
    HttpResponse<String> failed =
        call(failing).header("Authorization", "Basic " + good).send(server);

    assertNotLogged(List.of(password, good, wrong));
    assertLogged(accepted, "succeeded");
    assertLogged(deliveryOf(failed), "failed");
    assertThat(log.text()).containsIgnoringCase("rejected");
  }

  @Test
  void tokensAndSecretsAreNeverLogged() throws Exception {
    String token = Endpoints.unique("tok");
    String secret = Endpoints.unique("sec");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(RecordingSaga.NAME, Security.tokenSecret(token, secret));

    String accepted =
        assertSuccess(
            call(endpoint)
                .header("Access-Token", token)
                .header("Access-Secret", secret)
                .send(server));
    assertSuccess(
        call(endpoint)
            .header("HTTP_ACCESS_TOKEN", token)
            .header("access_secret", secret)
            .send(server));
    call(endpoint)
        .header("Access-Token", token)
        .header("Access-Secret", secret + "-wrong")
        .send(server);
    call(endpoint)
        .header("Access-Token", token + "-wrong")
        .header("Access-Secret", secret)
        .send(server);
    call(endpoint)
        .header("Access-Token", token)
        .header("HTTP_ACCESS_TOKEN", token)
        .header("Access-Secret", secret)
        .send(server);
    call(endpoint)
        .query("access_token=" + url(token) + "&access_secret=" + url(secret))
        .send(server);

    assertNotLogged(List.of(token, secret));
    assertLogged(accepted, "succeeded");
  }

  @Test
  void signatureSecretsAndSignaturesAreNeverLogged() throws Exception {
    String hmac = Endpoints.unique("hmac");
    String hexSecret = Endpoints.unique("hmac");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(RecordingSaga.NAME, Security.signature(hmac));
    CreatedEndpoint hexEndpoint =
        endpoints.partnerEndpoint(
            RecordingSaga.NAME,
            Security.signature("X-Hub-Signature-256", "HmacSHA256", "hex", "sha256=", hexSecret));
    String good = Signatures.reference(hmac, BODY_BYTES);
    String wrong = Signatures.reference(hmac + "-wrong", BODY_BYTES);
    String otherBody = Signatures.reference(hmac, "{}".getBytes(StandardCharsets.UTF_8));
    String hex = Signatures.header("HmacSHA256", "hex", "sha256=", hexSecret, BODY_BYTES);
    String wrongHex =
        Signatures.header("HmacSHA256", "hex", "sha256=", hexSecret + "-wrong", BODY_BYTES);
    List<String> sent = new ArrayList<>(List.of(good, wrong, otherBody, hex, wrongHex));

    String accepted = assertSuccess(call(endpoint).header("PUSHBACK_SIGNATURE", good).send(server));
    assertSuccess(call(hexEndpoint).header("X-Hub-Signature-256", hex).send(server));
    call(endpoint).header("PUSHBACK_SIGNATURE", wrong).send(server);
    call(endpoint).header("Pushback-Signature", otherBody).send(server);
    call(endpoint)
        .header("PUSHBACK_SIGNATURE", good)
        .header("Pushback-Signature", good)
        .send(server);
    call(endpoint).query("PUSHBACK_SIGNATURE=" + url(good)).send(server);
    call(hexEndpoint).header("X-Hub-Signature-256", wrongHex).send(server);

    sent.add(hmac);
    sent.add(hexSecret);
    assertNotLogged(sent);
    assertLogged(accepted, "succeeded");
  }

  @Test
  void bearerTokensAreNeverLogged() throws Exception {
    String token = Endpoints.unique("bearer");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(RecordingSaga.NAME, Security.bearer(token));

    String accepted =
        assertSuccess(call(endpoint).header("Authorization", "Bearer " + token).send(server));
    call(endpoint).header("Authorization", "Bearer " + token + "-wrong").send(server);
    call(endpoint).header("Authorization", "Basic " + token).send(server);
    call(endpoint)
        .header("Authorization", "Bearer " + token)
        .header("HTTP_AUTHORIZATION", "Bearer " + token)
        .send(server);
    call(endpoint).query("access_token=" + url(token)).send(server);

    assertNotLogged(List.of(token));
    assertLogged(accepted, "succeeded");
  }

  @Test
  void theAdminTokenIsNeverLogged() throws Exception {
    endpoints.partnerEndpoint(RecordingSaga.NAME, Security.bearer(Endpoints.unique("bearer")));
    server.send(
        HttpRequest.newBuilder(server.uri("/admin/api/v1/partners"))
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN + "-wrong")
            .GET()
            .build());

    assertNotLogged(List.of(TestServer.ADMIN_TOKEN));
  }
}
