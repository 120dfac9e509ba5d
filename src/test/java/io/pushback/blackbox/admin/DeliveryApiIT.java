package io.pushback.blackbox.admin;

import static io.pushback.blackbox.admin.AdminClient.assertBadRequestNaming;
import static io.pushback.blackbox.admin.AdminClient.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.saga.Saga;
import io.pushback.saga.SagaContext;
import io.pushback.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Design §2 and §7: reading deliveries (newest first, filtered by outcome, limited), one delivery
 * with every credential redacted, and the registered sagas.
 */
final class DeliveryApiIT {
  private static final String BODY = "{\"loan\":\"12345\",\"status\":\"approved\"}";
  private static final String AUDIT_SAGA = "blackbox-audit";

  private static TestServer server;
  private static AdminClient admin;
  private static PushbackSender sender;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of(new AuditSaga()));
    admin = new AdminClient(server);
    sender = new PushbackSender(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listsDeliveriesNewestFirst() throws Exception {
    Hook hook = bearerHook();
    String first = hook.deliver();
    hook.refuse();
    String third = hook.deliver();

    JsonNode list = deliveries(hook, "");

    assertThat(list.size()).isEqualTo(3);
    assertThat(list.get(0).path("id").asText()).isEqualTo(third);
    assertThat(list.get(2).path("id").asText()).isEqualTo(first);
    assertThat(outcomes(list)).containsExactly("succeeded", "rejected", "succeeded");
    assertThat(list.get(1).path("status").asInt()).isEqualTo(401);
    List<Long> ids = new ArrayList<>();
    list.forEach(d -> ids.add(Long.parseLong(d.path("id").asText())));
    assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void filtersByOutcome() throws Exception {
    Hook hook = bearerHook();
    hook.deliver();
    hook.refuse();
    hook.deliver();
    hook.refuse();

    JsonNode rejected = deliveries(hook, "?outcome=rejected");
    JsonNode succeeded = deliveries(hook, "?outcome=succeeded");

    assertThat(outcomes(rejected)).containsExactly("rejected", "rejected");
    assertThat(outcomes(succeeded)).containsExactly("succeeded", "succeeded");
    assertThat(deliveries(hook, "?outcome=failed").size()).isZero();
  }

  @Test
  void limitsToTheNewest() throws Exception {
    Hook hook = bearerHook();
    hook.refuse();
    hook.deliver();
    String newest = hook.deliver();
    hook.refuse();

    JsonNode one = deliveries(hook, "?limit=2");
    JsonNode newestSucceeded = deliveries(hook, "?outcome=succeeded&limit=1");

    assertThat(outcomes(one)).containsExactly("rejected", "succeeded");
    assertThat(one.get(1).path("id").asText()).isEqualTo(newest);
    assertThat(newestSucceeded.size()).isEqualTo(1);
    assertThat(newestSucceeded.get(0).path("id").asText()).isEqualTo(newest);
  }

  @Test
  void listsOnlyTheEndpointsOwnDeliveries() throws Exception {
    Hook hook = bearerHook();
    Hook other = bearerHook();
    hook.deliver();
    other.deliver();
    other.deliver();

    assertThat(deliveries(hook, "").size()).isEqualTo(1);
    assertThat(deliveries(other, "").size()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"?outcome=bogus", "?outcome=REJECTED", "?outcome=accepted"})
  void refusesUnknownOutcomeNamingIt(String query) throws Exception {
    assertBadRequestNaming(
        admin.get("/endpoints/" + bearerHook().id + "/deliveries" + query), "outcome");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"?limit=0", "?limit=-1", "?limit=ten", "?limit=1.5", "?limit=99999999999"})
  void refusesUnusableLimitNamingIt(String query) throws Exception {
    assertBadRequestNaming(
        admin.get("/endpoints/" + bearerHook().id + "/deliveries" + query), "limit");
  }

  @Test
  void answersNotFoundForDeliveriesOfUnknownEndpoint() throws Exception {
    assertNotFound(admin.get("/endpoints/987654321/deliveries"));
  }

  @Test
  void showsOneDelivery() throws Exception {
    Hook hook = bearerHook();
    String id = hook.deliver();

    JsonNode delivery = admin.ok("/deliveries/" + id);

    assertThat(delivery.path("id").asText()).isEqualTo(id);
    assertThat(delivery.path("outcome").asText()).isEqualTo("succeeded");
    assertThat(delivery.path("status").asInt()).isEqualTo(200);
    assertThat(delivery.path("body").asText()).isEqualTo(BODY);
    assertThat(delivery.path("parameters").path("loan").asText()).isEqualTo("12345");
    assertThat(delivery.path("receivedAt").asText()).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(SecurityKind.class)
  void redactsTheCredentialsOfAnAcceptedDelivery(SecurityKind kind) throws Exception {
    JsonNode created = admin.newEndpoint(admin.newPartner(), "redacted", kind.security(Map.of()));
    Map<String, String> secrets = kind.secretsOf(created.path("credentials"));
    String[] credentials = kind.credentialHeaders(secrets, BODY);
    List<String> headers = new ArrayList<>(List.of(credentials));
    headers.addAll(List.of("X-Trace-Id", "trace-4711"));
    HttpResponse<String> response =
        sender.post(created.path("path").asText(), BODY, headers.toArray(String[]::new));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    AdminAnswer delivery = admin.get("/deliveries/" + deliveryId(response));

    assertThat(delivery.status()).isEqualTo(200);
    assertRedacted(delivery, secrets, credentials);
  }

  @Test
  void redactsWrongCredentialsOfARejectedDelivery() throws Exception {
    Hook hook = bearerHook();
    sender.post(
        hook.path,
        BODY,
        "Authorization",
        "Bearer wrong-bearer-token-4711",
        "Access-Token",
        "stray-access-token-4711",
        "X-Trace-Id",
        "trace-4711");

    JsonNode rejected = deliveries(hook, "?outcome=rejected").get(0);
    AdminAnswer delivery = admin.get("/deliveries/" + rejected.path("id").asText());

    assertThat(delivery.field("outcome").asText()).isEqualTo("rejected");
    assertThat(delivery.text())
        .doesNotContain("wrong-bearer-token-4711")
        .doesNotContain("stray-access-token-4711");
    assertThat(delivery.text()).contains("trace-4711");
  }

  @Test
  void redactsCredentialHeadersUnderEverySpelling() throws Exception {
    JsonNode created =
        admin.newEndpoint(admin.newPartner(), "cgi", SecurityKind.TOKEN_SECRET.security(Map.of()));
    Map<String, String> secrets = SecurityKind.TOKEN_SECRET.secretsOf(created.path("credentials"));
    HttpResponse<String> response =
        sender.post(
            created.path("path").asText(),
            BODY,
            "HTTP_ACCESS_TOKEN",
            secrets.get("token"),
            "access_secret",
            secrets.get("secret"),
            "X-Trace-Id",
            "trace-4711");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    AdminAnswer delivery = admin.get("/deliveries/" + deliveryId(response));

    Secrets.assertNoneIn(delivery.text(), secrets.values());
    assertThat(delivery.text()).contains("trace-4711");
  }

  @Test
  void redactsACustomSignatureHeader() throws Exception {
    JsonNode created =
        admin.newEndpoint(
            admin.newPartner(),
            "custom",
            "{\"method\":\"signature\",\"header\":\"X-Partner-Sig\"}");
    String secret = created.path("credentials").path("secret").asText();
    String signature = PushbackSender.base64HmacSha256(secret, BODY);
    HttpResponse<String> response =
        sender.post(
            created.path("path").asText(),
            BODY,
            "x_partner_sig",
            signature,
            "X-Trace-Id",
            "trace-4711");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    AdminAnswer delivery = admin.get("/deliveries/" + deliveryId(response));

    assertThat(delivery.text())
        .doesNotContain(signature)
        .doesNotContain(secret)
        .contains("trace-4711");
  }

  @Test
  void answersNotFoundForUnknownDelivery() throws Exception {
    assertNotFound(admin.get("/deliveries/987654321"));
    assertNotFound(admin.get("/deliveries/not-a-number"));
  }

  @Test
  void listsRegisteredSagas() throws Exception {
    JsonNode sagas = admin.ok("/sagas").path("sagas");

    assertThat(sagas.isArray()).as("%s", sagas).isTrue();
    List<String> names = new ArrayList<>();
    sagas.forEach(s -> names.add(s.asText()));
    assertThat(names).contains("log", AUDIT_SAGA).doesNotHaveDuplicates();
  }

  @Test
  void runsARegisteredSagaNamedByAnEndpoint() throws Exception {
    JsonNode created =
        admin.created(
            "/partners/" + admin.newPartner() + "/endpoints",
            "{\"name\":\"audited\",\"saga\":\""
                + AUDIT_SAGA
                + "\",\"security\":{\"method\":\"bearer\"}}");
    String token = created.path("credentials").path("token").asText();

    HttpResponse<String> response =
        sender.post(created.path("path").asText(), BODY, "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode delivery = admin.ok("/deliveries/" + deliveryId(response));
    assertThat(delivery.path("outcome").asText()).isEqualTo("succeeded");
    assertThat(delivery.path("sagaResult").asText()).isEqualTo("audited loan 12345");
  }

  // --- helpers

  private static void assertRedacted(
      AdminAnswer delivery, Map<String, String> secrets, String[] credentials) {
    Secrets.assertNoneIn(delivery.text(), secrets.values());
    for (int i = 1; i < credentials.length; i += 2) {
      assertThat(delivery.text())
          .as("credential header %s", credentials[i - 1])
          .doesNotContain(credentials[i]);
    }
    assertThat(delivery.text()).contains("trace-4711");
  }

  private static JsonNode deliveries(Hook hook, String query) throws Exception {
    JsonNode list = admin.ok("/endpoints/" + hook.id + "/deliveries" + query).path("deliveries");
    assertThat(list.isArray()).as("%s", list).isTrue();
    return list;
  }

  private static List<String> outcomes(JsonNode list) {
    List<String> outcomes = new ArrayList<>();
    list.forEach(d -> outcomes.add(d.path("outcome").asText()));
    return outcomes;
  }

  private static String deliveryId(HttpResponse<String> response) throws Exception {
    String id = new ObjectMapper().readTree(response.body()).path("delivery").asText();
    assertThat(id).as(response.body()).isNotEmpty();
    return id;
  }

  private static Hook bearerHook() throws Exception {
    JsonNode created = admin.newEndpoint(admin.newPartner(), "hook", "{\"method\":\"bearer\"}");
    return new Hook(
        created.path("id").asText(),
        created.path("path").asText(),
        created.path("credentials").path("token").asText());
  }

  /** A bearer endpoint that the test delivers to, rightly or wrongly. */
  private record Hook(String id, String path, String token) {
    /** A delivery with the right token; its id. */
    String deliver() throws Exception {
      HttpResponse<String> response = sender.post(path, BODY, "Authorization", "Bearer " + token);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return deliveryId(response);
    }

    /** A delivery with a wrong token (the answer to a refusal names no delivery). */
    void refuse() throws Exception {
      HttpResponse<String> response =
          sender.post(path, BODY, "Authorization", "Bearer not-" + token);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }
  }

  /** Records the loan number it was given. */
  private static final class AuditSaga implements Saga {
    @Override
    public String name() {
      return AUDIT_SAGA;
    }

    @Override
    public void run(SagaContext context) {
      context.recordResult("audited loan " + context.parameters().get("loan"));
    }
  }
}
