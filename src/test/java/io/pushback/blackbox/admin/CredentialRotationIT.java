package io.pushback.blackbox.admin;

import static io.pushback.blackbox.admin.AdminClient.assertBadRequestNaming;
import static io.pushback.blackbox.admin.AdminClient.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushback.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Design §7: {@code POST /endpoints/{id}/credentials} rotates an endpoint's secrets, given or
 * generated, shown once; without an overlap the old ones stop at once, with one both are accepted.
 * Every method, with real pushback requests.
 */
final class CredentialRotationIT {
  private static final String BODY = "{\"loan\":\"12345\",\"status\":\"funded\"}";

  private static TestServer server;
  private static AdminClient admin;
  private static PushbackSender sender;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of());
    admin = new AdminClient(server);
    sender = new PushbackSender(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(SecurityKind.class)
  void rotationWithoutBodyGeneratesNewSecretsAndRetiresTheOldAtOnce(SecurityKind kind)
      throws Exception {
    Rotating endpoint = create(kind);
    endpoint.assertAccepted(endpoint.original);

    JsonNode rotated = rotate(endpoint, null);

    Map<String, String> fresh = kind.secretsOf(rotated.path("credentials"));
    fresh.forEach(Secrets::assertGenerated);
    fresh.forEach((field, value) -> assertThat(value).isNotEqualTo(endpoint.original.get(field)));
    endpoint.assertRefused(endpoint.original);
    endpoint.assertAccepted(fresh);
    assertShownOnlyOnce(endpoint, fresh);
  }

  @ParameterizedTest
  @EnumSource(SecurityKind.class)
  void rotationUsesGivenSecrets(SecurityKind kind) throws Exception {
    Rotating endpoint = create(kind);
    Map<String, String> given = kind.givenSecrets(AdminClient.unique("rotated"));

    JsonNode rotated = rotate(endpoint, json(given));

    assertThat(kind.secretsOf(rotated.path("credentials"))).isEqualTo(given);
    endpoint.assertRefused(endpoint.original);
    endpoint.assertAccepted(given);
    assertShownOnlyOnce(endpoint, given);
  }

  @ParameterizedTest
  @EnumSource(SecurityKind.class)
  void rotationGeneratesOnlyTheSecretsNotGiven(SecurityKind kind) throws Exception {
    Rotating endpoint = create(kind);
    String givenField = kind.secretFields().get(kind.secretFields().size() - 1);
    Map<String, String> given = Map.of(givenField, AdminClient.unique("only-" + givenField));

    Map<String, String> fresh = kind.secretsOf(rotate(endpoint, json(given)).path("credentials"));

    assertThat(fresh.get(givenField)).isEqualTo(given.get(givenField));
    fresh.forEach(
        (field, value) -> {
          if (!field.equals(givenField)) {
            Secrets.assertGenerated(field, value);
          }
        });
    endpoint.assertRefused(endpoint.original);
    endpoint.assertAccepted(fresh);
  }

  @ParameterizedTest
  @EnumSource(SecurityKind.class)
  void rotationWithOverlapKeepsOldAndNewValid(SecurityKind kind) throws Exception {
    Rotating endpoint = create(kind);

    JsonNode rotated = rotate(endpoint, "{\"overlap\":\"PT1H\"}");

    Map<String, String> fresh = kind.secretsOf(rotated.path("credentials"));
    endpoint.assertAccepted(endpoint.original);
    endpoint.assertAccepted(fresh);
    assertShownOnlyOnce(endpoint, fresh);
  }

  @Test
  void overlapDoesNotLetPartsOfTwoCredentialsCombine() throws Exception {
    Rotating endpoint = create(SecurityKind.TOKEN_SECRET);

    Map<String, String> fresh =
        SecurityKind.TOKEN_SECRET.secretsOf(
            rotate(endpoint, "{\"overlap\":\"PT1H\"}").path("credentials"));

    endpoint.assertRefused(
        Map.of("token", endpoint.original.get("token"), "secret", fresh.get("secret")));
    endpoint.assertRefused(
        Map.of("token", fresh.get("token"), "secret", endpoint.original.get("secret")));
  }

  @Test
  void aLaterRotationWithoutOverlapEndsAnEarlierOverlap() throws Exception {
    Rotating endpoint = create(SecurityKind.BEARER);
    Map<String, String> second =
        SecurityKind.BEARER.secretsOf(
            rotate(endpoint, "{\"overlap\":\"PT24H\"}").path("credentials"));

    Map<String, String> third =
        SecurityKind.BEARER.secretsOf(rotate(endpoint, "{}").path("credentials"));

    endpoint.assertRefused(endpoint.original);
    endpoint.assertRefused(second);
    endpoint.assertAccepted(third);
  }

  @ParameterizedTest(name = "overlap {0}")
  @ValueSource(strings = {"\"soon\"", "\"-PT1H\"", "\"PT\"", "\"1 hour\"", "3600", "\"\""})
  void refusesBadOverlapNamingItAndKeepsTheOldCredential(String overlap) throws Exception {
    Rotating endpoint = create(SecurityKind.SIGNATURE);

    AdminAnswer answer = admin.post(endpoint.credentialsPath(), "{\"overlap\":" + overlap + "}");

    assertBadRequestNaming(answer, "overlap");
    endpoint.assertAccepted(endpoint.original);
  }

  @ParameterizedTest
  @EnumSource(SecurityKind.class)
  void refusesFieldsThatAreNoSecretOfTheMethod(SecurityKind kind) throws Exception {
    Rotating endpoint = create(kind);
    String foreign = kind == SecurityKind.BASIC ? "token" : "password";

    AdminAnswer answer =
        admin.post(endpoint.credentialsPath(), "{\"" + foreign + "\":\"foreign-0123456789abc\"}");

    assertBadRequestNaming(answer, foreign);
    endpoint.assertAccepted(endpoint.original);
  }

  @Test
  void refusesPublicSettingsAndBadBodies() throws Exception {
    Rotating endpoint = create(SecurityKind.BASIC);

    assertThat(admin.post(endpoint.credentialsPath(), "{\"username\":\"someone-else\"}").status())
        .isEqualTo(400);
    assertThat(admin.post(endpoint.credentialsPath(), "[]").status()).isEqualTo(400);
    assertThat(admin.post(endpoint.credentialsPath(), "not json").status()).isEqualTo(400);
    assertBadRequestNaming(admin.post(endpoint.credentialsPath(), "{\"password\":42}"), "password");
    endpoint.assertAccepted(endpoint.original);
  }

  @Test
  void refusesUnusableGivenSecretNamingTheFieldOfTheRotationBody() throws Exception {
    Rotating bearer = create(SecurityKind.BEARER);
    Rotating signature = create(SecurityKind.SIGNATURE);

    AdminAnswer badToken =
        admin.post(bearer.credentialsPath(), "{\"token\":\"no spaces allowed\"}");
    AdminAnswer emptySecret = admin.post(signature.credentialsPath(), "{\"secret\":\"\"}");

    // The rotation body has no "security" object: a message blaming "security.token" names no field
    // the caller sent.
    assertThat(badToken.message()).as("%s", badToken).doesNotContain("security.");
    assertThat(emptySecret.message()).as("%s", emptySecret).doesNotContain("security.");
    assertBadRequestNaming(badToken, "token");
    assertBadRequestNaming(emptySecret, "secret");
    bearer.assertAccepted(bearer.original);
    signature.assertAccepted(signature.original);
  }

  @Test
  void answersNotFoundForUnknownEndpoint() throws Exception {
    assertNotFound(admin.post("/endpoints/987654321/credentials", null));
  }

  private static Rotating create(SecurityKind kind) throws Exception {
    JsonNode created = admin.newEndpoint(admin.newPartner(), "rotating", kind.security(Map.of()));
    return new Rotating(
        kind,
        created.path("id").asText(),
        created.path("path").asText(),
        kind.secretsOf(created.path("credentials")));
  }

  private static JsonNode rotate(Rotating endpoint, String body) throws Exception {
    AdminAnswer answer = admin.post(endpoint.credentialsPath(), body);
    assertThat(answer.status())
        .as("rotate %s with %s -> %s", endpoint.kind, body, answer)
        .isIn(200, 201);
    return answer.json();
  }

  /**
   * After the rotating answer, neither the endpoint nor its delivery list shows the new secrets.
   */
  private static void assertShownOnlyOnce(Rotating endpoint, Map<String, String> secrets)
      throws Exception {
    AdminAnswer shown = admin.get("/endpoints/" + endpoint.id);
    assertThat(shown.status()).isEqualTo(200);
    Secrets.assertNoneIn(shown.text(), secrets.values());
    AdminAnswer deliveries = admin.get("/endpoints/" + endpoint.id + "/deliveries");
    assertThat(deliveries.status()).isEqualTo(200);
    Secrets.assertNoneIn(deliveries.text(), secrets.values());
  }

  private static String json(Map<String, String> fields) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    fields.forEach(node::put);
    return node.toString();
  }

  /**
   * An endpoint under rotation: its kind, id, pushback path and the secrets it was created with.
   */
  private record Rotating(SecurityKind kind, String id, String path, Map<String, String> original) {
    String credentialsPath() {
      return "/endpoints/" + id + "/credentials";
    }

    void assertAccepted(Map<String, String> secrets) throws Exception {
      var response = sender.post(path, BODY, kind.credentialHeaders(secrets, BODY));
      assertThat(response.statusCode())
          .as("%s with %s: %s", kind, secrets.keySet(), response.body())
          .isEqualTo(200);
    }

    void assertRefused(Map<String, String> secrets) throws Exception {
      var response = sender.post(path, BODY, kind.credentialHeaders(secrets, BODY));
      assertThat(response.statusCode())
          .as("%s with %s: %s", kind, secrets.keySet(), response.body())
          .isEqualTo(401);
      assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    }
  }
}
