package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Design §2 and §7: every request that reached a known endpoint leaves a delivery row, credentials
 * redacted.
 */
class DeliveryRecordsIT {
  private static final String REDACTED = "[redacted]";
  private static final String BODY = "{\"event\":\"loan.updated\",\"id\":7}";
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of(
          "authorization",
          "access-token",
          "access-secret",
          "pushback-signature",
          "x-acme-signature");

  private static RecordingSaga recording;
  private static TestServer server;
  private static Endpoints endpoints;

  @BeforeAll
  static void start() throws Exception {
    recording = new RecordingSaga();
    server = TestServer.start(List.of(recording, new FailingSaga()));
    endpoints = new Endpoints(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String basicValue(String username, String password) {
    return Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void recordsAcceptedAndRejectedDeliveriesNewestFirst() throws Exception {
    String password = Endpoints.unique("pw");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(RecordingSaga.NAME, Security.basic("acme", password));

    String accepted =
        assertSuccess(
            PushbackCall.post(endpoint.path())
                .header("Authorization", "Basic " + basicValue("acme", password))
                .json(BODY)
                .send(server));
    HttpResponse<String> unauthorized =
        PushbackCall.post(endpoint.path())
            .header("Authorization", "Basic " + basicValue("acme", "nope"))
            .json(BODY)
            .send(server);
    HttpResponse<String> badRequest =
        PushbackCall.post(endpoint.path())
            .header("Authorization", "Basic " + basicValue("acme", password))
            .json("{\"a\":")
            .send(server);
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(badRequest.statusCode()).isEqualTo(400);

    List<JsonNode> rows = endpoints.deliveries(endpoint.id());

    assertThat(rows).hasSize(3);
    assertRow(rows.get(0), "rejected", 400);
    assertThat(rows.get(0).get("reason").asText()).isNotBlank();
    assertRow(rows.get(1), "rejected", 401);
    assertThat(rows.get(1).get("reason").asText()).isNotBlank();
    assertRow(rows.get(2), "succeeded", 200);
    assertThat(rows.get(2).get("id").asText()).isEqualTo(accepted);
    assertThat(rows.get(2).get("reason").isNull()).isTrue();
    for (JsonNode row : rows) {
      assertThat(row.get("endpoint").asLong()).isEqualTo(endpoint.id());
    }
  }

  @Test
  void recordsAFailedSagaAsFailedWith500() throws Exception {
    String password = Endpoints.unique("pw");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(FailingSaga.NAME, Security.basic("acme", password));

    HttpResponse<String> response =
        PushbackCall.post(endpoint.path())
            .header("Authorization", "Basic " + basicValue("acme", password))
            .json(BODY)
            .send(server);
    assertThat(response.statusCode()).isEqualTo(500);
    String delivery = Answers.json(response).get("delivery").asText();

    List<JsonNode> rows = endpoints.deliveries(endpoint.id());

    assertThat(rows).hasSize(1);
    assertRow(rows.get(0), "failed", 500);
    assertThat(rows.get(0).get("id").asText()).isEqualTo(delivery);
    assertThat(rows.get(0).get("reason").asText()).isNotBlank();
  }

  @Test
  void filtersDeliveriesByOutcome() throws Exception {
    String token = Endpoints.unique("bearer");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(RecordingSaga.NAME, Security.bearer(token));
    assertSuccess(
        PushbackCall.post(endpoint.path())
            .header("Authorization", "Bearer " + token)
            .json(BODY)
            .send(server));
    PushbackCall.post(endpoint.path()).json(BODY).send(server);

    JsonNode rejected =
        server.adminJson(
            "GET", "/endpoints/" + endpoint.id() + "/deliveries?outcome=rejected", null, 200);

    assertThat(rejected.get("deliveries")).hasSize(1);
    assertRow(rejected.get("deliveries").get(0), "rejected", 401);
  }

  @Test
  void deliveryOfASuccessIsReadableByItsId() throws Exception {
    String token = Endpoints.unique("bearer");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(RecordingSaga.NAME, Security.bearer(token));

    String delivery =
        assertSuccess(
            PushbackCall.post(endpoint.path())
                .query("ref=9")
                .header("Authorization", "Bearer " + token)
                .json(BODY)
                .send(server));

    HttpResponse<String> response = endpoints.delivery(delivery);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(token);
    JsonNode row = Answers.json(response);
    assertThat(row.get("id").asText()).isEqualTo(delivery);
    assertThat(row.get("endpoint").asLong()).isEqualTo(endpoint.id());
    assertRow(row, "succeeded", 200);
    assertThat(row.get("body").asText()).isEqualTo(BODY);
    assertThat(row.get("parameters").get("event").asText()).isEqualTo("loan.updated");
    assertThat(row.get("parameters").get("ref").asText()).isEqualTo("9");
    assertRedacted(row);
  }

  @Test
  void recordsTheSiteContextOfAPartnerEndpointCalledThroughASiteRoute() throws Exception {
    String partner = endpoints.partner();
    JsonNode site = endpoints.site(partner);
    String token = Endpoints.unique("bearer");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(partner, RecordingSaga.NAME, Security.bearer(token));

    String delivery =
        assertSuccess(
            PushbackCall.post(endpoint.path() + "/sites/" + site.get("slug").asText())
                .header("Authorization", "Bearer " + token)
                .json(BODY)
                .send(server));

    assertThat(Answers.json(endpoints.delivery(delivery)).get("site").asLong())
        .isEqualTo(site.get("id").asLong());
  }

  /**
   * Per method: the security JSON, the secret values that must never be shown, the headers of an
   * accepted request and those of a refused one (which may repeat or misspell a credential header).
   */
  static Stream<Arguments> methods() {
    String password = Endpoints.unique("pw");
    String token = Endpoints.unique("tok");
    String secret = Endpoints.unique("sec");
    String hmac = Endpoints.unique("hmac");
    String bearer = Endpoints.unique("bearer");
    String basic = basicValue("acme", password);
    String wrongBasic = basicValue("acme", password + "x");
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    String signature = Signatures.header("HmacSHA256", "hex", "sha256=", hmac, body);
    String wrongSignature = Signatures.header("HmacSHA256", "hex", "sha256=", hmac + "x", body);
    String defaultSignature = Signatures.reference(hmac, body);
    return Stream.of(
        Arguments.of(
            "basic",
            Security.basic("acme", password),
            List.of(password, basic, wrongBasic),
            List.of("Authorization", "Basic " + basic),
            List.of("HTTP_AUTHORIZATION", wrongBasic)),
        Arguments.of(
            "basic, duplicated",
            Security.basic("acme", password),
            List.of(password, basic),
            List.of("HTTP_AUTHORIZATION", basic),
            List.of("Authorization", "Basic " + basic, "HTTP_AUTHORIZATION", "Basic " + basic)),
        Arguments.of(
            "token_secret",
            Security.tokenSecret(token, secret),
            List.of(token, secret),
            List.of("HTTP_ACCESS_TOKEN", token, "access_secret", secret),
            List.of("Access-Token", token, "HTTP_ACCESS_TOKEN", token, "ACCESS_SECRET", secret)),
        Arguments.of(
            "signature",
            Security.signature("X-Acme-Signature", "HmacSHA256", "hex", "sha256=", hmac),
            List.of(hmac, signature, wrongSignature),
            List.of("X-Acme-Signature", signature),
            List.of("HTTP_X_ACME_SIGNATURE", wrongSignature)),
        Arguments.of(
            "signature, default header",
            Security.signature(hmac),
            List.of(hmac, defaultSignature),
            List.of("Pushback-Signature", defaultSignature),
            List.of(
                "PUSHBACK_SIGNATURE", defaultSignature, "pushback-signature", defaultSignature)),
        Arguments.of(
            "bearer",
            Security.bearer(bearer),
            List.of(bearer),
            List.of("Authorization", "Bearer " + bearer),
            List.of("Authorization", "Bearer " + bearer + "x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void redactsEveryCredentialHeaderOfAcceptedAndRefusedDeliveries(
      String description,
      String security,
      List<String> secrets,
      List<String> accepted,
      List<String> refused)
      throws Exception {
    CreatedEndpoint endpoint = endpoints.partnerEndpoint(RecordingSaga.NAME, security);
    String delivery = assertSuccess(withHeaders(endpoint, accepted).send(server));
    assertThat(withHeaders(endpoint, refused).send(server).statusCode()).isEqualTo(401);

    String listing = endpoints.deliveriesText(endpoint.id());
    String single = endpoints.delivery(delivery).body();

    for (String secret : secrets) {
      assertThat(listing).doesNotContain(secret);
      assertThat(single).doesNotContain(secret);
    }
    List<JsonNode> rows = endpoints.deliveries(endpoint.id());
    assertThat(rows).hasSize(2);
    assertRow(rows.get(0), "rejected", 401);
    assertRow(rows.get(1), "succeeded", 200);
    assertThat(credentialHeaderCount(rows.get(0))).isEqualTo(refused.size() / 2);
    assertThat(credentialHeaderCount(rows.get(1))).isEqualTo(accepted.size() / 2);
    rows.forEach(DeliveryRecordsIT::assertRedacted);
  }

  private static PushbackCall withHeaders(CreatedEndpoint endpoint, List<String> headers) {
    PushbackCall call =
        PushbackCall.post(endpoint.path()).json(BODY).header("X-Trace-Id", "trace-1");
    for (int i = 0; i < headers.size(); i += 2) {
      call.header(headers.get(i), headers.get(i + 1));
    }
    return call;
  }

  private static void assertRow(JsonNode row, String outcome, int status) {
    assertThat(row.get("outcome").asText()).as("outcome of %s", row).isEqualTo(outcome);
    assertThat(row.get("status").asInt()).as("status of %s", row).isEqualTo(status);
  }

  private static long credentialHeaderCount(JsonNode row) {
    List<String> names = new ArrayList<>();
    row.get("headers").forEach(h -> names.add(HeaderName.canonical(h.get("name").asText())));
    return names.stream().filter(CREDENTIAL_HEADERS::contains).count();
  }

  /** Every credential header of the row is redacted, and the ordinary ones are kept. */
  private static void assertRedacted(JsonNode row) {
    boolean sawTrace = false;
    for (JsonNode header : row.get("headers")) {
      String name = HeaderName.canonical(header.get("name").asText());
      if (CREDENTIAL_HEADERS.contains(name)) {
        assertThat(header.get("value").asText()).as("value of %s", name).isEqualTo(REDACTED);
      }
      sawTrace |= name.equals("x-trace-id") && !header.get("value").asText().equals(REDACTED);
    }
    if (row.toString().contains("trace-")) {
      assertThat(sawTrace).as("ordinary headers are kept").isTrue();
    }
  }
}
