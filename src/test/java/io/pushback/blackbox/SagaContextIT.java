package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.saga.SagaContext;
import io.pushback.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Design §6: what a saga receives for an accepted request, seen through a recording saga. */
class SagaContextIT {
  private static final String FORM = "application/x-www-form-urlencoded";

  private static RecordingSaga recording;
  private static TestServer server;
  private static Endpoints endpoints;

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

  private static CreatedEndpoint signatureEndpoint() throws Exception {
    return endpoints.partnerEndpoint(
        RecordingSaga.NAME, Security.signature(Endpoints.unique("hmac")));
  }

  private static PushbackCall signed(CreatedEndpoint endpoint, String contentType, byte[] body) {
    return PushbackCall.post(endpoint.path())
        .contentType(contentType)
        .body(body)
        .header("PUSHBACK_SIGNATURE", Signatures.reference(endpoint.credential("secret"), body));
  }

  private static PushbackCall basic(CreatedEndpoint endpoint, String path) {
    String pair = endpoint.setting("username") + ":" + endpoint.credential("password");
    return PushbackCall.post(path)
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signedFormPostIsVerifiedOnTheRawBytesThenMergedWithTheQueryString() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();
    byte[] body =
        "name=J%C3%BCrgen+M%C3%BCller&amount=10.50&item=a&item=b&empty="
            .getBytes(StandardCharsets.US_ASCII);

    String delivery =
        assertSuccess(signed(endpoint, FORM, body).query("ref=abc&page=2").send(server));

    SagaContext context = recording.run(delivery);
    assertThat(context.parameters())
        .containsEntry("name", "Jürgen Müller")
        .containsEntry("amount", "10.50")
        .containsEntry("item", List.of("a", "b"))
        .containsEntry("empty", "")
        .containsEntry("ref", "abc")
        .containsEntry("page", "2")
        .hasSize(6);
    assertThat(context.body()).isEqualTo(body);
    assertThat(context.contentType()).hasValue(FORM);
  }

  @Test
  void formPostInTheDeclaredCharsetIsDecodedInThatCharset() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();
    byte[] body = "name=J%FCrgen".getBytes(StandardCharsets.US_ASCII);

    String delivery =
        assertSuccess(signed(endpoint, FORM + "; charset=ISO-8859-1", body).send(server));

