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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Design §7: PATCH changes name, saga, saga settings, enabled and the non-secret security settings,
 * never a secret nor the method; DELETE removes an endpoint and its key stops answering. Checked
 * with real pushback requests.
 */
final class EndpointPatchIT {
  private static final String BODY = "{\"loan\":\"12345\",\"status\":\"approved\"}";
  private static final String SECRET = "patch-signature-secret-0123456789";

  /** A saga besides {@code log} to switch to. */
  private static final String OTHER_SAGA = "blackbox-patch-noop";

  private static TestServer server;
  private static AdminClient admin;
  private static PushbackSender sender;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of(new NoopSaga()));
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
  void changesNameSagaSagaSettingsAndShowsThem() throws Exception {
    JsonNode endpoint = signatureEndpoint();
    String path = "/endpoints/" + endpoint.path("id").asText();

    JsonNode patched =
        patchOk(
            path,
            "{\"name\":\"renamed\",\"saga\":\""
                + OTHER_SAGA
                + "\",\"sagaSettings\":{\"queue\":\"loans\",\"n\":[1,2]}}");

    assertThat(patched.path("name").asText()).isEqualTo("renamed");
    assertThat(patched.path("saga").asText()).isEqualTo(OTHER_SAGA);
    assertThat(patched.path("sagaSettings"))
        .isEqualTo(new ObjectMapper().readTree("{\"queue\":\"loans\",\"n\":[1,2]}"));
    assertThat(patched.path("key").asText()).isEqualTo(endpoint.path("key").asText());
    JsonNode shown = admin.ok(path);
    assertThat(shown.path("name").asText()).isEqualTo("renamed");
    assertThat(shown.path("saga").asText()).isEqualTo(OTHER_SAGA);
    assertThat(shown.path("sagaSettings")).isEqualTo(patched.path("sagaSettings"));
    assertThat(sendSigned(endpoint, SECRET).statusCode()).isEqualTo(200);
  }

  @Test
  void disablingMakesTheKeyAnswerNotFoundAndEnablingRevivesIt() throws Exception {
    JsonNode endpoint = signatureEndpoint();
    String path = "/endpoints/" + endpoint.path("id").asText();
    assertThat(sendSigned(endpoint, SECRET).statusCode()).isEqualTo(200);

    assertThat(patchOk(path, "{\"enabled\":false}").path("enabled").asBoolean()).isFalse();
    assertThat(admin.ok(path).path("enabled").asBoolean()).isFalse();
    HttpResponse<String> disabled = sendSigned(endpoint, SECRET);
    assertThat(disabled.statusCode()).isEqualTo(404);
    assertThat(disabled.body()).isEqualTo("{\"error\":\"not_found\"}");

    assertThat(patchOk(path, "{\"enabled\":true}").path("enabled").asBoolean()).isTrue();
    HttpResponse<String> enabled = sendSigned(endpoint, SECRET);
    assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    assertThat(enabled.body()).contains("\"status\":\"success\"");
  }

  @Test
  void changesSignatureHeaderEncodingAndPrefix() throws Exception {
    JsonNode endpoint = signatureEndpoint();
    String path = "/endpoints/" + endpoint.path("id").asText();

    JsonNode security =
        patchOk(
                path,
                "{\"security\":{\"header\":\"X-Hub-Signature-256\",\"encoding\":\"hex\",\"prefix\":\"sha256=\"}}")
            .path("security");

    assertThat(security.path("method").asText()).isEqualTo("signature");
    assertThat(security.path("header").asText()).isEqualTo("X-Hub-Signature-256");
    assertThat(security.path("encoding").asText()).isEqualTo("hex");
    assertThat(security.path("prefix").asText()).isEqualTo("sha256=");
    assertThat(security.path("algorithm").asText()).isEqualTo("HmacSHA256");
    assertThat(admin.ok(path).path("security")).isEqualTo(security);
    String key = endpoint.path("path").asText();
    String hex = "sha256=" + PushbackSender.hex(PushbackSender.hmac("HmacSHA256", SECRET, BODY));
    assertThat(sender.post(key, BODY, "X-Hub-Signature-256", hex).statusCode()).isEqualTo(200);
    assertThat(sendSigned(endpoint, SECRET).statusCode()).isEqualTo(401);
  }

  @Test
  void changesSignatureAlgorithm() throws Exception {
    JsonNode endpoint = signatureEndpoint();

    patchOk(
        "/endpoints/" + endpoint.path("id").asText(),
        "{\"security\":{\"method\":\"signature\",\"algorithm\":\"HmacSHA1\"}}");

    String sha1 = Base64.getEncoder().encodeToString(PushbackSender.hmac("HmacSHA1", SECRET, BODY));
    assertThat(
            sender
                .post(endpoint.path("path").asText(), BODY, "PUSHBACK_SIGNATURE", sha1)
                .statusCode())
        .isEqualTo(200);
    assertThat(sendSigned(endpoint, SECRET).statusCode()).isEqualTo(401);
  }

  @Test
  void changesBasicUsername() throws Exception {
    JsonNode endpoint =
        admin.newEndpoint(
            admin.newPartner(),
            "basic",
            "{\"method\":\"basic\",\"username\":\"old-user\",\"password\":\"pw-0123456789abcdef\"}");

    JsonNode patched =
        patchOk(
            "/endpoints/" + endpoint.path("id").asText(),
            "{\"security\":{\"username\":\"new-user\"}}");

    assertThat(patched.path("security").path("username").asText()).isEqualTo("new-user");
    String key = endpoint.path("path").asText();
    assertThat(
            sender
                .post(
                    key,
                    BODY,
                    "Authorization",
                    PushbackSender.basic("new-user", "pw-0123456789abcdef"))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            sender
                .post(
                    key,
                    BODY,
                    "Authorization",
                    PushbackSender.basic("old-user", "pw-0123456789abcdef"))
                .statusCode())
        .isEqualTo(401);
    Secrets.assertNoneIn(patched.toString(), List.of("pw-0123456789abcdef"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"secret", "token", "password"})
  void refusesSecretFieldsInPatch(String field) throws Exception {
    JsonNode endpoint = signatureEndpoint();
    String path = "/endpoints/" + endpoint.path("id").asText();

    AdminAnswer answer =
        admin.patch(path, "{\"security\":{\"" + field + "\":\"sneaked-in-0123456789\"}}");

    assertThat(answer.status()).as("%s", answer).isEqualTo(400);
    assertThat(answer.message()).contains(field);
    assertThat(sendSigned(endpoint, SECRET).statusCode()).isEqualTo(200);
    String sneaked =
        Base64.getEncoder()
            .encodeToString(PushbackSender.hmac("HmacSHA256", "sneaked-in-0123456789", BODY));
    assertThat(
            sender
                .post(endpoint.path("path").asText(), BODY, "PUSHBACK_SIGNATURE", sneaked)
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void refusesSecretFieldOfEachMethod() throws Exception {
    String partner = admin.newPartner();
    for (SecurityKind kind : SecurityKind.values()) {
      JsonNode endpoint =
          admin.newEndpoint(partner, "each-" + kind.wireName(), kind.security(Map.of()));
      for (String secret : kind.secretFields()) {
        AdminAnswer answer =
            admin.patch(
                "/endpoints/" + endpoint.path("id").asText(),
                "{\"security\":{\"" + secret + "\":\"x-0123456789abcdef\"}}");
        assertBadRequestNaming(answer, "security." + secret);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"basic", "bearer", "token_secret", "none"})
  void refusesChangingTheMethod(String method) throws Exception {
    JsonNode endpoint = signatureEndpoint();
    String path = "/endpoints/" + endpoint.path("id").asText();

    assertBadRequestNaming(
        admin.patch(path, "{\"security\":{\"method\":\"" + method + "\"}}"), "security.method");
    assertThat(admin.ok(path).path("security").path("method").asText()).isEqualTo("signature");
    assertThat(sendSigned(endpoint, SECRET).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesInvalidChangesNamingTheField() throws Exception {
    String path = "/endpoints/" + signatureEndpoint().path("id").asText();

    assertBadRequestNaming(admin.patch(path, "{\"saga\":\"no-such-saga\"}"), "saga");
    assertBadRequestNaming(admin.patch(path, "{\"sagaSettings\":[1]}"), "sagaSettings");
    assertBadRequestNaming(admin.patch(path, "{\"enabled\":\"no\"}"), "enabled");
    assertBadRequestNaming(admin.patch(path, "{\"maxBodyBytes\":-5}"), "maxBodyBytes");
    assertBadRequestNaming(admin.patch(path, "{\"name\":\"\"}"), "name");
    assertBadRequestNaming(
        admin.patch(path, "{\"security\":{\"algorithm\":\"HmacMD5\"}}"), "security.algorithm");
    assertBadRequestNaming(
        admin.patch(path, "{\"security\":{\"username\":\"acme\"}}"), "security.username");
    assertBadRequestNaming(admin.patch(path, "{\"colour\":\"blue\"}"), "colour");
    assertThat(admin.patch(path, "[]").status()).isEqualTo(400);
    assertThat(admin.patch(path, "not json").status()).isEqualTo(400);
    JsonNode shown = admin.ok(path);
    assertThat(shown.path("saga").asText()).isEqualTo("log");
    assertThat(shown.path("enabled").asBoolean()).isTrue();
    assertThat(shown.path("security").path("algorithm").asText()).isEqualTo("HmacSHA256");
  }

  @Test
  void refusesRenamingOntoATakenName() throws Exception {
    String partner = admin.newPartner();
    admin.newEndpoint(partner, "taken", "{\"method\":\"bearer\"}");
    JsonNode other = admin.newEndpoint(partner, "other", "{\"method\":\"bearer\"}");

    AdminAnswer answer =
        admin.patch("/endpoints/" + other.path("id").asText(), "{\"name\":\"taken\"}");

    assertThat(answer.status()).as("%s", answer).isEqualTo(409);
    assertThat(admin.ok("/endpoints/" + other.path("id").asText()).path("name").asText())
        .isEqualTo("other");
  }

  @Test
  void answersNotFoundWhenPatchingUnknownEndpoint() throws Exception {
    assertNotFound(admin.patch("/endpoints/987654321", "{\"enabled\":false}"));
  }

  @Test
  void deletesEndpointSoThatItAndItsKeyAreGone() throws Exception {
    JsonNode endpoint = signatureEndpoint();
    String path = "/endpoints/" + endpoint.path("id").asText();
    assertThat(sendSigned(endpoint, SECRET).statusCode()).isEqualTo(200);

    AdminAnswer deleted = admin.delete(path);

    assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
    assertThat(deleted.text()).isEmpty();
    assertNotFound(admin.get(path));
    HttpResponse<String> gone = sendSigned(endpoint, SECRET);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo("{\"error\":\"not_found\"}");
    assertNotFound(admin.delete(path));
    assertNotFound(admin.patch(path, "{\"enabled\":true}"));
    assertNotFound(admin.post(path + "/credentials", null));
    assertThat(sendSigned(endpoint, SECRET).statusCode()).isEqualTo(404);
  }

  @Test
  void freesTheNameOfADeletedEndpointButNeverItsKey() throws Exception {
    String partner = admin.newPartner();
    JsonNode first = admin.newEndpoint(partner, "reused", "{\"method\":\"bearer\"}");
    assertThat(admin.delete("/endpoints/" + first.path("id").asText()).status()).isEqualTo(204);

    JsonNode second = admin.newEndpoint(partner, "reused", "{\"method\":\"bearer\"}");

    assertThat(second.path("key").asText()).isNotEqualTo(first.path("key").asText());
    assertThat(second.path("id")).isNotEqualTo(first.path("id"));
  }

  @Test
  void answersNotFoundWhenDeletingUnknownEndpoint() throws Exception {
    assertNotFound(admin.delete("/endpoints/987654321"));
  }

  private static JsonNode signatureEndpoint() throws Exception {
    return admin.newEndpoint(
        admin.newPartner(), "signed", "{\"method\":\"signature\",\"secret\":\"" + SECRET + "\"}");
  }

  private static JsonNode patchOk(String path, String body) throws Exception {
    AdminAnswer answer = admin.patch(path, body);
    assertThat(answer.status()).as("PATCH %s %s -> %s", path, body, answer).isEqualTo(200);
    return answer.json();
  }

  /** POSTs {@link #BODY} signed as design §4's reference: Base64(HMAC-SHA256(secret, raw body)). */
  private static HttpResponse<String> sendSigned(JsonNode endpoint, String secret)
      throws Exception {
    return sender.post(
        endpoint.path("path").asText(),
        BODY,
        "PUSHBACK_SIGNATURE",
        PushbackSender.base64HmacSha256(secret, BODY));
  }

  /** Succeeds without doing anything. */
  private static final class NoopSaga implements Saga {
    @Override
    public String name() {
      return OTHER_SAGA;
    }

    @Override
    public void run(SagaContext context) {}
  }
}
