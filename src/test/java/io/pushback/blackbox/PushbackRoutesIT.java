package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertAnswer;
import static io.pushback.blackbox.Answers.assertJsonContentType;
import static io.pushback.blackbox.Answers.assertSuccess;
import static io.pushback.blackbox.Answers.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Design §3 routes and every row of §5 answers but 503, end to end on a real port. */
class PushbackRoutesIT {
  private static final String BODY = "{\"event\":\"loan.updated\",\"id\":7}";

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

  private static CreatedEndpoint basicEndpoint(String saga) throws Exception {
    return endpoints.partnerEndpoint(saga, Security.basic("acme", Endpoints.unique("pw")));
  }

  private static PushbackCall authorized(CreatedEndpoint endpoint, String path) {
    String pair = endpoint.setting("username") + ":" + endpoint.credential("password");
    return PushbackCall.post(path)
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static PushbackCall authorized(CreatedEndpoint endpoint) {
    return authorized(endpoint, endpoint.path());
  }

  // 200

  @Test
  void answersSuccessWithTheDeliveryIdOnceTheSagaRan() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    HttpResponse<String> response = authorized(endpoint).json(BODY).send(server);

    String delivery = assertSuccess(response);
    assertThat(recording.run(delivery).endpoint().id()).isEqualTo(endpoint.id());
  }

  @Test
  void answersSuccessForTheBuiltInLogSaga() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint("log");