    assertThat(recording.run(delivery).parameters()).containsEntry("name", "Jürgen");
  }

  /**
   * A name in both the query string and the form body is a repeated parameter: the servlet's own
   * {@code getParameterValues} gives both, query first, and so must the saga, whose context
   * documents "a List when repeated". Neither value may be dropped silently.
   */
  @Test
  void formFieldAlsoInTheQueryStringKeepsBothValues() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();
    byte[] body = "amount=10.50".getBytes(StandardCharsets.US_ASCII);

    String delivery = assertSuccess(signed(endpoint, FORM, body).query("amount=0").send(server));

    assertThat(recording.run(delivery).parameters()).containsEntry("amount", List.of("0", "10.50"));
  }

  @Test
  void jsonBodyStaysStructuredAndWinsOverTheQueryString() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();
    String json =
        "{\"order\":{\"id\":42,\"lines\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-2\",\"qty\":1}]},"
            + "\"paid\":true,\"total\":12.5,\"note\":null,\"tags\":[\"x\",\"y\"],\"name\":\"Jürgen\"}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);

    String delivery =
        assertSuccess(
            signed(endpoint, "application/json", body).query("order=shadow&source=q").send(server));

    Map<String, Object> parameters = recording.run(delivery).parameters();
    assertThat(parameters)
        .containsEntry("source", "q")
        .containsEntry("name", "Jürgen")
        .containsKey("note");
    assertThat(parameters.get("note")).isNull();
    assertThat(parameters.get("paid")).isEqualTo(Boolean.TRUE);
    assertThat(parameters.get("total")).isInstanceOf(Number.class);
    assertThat(((Number) parameters.get("total")).doubleValue()).isEqualTo(12.5);
    assertThat(parameters.get("tags")).isEqualTo(List.of("x", "y"));
    assertThat(parameters.get("order")).isInstanceOf(Map.class);
    Map<?, ?> order = (Map<?, ?>) parameters.get("order");
    assertThat(order.get("id")).isInstanceOf(Number.class);
    assertThat(((Number) order.get("id")).longValue()).isEqualTo(42L);
    assertThat(order.get("lines")).isInstanceOf(List.class);
    List<?> lines = (List<?>) order.get("lines");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isInstanceOf(Map.class);
    Map<?, ?> line = (Map<?, ?>) lines.get(0);
    assertThat(line.get("sku")).isEqualTo("A-1");
    assertThat(line.get("qty")).isInstanceOf(Number.class);
    assertThat(((Number) line.get("qty")).intValue()).isEqualTo(2);
  }

  @Test
  void rawBodyBytesArriveExactlyAsSent() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();
    byte[] body = new byte[512];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 7 + 3);
    }

    String delivery =
        assertSuccess(
            signed(endpoint, "application/octet-stream", body).query("n=1&m=a&m=b").send(server));

    SagaContext context = recording.run(delivery);
    assertThat(context.body()).isEqualTo(body);
    assertThat(context.contentType()).hasValue("application/octet-stream");
    assertThat(context.parameters())
        .containsOnly(Map.entry("n", "1"), Map.entry("m", List.of("a", "b")));
  }

  @Test
  void partnerEndpointRunsInItsPartnerContextWithTheAnsweredDeliveryId() throws Exception {
    String partner = endpoints.partner();
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(
            partner, RecordingSaga.NAME, Security.basic("acme", Endpoints.unique("pw")));

    String delivery = assertSuccess(basic(endpoint, endpoint.path()).json("{}").send(server));

    SagaContext context = recording.run(delivery);
    assertThat(String.valueOf(context.deliveryId())).isEqualTo(delivery);
    assertThat(context.endpoint().id()).isEqualTo(endpoint.id());
    assertThat(context.endpoint().key()).isEqualTo(endpoint.key());
    assertThat(context.partner().slug()).isEqualTo(partner);
    assertThat(context.site()).isEmpty();
  }

  @Test
  void siteEndpointRunsInItsSiteContext() throws Exception {
    String partner = endpoints.partner();
    JsonNode site = endpoints.site(partner);
    CreatedEndpoint endpoint =
        endpoints.siteEndpoint(
            partner,
            site.get("slug").asText(),
            RecordingSaga.NAME,
            Security.basic("acme", Endpoints.unique("pw")));

    String delivery = assertSuccess(basic(endpoint, endpoint.path()).json("{}").send(server));

    SagaContext context = recording.run(delivery);
    assertThat(context.partner().slug()).isEqualTo(partner);
    assertThat(context.site())
        .hasValueSatisfying(
            s -> {
              assertThat(s.id()).isEqualTo(site.get("id").asLong());
              assertThat(s.slug()).isEqualTo(site.get("slug").asText());
            });
  }

  @Test
  void partnerEndpointCalledThroughASiteRouteRunsInThatSitesContext() throws Exception {
    String partner = endpoints.partner();
    endpoints.site(partner);
    JsonNode site = endpoints.site(partner);
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(
            partner, RecordingSaga.NAME, Security.basic("acme", Endpoints.unique("pw")));

    String delivery =
        assertSuccess(
            basic(endpoint, endpoint.path() + "/sites/" + site.get("slug").asText())
                .json("{}")
                .send(server));

    SagaContext context = recording.run(delivery);
    assertThat(context.partner().slug()).isEqualTo(partner);
    assertThat(context.site())
        .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(site.get("id").asLong()));
  }

  /**
   * A method's security JSON, its credential headers for an accepted request, and their canonical
   * names.
   */
  static Stream<Arguments> methods() {
    String password = Endpoints.unique("pw");
    String token = Endpoints.unique("tok");
    String secret = Endpoints.unique("sec");
    String hmac = Endpoints.unique("hmac");
    String bearer = Endpoints.unique("bearer");
    String basicValue =
        Base64.getEncoder().encodeToString(("acme:" + password).getBytes(StandardCharsets.UTF_8));
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        Arguments.of(
            "basic",
            Security.basic("acme", password),
            List.of("Authorization", "Basic " + basicValue)),
        Arguments.of(
            "basic, CGI spelling",
            Security.basic("acme", password),
            List.of("HTTP_AUTHORIZATION", basicValue)),
        Arguments.of(
            "token_secret",
            Security.tokenSecret(token, secret),
            List.of("HTTP_ACCESS_TOKEN", token, "access_secret", secret)),
        Arguments.of(
            "signature",
            Security.signature("X-Acme-Signature", "HmacSHA256", "hex", "sha256=", hmac),
            List.of(
                "X-Acme-Signature", Signatures.header("HmacSHA256", "hex", "sha256=", hmac, body))),
        Arguments.of(
            "signature, default header",
            Security.signature(hmac),
            List.of("Pushback-Signature", Signatures.reference(hmac, body))),
        Arguments.of(
            "bearer", Security.bearer(bearer), List.of("Authorization", "Bearer " + bearer)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void sagaSeesTheNonCredentialHeadersOnly(
      String description, String security, List<String> credentials) throws Exception {
    CreatedEndpoint endpoint = endpoints.partnerEndpoint(RecordingSaga.NAME, security);
    PushbackCall call =
        PushbackCall.post(endpoint.path())
            .json("{\"a\":1}")
            .header("X-Trace-Id", "trace-77")
            .header("X-Tenant", "t1");
    for (int i = 0; i < credentials.size(); i += 2) {
      call.header(credentials.get(i), credentials.get(i + 1));
    }

    String delivery = assertSuccess(call.send(server));

    SagaContext context = recording.run(delivery);
    Map<String, String> seen =
        context.headers().stream()
            .collect(
                Collectors.toMap(h -> HeaderName.canonical(h.name()), h -> h.value(), (a, b) -> a));
    assertThat(seen).containsEntry("x-trace-id", "trace-77").containsEntry("x-tenant", "t1");
    Set<String> credentialNames =
        Set.of(
            "authorization",
            "access-token",
            "access-secret",
            "pushback-signature",
            "x-acme-signature");
    assertThat(seen.keySet()).doesNotContainAnyElementsOf(credentialNames);
    for (int i = 1; i < credentials.size(); i += 2) {
      assertThat(seen.values()).doesNotContain(credentials.get(i));
    }
  }
}
