package io.pushback.blackbox.admin;

import static io.pushback.blackbox.admin.AdminClient.assertBadRequestNaming;
import static io.pushback.blackbox.admin.AdminClient.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.TestServer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Design §2 and §7: creating endpoints for a partner or a site with each security method. The
 * creating answer is the only one that shows secret values: given ones echoed, absent ones
 * generated; every later answer hides them.
 */
final class EndpointApiIT {
  private static final String BODY = "{\"loan\":\"12345\",\"status\":\"approved\"}";

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

  // --- creating

  @ParameterizedTest
  @EnumSource(SecurityKind.class)
  void createsPartnerEndpointEchoingGivenSecretsOnce(SecurityKind kind) throws Exception {
    String partner = admin.newPartner();
    Map<String, String> given = kind.givenSecrets(AdminClient.unique("s"));

    JsonNode created = admin.newEndpoint(partner, "loan-status", kind.security(given));

    assertEndpointAnswer(created, "loan-status", kind);
    assertThat(kind.secretsOf(created.path("credentials"))).isEqualTo(given);
    assertHiddenAfterCreation(created, given);
    assertAccepts(kind, created, given);
  }

  @ParameterizedTest
  @EnumSource(SecurityKind.class)
  void createsSiteEndpointGeneratingAbsentSecrets(SecurityKind kind) throws Exception {
    String partner = admin.newPartner();
    String site = admin.newSite(partner);

    JsonNode created =
        admin.newEndpoint(partner + "/sites/" + site, "loan-status", kind.security(Map.of()));

    assertEndpointAnswer(created, "loan-status", kind);
    Map<String, String> generated = kind.secretsOf(created.path("credentials"));
    generated.forEach(Secrets::assertGenerated);
    assertThat(new HashSet<>(generated.values())).hasSameSizeAs(generated.values());
    assertHiddenAfterCreation(created, generated);
    assertAccepts(kind, created, generated);
  }

  @Test
  void generatesOnlyTheSecretsLeftOut() throws Exception {
    JsonNode created =
        admin.newEndpoint(
            admin.newPartner(),
            "half-given",
            "{\"method\":\"token_secret\",\"token\":\"given-token-value\"}");

    assertThat(created.path("credentials").path("token").asText()).isEqualTo("given-token-value");
    Secrets.assertGenerated("secret", created.path("credentials").path("secret").asText());
  }