    assertSuccess(authorized(endpoint).json(BODY).send(server));
  }

  @Test
  void acceptsAnEmptyBody() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    String delivery = assertSuccess(authorized(endpoint).send(server));

    assertThat(recording.run(delivery).body()).isEmpty();
  }

  // 400

  @Test
  void refusesMalformedJsonWithValidCredentialsAsBadRequest() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    HttpResponse<String> response = authorized(endpoint).json("{\"event\":").send(server);

    assertBadRequest(response);
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  @Test
  void refusesMalformedFormWithValidCredentialsAsBadRequest() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    HttpResponse<String> response =
        authorized(endpoint)
            .contentType("application/x-www-form-urlencoded")
            .body("a=%zz")
            .send(server);

    assertBadRequest(response);
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  @Test
  void checksCredentialsBeforeTheBodyOfMalformedJson() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    HttpResponse<String> response =
        PushbackCall.post(endpoint.path())
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("acme:wrong".getBytes(StandardCharsets.UTF_8)))
            .json("{\"event\":")
            .send(server);

    assertUnauthorized(response, "Basic");
  }

  @Test
  void checksCredentialsBeforeTheBodyOfAMalformedForm() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    HttpResponse<String> response =
        PushbackCall.post(endpoint.path())
            .contentType("application/x-www-form-urlencoded")
            .body("a=%zz")
            .send(server);

    assertUnauthorized(response, "Basic");
  }

  private static void assertBadRequest(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(400);
    assertJsonContentType(response);
    JsonNode answer = Answers.json(response);
    assertThat(Answers.fieldNames(answer)).containsExactly("error", "message");
    assertThat(answer.get("error").asText()).isEqualTo("bad_request");
    assertThat(answer.get("message").asText()).isNotBlank();
    assertNoInternals(response.body());
  }

  // 401

  @Test
  void refusesAMissingCredentialAsUnauthorized() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    assertUnauthorized(PushbackCall.post(endpoint.path()).json(BODY).send(server), "Basic");
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  // 404

  @Test
  void answersNotFoundForAnUnknownKey() throws Exception {
    HttpResponse<String> response =
        PushbackCall.post("/pushback/" + Endpoints.unique("nokey")).json(BODY).send(server);

    assertAnswer(response, 404, Answers.NOT_FOUND);
  }

  @Test
  void answersNotFoundForADisabledEndpointAndServesItAgainOnceEnabled() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);
    endpoints.setEnabled(endpoint.id(), false);

    assertAnswer(authorized(endpoint).json(BODY).send(server), 404, Answers.NOT_FOUND);
    assertThat(recording.runsFor(endpoint.id())).isEmpty();

    endpoints.setEnabled(endpoint.id(), true);
    assertSuccess(authorized(endpoint).json(BODY).send(server));
  }

  @Test
  void answersNotFoundForADeletedEndpoint() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);
    endpoints.delete(endpoint.id());

    assertAnswer(authorized(endpoint).json(BODY).send(server), 404, Answers.NOT_FOUND);
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  @Test
  void answersNotFoundForASiteOfAnotherPartner() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);
    String otherSite = endpoints.site(endpoints.partner()).get("slug").asText();

    HttpResponse<String> response =
        authorized(endpoint, endpoint.path() + "/sites/" + otherSite).json(BODY).send(server);

    assertAnswer(response, 404, Answers.NOT_FOUND);
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  @Test
  void answersNotFoundForAnUnknownSiteSlug() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    HttpResponse<String> response =
        authorized(endpoint, endpoint.path() + "/sites/" + Endpoints.unique("nosite"))
            .json(BODY)
            .send(server);

    assertAnswer(response, 404, Answers.NOT_FOUND);
  }

  @Test
  void answersNotFoundForTheSiteRouteOfASiteEndpoint() throws Exception {
    String partner = endpoints.partner();
    String site = endpoints.site(partner).get("slug").asText();
    CreatedEndpoint endpoint =
        endpoints.siteEndpoint(
            partner, site, RecordingSaga.NAME, Security.basic("acme", Endpoints.unique("pw")));

    HttpResponse<String> response =
        authorized(endpoint, endpoint.path() + "/sites/" + site).json(BODY).send(server);

    assertAnswer(response, 404, Answers.NOT_FOUND);
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/", "/extra", "/sites/", "/sites/UPPER", "/sites/a/b"})
  void answersNotFoundForPathsThatAreNotAPushbackUrl(String suffix) throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    HttpResponse<String> response =
        authorized(endpoint, endpoint.path() + suffix).json(BODY).send(server);

    assertThat(response.statusCode()).as("body %s", response.body()).isEqualTo(404);
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  // Partner endpoint in a site's context

  @Test
  void acceptsAPartnerEndpointInTheContextOfItsOwnSite() throws Exception {
    String partner = endpoints.partner();
    JsonNode site = endpoints.site(partner);
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(
            partner, RecordingSaga.NAME, Security.basic("acme", Endpoints.unique("pw")));

    String delivery =
        assertSuccess(
            authorized(endpoint, endpoint.path() + "/sites/" + site.get("slug").asText())
                .json(BODY)
                .send(server));

    assertThat(recording.run(delivery).site())
        .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(site.get("id").asLong()));
  }

  // 405

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
  void answersMethodNotAllowedWithAllowPost(String method) throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(RecordingSaga.NAME);

    HttpResponse<String> response = authorized(endpoint).method(method).send(server);

    assertAnswer(response, 405, Answers.METHOD_NOT_ALLOWED);
    assertThat(response.headers().allValues("Allow")).containsExactly("POST");
    assertThat(recording.runsFor(endpoint.id())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "PUT", "DELETE"})
  void answersMethodNotAllowedOnTheSiteRouteToo(String method) throws Exception {
    String partner = endpoints.partner();
    String site = endpoints.site(partner).get("slug").asText();
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(
            partner, RecordingSaga.NAME, Security.basic("acme", Endpoints.unique("pw")));

    HttpResponse<String> response =
        authorized(endpoint, endpoint.path() + "/sites/" + site).method(method).send(server);

    assertAnswer(response, 405, Answers.METHOD_NOT_ALLOWED);
    assertThat(response.headers().allValues("Allow")).containsExactly("POST");
  }

  // 500

  @Test
  void answersSagaFailedWithTheDeliveryIdAndNoInternals() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint(FailingSaga.NAME);

    HttpResponse<String> response = authorized(endpoint).json(BODY).send(server);

    assertThat(response.statusCode()).as("body %s", response.body()).isEqualTo(500);
    assertJsonContentType(response);
    JsonNode answer = Answers.json(response);
    assertThat(Answers.fieldNames(answer)).containsExactly("error", "delivery");
    assertThat(answer.get("error").asText()).isEqualTo("saga_failed");
    assertThat(answer.get("delivery").isTextual()).isTrue();
    String delivery = answer.get("delivery").asText();
    assertThat(delivery).matches("\\d+");
    assertNoInternals(response.body());
    assertThat(response.body())
        .doesNotContain(FailingSaga.INTERNAL_MESSAGE, "IllegalStateException");

    JsonNode row = Answers.json(endpoints.delivery(delivery).body());
    assertThat(row.get("outcome").asText()).isEqualTo("failed");
    assertThat(row.get("status").asInt()).isEqualTo(500);
  }

  private static void assertNoInternals(String body) {
    assertThat(body)
        .doesNotContain("Exception", "\tat ", "at io.pushback", "at org.", "java.", "Caused by");
  }
}
