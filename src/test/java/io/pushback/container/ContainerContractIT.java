package io.pushback.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every deployment of Pushback keeps, over HTTP only: one suite, run once per class
 * against the embedded server, the WAR on a standalone Jetty and the WAR on a standalone Tomcat
 * (each subclass starts its container once). Every test makes its own partner, so the order does
 * not matter. A failing saga (500) is left to the embedded suites: a container has no test sagas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainerContractIT {
  private static final String JSON_BODY = "{\"loan\":\"L-1001\",\"status\":\"approved\"}";
  private static final String UNAUTHORIZED = "{\"error\":\"unauthorized\"}";
  private static final Duration ASYNC_DEADLINE = Duration.ofSeconds(20);

  private PushbackContainer container;
  protected ContainerClient client;

  /** Starts the container under test, with Pushback at the root context and the admin API on. */
  protected abstract PushbackContainer start(Path directory) throws Exception;

  @BeforeAll
  void startContainer(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory) throws Exception {
    container = start(directory);
    client = new ContainerClient(container);
  }

  @AfterAll
  void stopContainer() throws InterruptedException {
    if (container != null) {
      container.stop();
    }
  }

  protected PushbackContainer container() {
    return container;
  }

  @Test
  void servesTheConsoleWithItsPolicy() throws Exception {
    HttpResponse<String> page = client.send(client.request("/console/").GET());
    HttpResponse<String> script = client.send(client.request("/console/js/app.js").GET());

    assertThat(page.statusCode()).as(page::body).isEqualTo(200);
    assertThat(page.body()).contains("<title>Pushback console</title>");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .startsWith("default-src 'self'");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/javascript");
  }

  @Test
  void reportsHealth() throws Exception {
    HttpResponse<String> response = client.send(client.request("/health").GET());

    assertThat(response.statusCode()).as(() -> client.describe(response)).isEqualTo(200);
    assertJson(response);
    assertThat(ContainerClient.json(response.body()).path("status").asText()).isEqualTo("up");
  }

  @Test
  void createsPartnerSiteAndSiteEndpointAndNeverShowsTheSecretAgain() throws Exception {
    String partner = client.partner();
    String site = client.site(partner).path("slug").asText();
    String secret = ContainerClient.unique("secret");

    JsonNode created =
        client.endpoint(partner + "/sites/" + site, "", SecurityCase.BEARER.security(secret));
    JsonNode shown =
        client.adminJson("GET", "/endpoints/" + created.path("id").asLong(), null, 200);

    assertThat(created.path("path").asText())
        .isEqualTo("/pushback/" + created.path("key").asText());
    assertThat(created.path("site").asText()).isEqualTo(site);
    assertThat(created.path("credentials").path("token").asText()).isEqualTo(secret);
    assertThat(shown.path("key").asText()).isEqualTo(created.path("key").asText());
    assertThat(shown.toString()).doesNotContain(secret);
  }

  @ParameterizedTest
  @EnumSource(SecurityCase.class)
  void acceptsTheRightCredentials(SecurityCase method) throws Exception {
    String secret = ContainerClient.unique("secret");
    JsonNode endpoint = client.endpoint(client.partner(), "", method.security(secret));

    HttpResponse<String> response = pushback(endpoint, method, secret, JSON_BODY);

    assertSuccess(response);
  }

  @ParameterizedTest
  @EnumSource(SecurityCase.class)
  void refusesWrongCredentialsWithTheOneBody(SecurityCase method) throws Exception {
    JsonNode endpoint =
        client.endpoint(client.partner(), "", method.security(ContainerClient.unique("secret")));

    HttpResponse<String> response =
        pushback(endpoint, method, ContainerClient.unique("wrong"), JSON_BODY);

    assertThat(response.statusCode()).as(() -> client.describe(response)).isEqualTo(401);
    assertJson(response);
    assertThat(response.body()).isEqualTo(UNAUTHORIZED);
    if (method.challenge() != null) {
      assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
          .startsWithIgnoringCase(method.challenge());
    }
  }

  @Test
  void answersNotFoundForAnUnknownKey() throws Exception {
    HttpResponse<String> response =
        client.send(
            client
                .request("/pushback/" + ContainerClient.unique("no-such-key"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON_BODY)));

    assertAnswer(response, 404, "{\"error\":\"not_found\"}");
  }

  @Test
  void answersMethodNotAllowedWithAllowPost() throws Exception {
    JsonNode endpoint =
        client.endpoint(client.partner(), "", SecurityCase.BEARER.security("get-not-allowed"));

    HttpResponse<String> response = client.send(client.request(path(endpoint)).GET());

    assertAnswer(response, 405, "{\"error\":\"method_not_allowed\"}");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void refusesABodyOverTheEndpointsLimit() throws Exception {
    String secret = ContainerClient.unique("secret");
    JsonNode endpoint =
        client.endpoint(
            client.partner(), "\"maxBodyBytes\":64,", SecurityCase.BEARER.security(secret));
    String body = "{\"padding\":\"" + "x".repeat(4_000) + "\"}";

    HttpResponse<String> response = pushback(endpoint, SecurityCase.BEARER, secret, body);

    assertAnswer(response, 413, "{\"error\":\"payload_too_large\"}");
  }

  @Test
  void answersBadRequestForMalformedJsonWithGoodCredentials() throws Exception {
    String secret = ContainerClient.unique("secret");
    JsonNode endpoint =
        client.endpoint(client.partner(), "", SecurityCase.SIGNATURE.security(secret));

    HttpResponse<String> response =
        pushback(endpoint, SecurityCase.SIGNATURE, secret, "{\"loan\": ");

    assertThat(response.statusCode()).as(() -> client.describe(response)).isEqualTo(400);
    assertJson(response);
    assertThat(ContainerClient.json(response.body()).path("error").asText())
        .isEqualTo("bad_request");
  }

  @Test
  void recordsTheLogSagasDeliveryWithCredentialsRedacted() throws Exception {
    String secret = ContainerClient.unique("secret");
    JsonNode endpoint = client.endpoint(client.partner(), "", SecurityCase.BASIC.security(secret));

    String id = assertSuccess(pushback(endpoint, SecurityCase.BASIC, secret, JSON_BODY));
    JsonNode delivery = client.delivery(id);

    assertThat(delivery.path("outcome").asText()).isEqualTo("succeeded");
    assertThat(delivery.path("status").asInt()).isEqualTo(200);
    assertThat(delivery.path("endpoint").asLong()).isEqualTo(endpoint.path("id").asLong());
    assertThat(delivery.path("parameters").path("loan").asText()).isEqualTo("L-1001");
    assertThat(ContainerClient.json(delivery.path("sagaResult").asText()).path("status").asText())
        .isEqualTo("approved");
    JsonNode authorization = header(delivery, "authorization");
    assertThat(authorization).as("the Authorization header is recorded").isNotNull();
    assertThat(authorization.path("value").asText()).isEqualTo("[redacted]");
    assertThat(delivery.toString()).doesNotContain(secret);
  }

  @Test
  void parsesASignedFormPostAfterVerifyingItsRawBody() throws Exception {
    String secret = ContainerClient.unique("secret");
    JsonNode endpoint =
        client.endpoint(client.partner(), "", SecurityCase.SIGNATURE.security(secret));
    String form = "loan=L-2002&status=declined&note=caf%C3%A9+au+lait";
    HttpRequest.Builder request =
        client
            .request(path(endpoint) + "?source=portal")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    SecurityCase.SIGNATURE.sign(request, secret, form.getBytes(UTF_8));

    String id = assertSuccess(client.send(request));
    JsonNode parameters = client.delivery(id).path("parameters");

    assertThat(parameters.path("loan").asText()).isEqualTo("L-2002");
    assertThat(parameters.path("status").asText()).isEqualTo("declined");
    assertThat(parameters.path("note").asText()).isEqualTo("café au lait");
    assertThat(parameters.path("source").asText()).isEqualTo("portal");
  }

  @Test
  void runsAPartnerEndpointInTheContextOfOneOfItsSites() throws Exception {
    String partner = client.partner();
    JsonNode site = client.site(partner);
    String otherSite = client.site(client.partner()).path("slug").asText();
    String secret = ContainerClient.unique("secret");
    JsonNode endpoint = client.endpoint(partner, "", SecurityCase.BEARER.security(secret));

    HttpResponse<String> inSite =
        pushback(endpoint, "/sites/" + site.path("slug").asText(), SecurityCase.BEARER, secret);
    HttpResponse<String> notItsSite =
        pushback(endpoint, "/sites/" + otherSite, SecurityCase.BEARER, secret);

    String id = assertSuccess(inSite);
    assertThat(client.delivery(id).path("site").asLong()).isEqualTo(site.path("id").asLong());
    assertAnswer(notItsSite, 404, "{\"error\":\"not_found\"}");
  }

  @Test
  void acceptsAnAsyncDeliveryAndRunsItsSagaLater() throws Exception {
    String secret = ContainerClient.unique("secret");
    JsonNode endpoint =
        client.endpoint(
            client.partner(), "\"mode\":\"async\",", SecurityCase.BEARER.security(secret));

    HttpResponse<String> response = pushback(endpoint, SecurityCase.BEARER, secret, JSON_BODY);

    assertThat(response.statusCode()).as(() -> client.describe(response)).isEqualTo(202);
    assertJson(response);
    JsonNode answer = ContainerClient.json(response.body());
    assertThat(answer.path("status").asText()).isEqualTo("accepted");
    String id = answer.path("delivery").asText();
    assertThat(awaitOutcome(id)).isEqualTo("succeeded");
  }

  /** Polls the delivery until it leaves {@code pending} or the deadline passes; its outcome. */
  private String awaitOutcome(String id) throws Exception {
    Instant deadline = Instant.now().plus(ASYNC_DEADLINE);
    String outcome = client.delivery(id).path("outcome").asText();
    while (outcome.equals("pending") && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      outcome = client.delivery(id).path("outcome").asText();
    }
    return outcome;
  }

  private HttpResponse<String> pushback(
      JsonNode endpoint, SecurityCase method, String secret, String json) throws Exception {
    return pushback(endpoint, "", method, secret, json);
  }

  private HttpResponse<String> pushback(
      JsonNode endpoint, String suffix, SecurityCase method, String secret) throws Exception {
    return pushback(endpoint, suffix, method, secret, JSON_BODY);
  }

  private HttpResponse<String> pushback(
      JsonNode endpoint, String suffix, SecurityCase method, String secret, String json)
      throws Exception {
    byte[] body = json.getBytes(UTF_8);
    HttpRequest.Builder request =
        client
            .request(path(endpoint) + suffix)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    method.sign(request, secret, body);
    return client.send(request);
  }

  private static String path(JsonNode endpoint) {
    return endpoint.path("path").asText();
  }

  /** The recorded header named {@code name} (any case), or null. */
  private static JsonNode header(JsonNode delivery, String name) {
    for (JsonNode header : delivery.path("headers")) {
      if (header.path("name").asText().toLowerCase(Locale.ROOT).equals(name)) {
        return header;
      }
    }
    return null;
  }

  /** Asserts {@code 200 {"status":"success","delivery":"<id>"}}; the delivery id. */
  private String assertSuccess(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(() -> client.describe(response)).isEqualTo(200);
    assertJson(response);
    JsonNode answer = ContainerClient.json(response.body());
    assertThat(answer.path("status").asText()).isEqualTo("success");
    assertThat(answer.path("delivery").asText()).matches("\\d+");
    return answer.path("delivery").asText();
  }

  private void assertAnswer(HttpResponse<String> response, int status, String body) {
    assertThat(response.statusCode()).as(() -> client.describe(response)).isEqualTo(status);
    assertJson(response);
    assertThat(response.body()).isEqualTo(body);
  }

  private static void assertJson(HttpResponse<String> response) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    assertThat(contentType.toLowerCase(Locale.ROOT).replace(" ", ""))
        .as("Content-Type")
        .isEqualTo("application/json;charset=utf-8");
  }
}