  @Test
  void showsSignatureDefaultsAndGivenPublicSettings() throws Exception {
    String partner = admin.newPartner();

    JsonNode defaults =
        admin.newEndpoint(partner, "defaults", "{\"method\":\"signature\"}").path("security");
    JsonNode given =
        admin
            .newEndpoint(
                partner,
                "given",
                "{\"method\":\"signature\",\"header\":\"X-Partner-Signature\",\"algorithm\":\"HmacSHA512\","
                    + "\"encoding\":\"hex\",\"prefix\":\"sha512=\",\"secret\":\"given-signature-secret\"}")
            .path("security");

    assertThat(defaults.path("header").asText()).isEqualTo("PUSHBACK_SIGNATURE");
    assertThat(defaults.path("algorithm").asText()).isEqualTo("HmacSHA256");
    assertThat(defaults.path("encoding").asText()).isEqualTo("base64");
    assertThat(given.path("header").asText()).isEqualTo("X-Partner-Signature");
    assertThat(given.path("algorithm").asText()).isEqualTo("HmacSHA512");
    assertThat(given.path("encoding").asText()).isEqualTo("hex");
    assertThat(given.path("prefix").asText()).isEqualTo("sha512=");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HmacSHA1", "HmacSHA256", "HmacSHA512", "HmacRIPEMD128"})
  void acceptsEveryDocumentedAlgorithm(String algorithm) throws Exception {
    JsonNode created =
        admin.newEndpoint(
            admin.newPartner(),
            "algo",
            "{\"method\":\"signature\",\"algorithm\":\"" + algorithm + "\"}");

    assertThat(created.path("security").path("algorithm").asText()).isEqualTo(algorithm);
  }

  @Test
  void givesEveryEndpointItsOwnKey() throws Exception {
    String partner = admin.newPartner();
    String site = admin.newSite(partner);
    Set<String> keys = new HashSet<>();

    for (int i = 0; i < 10; i++) {
      keys.add(
          admin.newEndpoint(partner, "hook-" + i, "{\"method\":\"bearer\"}").path("key").asText());
      keys.add(
          admin
              .newEndpoint(partner + "/sites/" + site, "hook-" + i, "{\"method\":\"bearer\"}")
              .path("key")
              .asText());
    }

    assertThat(keys).hasSize(20);
  }

  @Test
  void refusesDuplicateNameWithinOwnerButAllowsItUnderAnother() throws Exception {
    String partner = admin.newPartner();
    String site = admin.newSite(partner);
    String otherSite = admin.newSite(partner);
    admin.newEndpoint(partner, "loan-status", "{\"method\":\"bearer\"}");
    admin.newEndpoint(partner + "/sites/" + site, "loan-status", "{\"method\":\"bearer\"}");

    AdminAnswer partnerAgain =
        admin.post(
            "/partners/" + partner + "/endpoints",
            endpoint("loan-status", "log", "{\"method\":\"bearer\"}"));
    AdminAnswer siteAgain =
        admin.post(
            "/partners/" + partner + "/sites/" + site + "/endpoints",
            endpoint("loan-status", "log", "{\"method\":\"bearer\"}"));

    assertThat(partnerAgain.status()).as("%s", partnerAgain).isEqualTo(409);
    assertThat(siteAgain.status()).as("%s", siteAgain).isEqualTo(409);
    admin.newEndpoint(admin.newPartner(), "loan-status", "{\"method\":\"bearer\"}");
    admin.newEndpoint(partner + "/sites/" + otherSite, "loan-status", "{\"method\":\"bearer\"}");
  }

  @Test
  void appliesAndShowsMaxBodyBytes() throws Exception {
    JsonNode created =
        admin.created(
            "/partners/" + admin.newPartner() + "/endpoints",
            "{\"name\":\"small\",\"saga\":\"log\",\"maxBodyBytes\":16,\"security\":{\"method\":\"bearer\",\"token\":\"small-token-0123456789\"}}");

    assertThat(created.path("maxBodyBytes").asLong()).isEqualTo(16);
    assertThat(admin.ok("/endpoints/" + created.path("id").asText()).path("maxBodyBytes").asLong())
        .isEqualTo(16);
    assertThat(
            sender
                .post(
                    created.path("path").asText(),
                    BODY,
                    "Authorization",
                    "Bearer small-token-0123456789")
                .statusCode())
        .isEqualTo(413);
    assertThat(
            sender
                .post(
                    created.path("path").asText(),
                    "{}",
                    "Authorization",
                    "Bearer small-token-0123456789")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void createsDisabledEndpointWhoseKeyAnswersNotFound() throws Exception {
    JsonNode created =
        admin.created(
            "/partners/" + admin.newPartner() + "/endpoints",
            "{\"name\":\"off\",\"saga\":\"log\",\"enabled\":false,\"security\":{\"method\":\"bearer\",\"token\":\"off-token-0123456789\"}}");

    assertThat(created.path("enabled").asBoolean()).isFalse();
    assertThat(
            sender
                .post(
                    created.path("path").asText(),
                    BODY,
                    "Authorization",
                    "Bearer off-token-0123456789")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void answersNotFoundForEndpointOfUnknownPartner() throws Exception {
    assertNotFound(
        admin.post(
            "/partners/" + AdminClient.unique("nobody") + "/endpoints",
            endpoint("hook", "log", "{\"method\":\"bearer\"}")));
  }

  // --- refusing

  static Stream<Arguments> invalidEndpoints() {
    String bearer = "{\"method\":\"bearer\"}";
    return Stream.of(
        Arguments.of("no security", "{\"name\":\"n\",\"saga\":\"log\"}", "security"),
        Arguments.of(
            "security null", "{\"name\":\"n\",\"saga\":\"log\",\"security\":null}", "security"),
        Arguments.of("security a string", endpoint("n", "log", "\"bearer\""), "security"),
        Arguments.of(
            "no method",
            endpoint("n", "log", "{\"token\":\"abcdefabcdefabcdef\"}"),
            "security.method"),
        Arguments.of(
            "method none", endpoint("n", "log", "{\"method\":\"none\"}"), "security.method"),
        Arguments.of("method empty", endpoint("n", "log", "{\"method\":\"\"}"), "security.method"),
        Arguments.of(
            "method in capitals",
            endpoint("n", "log", "{\"method\":\"BEARER\"}"),
            "security.method"),
        Arguments.of(
            "bad algorithm",
            endpoint("n", "log", "{\"method\":\"signature\",\"algorithm\":\"HmacMD5\"}"),
            "security.algorithm"),
        Arguments.of(
            "bad encoding",
            endpoint("n", "log", "{\"method\":\"signature\",\"encoding\":\"base32\"}"),
            "security.encoding"),
        Arguments.of(
            "bad signature header",
            endpoint("n", "log", "{\"method\":\"signature\",\"header\":\"X Sig: 1\"}"),
            "security.header"),
        Arguments.of(
            "username on bearer",
            endpoint("n", "log", "{\"method\":\"bearer\",\"username\":\"acme\"}"),
            "security.username"),
        Arguments.of(
            "header on basic",
            endpoint(
                "n", "log", "{\"method\":\"basic\",\"username\":\"acme\",\"header\":\"X-Sig\"}"),
            "security.header"),
        Arguments.of(
            "password on token_secret",
            endpoint(
                "n", "log", "{\"method\":\"token_secret\",\"password\":\"pw-0123456789abcdef\"}"),
            "security.password"),
        Arguments.of(
            "basic without username",
            endpoint("n", "log", "{\"method\":\"basic\"}"),
            "security.username"),
        Arguments.of(
            "basic username with colon",
            endpoint("n", "log", "{\"method\":\"basic\",\"username\":\"ac:me\"}"),
            "security.username"),
        Arguments.of(
            "secret not a string",
            endpoint("n", "log", "{\"method\":\"bearer\",\"token\":12345678901234567890}"),
            "security.token"),
        Arguments.of("no name", "{\"saga\":\"log\",\"security\":" + bearer + "}", "name"),
        Arguments.of("blank name", endpoint(" ", "log", bearer), "name"),
        Arguments.of("no saga", "{\"name\":\"n\",\"security\":" + bearer + "}", "saga"),
        Arguments.of("unknown saga", endpoint("n", "no-such-saga", bearer), "saga"),
        Arguments.of(
            "sagaSettings an array",
            "{\"name\":\"n\",\"saga\":\"log\",\"sagaSettings\":[1,2],\"security\":" + bearer + "}",
            "sagaSettings"),
        Arguments.of(
            "sagaSettings a string",
            "{\"name\":\"n\",\"saga\":\"log\",\"sagaSettings\":\"{}\",\"security\":" + bearer + "}",
            "sagaSettings"),
        Arguments.of(
            "maxBodyBytes negative",
            "{\"name\":\"n\",\"saga\":\"log\",\"maxBodyBytes\":-1,\"security\":" + bearer + "}",
            "maxBodyBytes"),
        Arguments.of(
            "maxBodyBytes a fraction",
            "{\"name\":\"n\",\"saga\":\"log\",\"maxBodyBytes\":1.5,\"security\":" + bearer + "}",
            "maxBodyBytes"),
        Arguments.of(
            "enabled a string",
            "{\"name\":\"n\",\"saga\":\"log\",\"enabled\":\"yes\",\"security\":" + bearer + "}",
            "enabled"),
        Arguments.of(
            "unknown top-level field",
            "{\"name\":\"n\",\"saga\":\"log\",\"colour\":\"blue\",\"security\":" + bearer + "}",
            "colour"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEndpoints")
  void refusesInvalidEndpointNamingTheField(String what, String body, String field)
      throws Exception {
    String partner = admin.newPartner();

    AdminAnswer answer = admin.post("/partners/" + partner + "/endpoints", body);

    assertBadRequestNaming(answer, field);
    assertThat(answer.text()).doesNotContain("Exception").doesNotContain("\tat ");
    admin.newEndpoint(partner, "n", "{\"method\":\"bearer\"}");
  }

  static Stream<Arguments> refusedWithSecrets() {
    return Stream.of(
        Arguments.of(
            "{\"method\":\"bearer\",\"token\":\"not a b64token 4711\"}", "not a b64token 4711"),
        Arguments.of(
            "{\"method\":\"basic\",\"username\":\"ac:me\",\"password\":\"visible-password-4711\"}",
            "visible-password-4711"),
        Arguments.of(
            "{\"method\":\"signature\",\"algorithm\":\"HmacMD5\",\"secret\":\"visible-secret-4711\"}",
            "visible-secret-4711"),
        Arguments.of(
            "{\"method\":\"token_secret\",\"token\":\"visible-token-4711\",\"secret\":\"visible-secret-4711\",\"x\":1}",
            "visible-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedWithSecrets")
  void neverEchoesASecretInARefusal(String security, String secret) throws Exception {
    AdminAnswer answer =
        admin.post(
            "/partners/" + admin.newPartner() + "/endpoints", endpoint("n", "log", security));

    assertThat(answer.status()).as("%s", answer).isEqualTo(400);
    assertThat(answer.text()).doesNotContain(secret);
  }

  @ParameterizedTest(name = "body {0}")
  @ValueSource(strings = {"", "name=n&saga=log", "[{\"name\":\"n\"}]", "{\"name\":"})
  void refusesBodyThatIsNoJsonObject(String body) throws Exception {
    AdminAnswer answer = admin.post("/partners/" + admin.newPartner() + "/endpoints", body);

    assertThat(answer.status()).as("%s", answer).isEqualTo(400);
    assertThat(answer.message()).isNotEmpty();
  }

  @Test
  void refusesUnknownSagaWithoutCreatingTheEndpoint() throws Exception {
    String partner = admin.newPartner();

    AdminAnswer refused =
        admin.post(
            "/partners/" + partner + "/endpoints",
            endpoint("hook", "not-registered", "{\"method\":\"bearer\"}"));

    assertBadRequestNaming(refused, "saga");
    assertThat(refused.message()).contains("not-registered");
    admin.newEndpoint(partner, "hook", "{\"method\":\"bearer\"}");
  }

  @Test
  void answersNotFoundForUnknownEndpoint() throws Exception {
    assertNotFound(admin.get("/endpoints/987654321"));
    assertNotFound(admin.get("/endpoints/not-a-number"));
  }

  // --- helpers

  static String endpoint(String name, String saga, String security) {
    return "{\"name\":\"" + name + "\",\"saga\":\"" + saga + "\",\"security\":" + security + "}";
  }

  private static void assertEndpointAnswer(JsonNode endpoint, String name, SecurityKind kind) {
    assertThat(endpoint.path("id").isMissingNode() || endpoint.path("id").isNull())
        .as("id of %s", endpoint)
        .isFalse();
    String key = endpoint.path("key").asText();
    assertThat(key).as("key").matches("[A-Za-z0-9_-]{22,}");
    assertThat(endpoint.path("path").asText()).isEqualTo("/pushback/" + key);
    assertThat(endpoint.path("name").asText()).isEqualTo(name);
    assertThat(endpoint.path("saga").asText()).isEqualTo("log");
    assertThat(endpoint.path("enabled").isBoolean()).as("enabled of %s", endpoint).isTrue();
    assertThat(endpoint.path("enabled").asBoolean()).isTrue();
    JsonNode security = endpoint.path("security");
    assertThat(security.path("method").asText()).isEqualTo(kind.wireName());
    for (String secret : kind.secretFields()) {
      assertThat(security.has(secret)).as("security of %s shows %s", endpoint, secret).isFalse();
    }
  }

  /** Shown in the creating answer's credentials only: not in its security, not in any later GET. */
  private static void assertHiddenAfterCreation(JsonNode created, Map<String, String> secrets)
      throws Exception {
    Secrets.assertNoneIn(created.path("security").toString(), secrets.values());
    AdminAnswer shown = admin.get("/endpoints/" + created.path("id").asText());
    assertThat(shown.status()).as("%s", shown).isEqualTo(200);
    assertThat(shown.json().has("credentials")).isFalse();
    Secrets.assertNoneIn(shown.text(), secrets.values());
    assertThat(shown.field("key").asText()).isEqualTo(created.path("key").asText());
    assertThat(shown.field("security")).isEqualTo(created.path("security"));
  }

  private static void assertAccepts(
      SecurityKind kind, JsonNode endpoint, Map<String, String> secrets) throws Exception {
    String path = endpoint.path("path").asText();
    assertThat(sender.post(path, BODY, kind.credentialHeaders(secrets, BODY)).statusCode())
        .isEqualTo(200);
    assertThat(sender.post(path, BODY).statusCode()).isEqualTo(401);
  }
}
