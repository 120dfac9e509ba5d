package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertAnswer;
import static io.pushback.blackbox.Answers.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Design §3 and §5 413: the body limit, deployment-wide ({@code PUSHBACK_MAX_BODY_BYTES}) and per
 * endpoint. A body one byte over is refused before any credential work: a wrong signature still
 * gets 413, not 401, and the saga never runs.
 */
class BodyLimitIT {
  private static final int LIMIT = 64;

  private static RecordingSaga recording;
  private static TestServer server;
  private static Endpoints endpoints;

  @BeforeAll
  static void start() throws Exception {
    recording = new RecordingSaga();
    server =
        TestServer.start(
            Map.of(Settings.MAX_BODY_BYTES, String.valueOf(LIMIT)), List.of(recording));
    endpoints = new Endpoints(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A JSON body of exactly {@code size} bytes. */
  private static byte[] jsonOfSize(int size) {
    String json = "{\"p\":\"" + "x".repeat(size - 8) + "\"}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes).hasSize(size);
    return bytes;
  }

  private static CreatedEndpoint signatureEndpoint() throws Exception {
    return endpoints.partnerEndpoint(
        RecordingSaga.NAME, Security.signature(Endpoints.unique("hmac")));
  }

  private static PushbackCall signed(CreatedEndpoint endpoint, byte[] body) {
    return PushbackCall.post(endpoint.path())
        .contentType("application/json")
        .body(body)
        .header("PUSHBACK_SIGNATURE", Signatures.reference(endpoint.credential("secret"), body));
  }

  private static void assertTooLargeRecorded(CreatedEndpoint endpoint, long limit)
      throws Exception {
    List<JsonNode> rows = endpoints.deliveries(endpoint.id());
    assertThat(rows).hasSize(1);
    JsonNode row = rows.get(0);
    assertThat(row.get("outcome").asText()).isEqualTo("rejected");
    assertThat(row.get("status").asInt()).isEqualTo(413);
    assertThat(row.get("reason").asText()).contains(String.valueOf(limit));
    assertThat(recording.runsFor(endpoint.id())).as("saga runs").isEmpty();
  }

  @Test
  void acceptsABodyExactlyAtTheDeploymentLimit() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();

    String delivery = assertSuccess(signed(endpoint, jsonOfSize(LIMIT)).send(server));

    assertThat(recording.run(delivery).body()).hasSize(LIMIT);
  }

  @Test
  void refusesABodyOneByteOverTheDeploymentLimit() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();

    assertAnswer(
        signed(endpoint, jsonOfSize(LIMIT + 1)).send(server), 413, Answers.PAYLOAD_TOO_LARGE);

    assertTooLargeRecorded(endpoint, LIMIT);
  }

  @Test
  void refusesAnOversizedBodyBeforeCheckingItsSignature() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();
    byte[] body = jsonOfSize(LIMIT + 1);

    assertAnswer(
        PushbackCall.post(endpoint.path())
            .json(new String(body, StandardCharsets.UTF_8))
            .header("PUSHBACK_SIGNATURE", Signatures.reference("not-the-secret", body))
            .send(server),
        413,
        Answers.PAYLOAD_TOO_LARGE);

    assertTooLargeRecorded(endpoint, LIMIT);
  }

  @Test
  void refusesAnOversizedBodyWithoutCredentialsAsTooLarge() throws Exception {
    CreatedEndpoint endpoint =
        endpoints.partnerEndpoint(RecordingSaga.NAME, Security.bearer(Endpoints.unique("bearer")));

    assertAnswer(
        PushbackCall.post(endpoint.path()).body(jsonOfSize(LIMIT + 1)).send(server),
        413,
        Answers.PAYLOAD_TOO_LARGE);

    assertTooLargeRecorded(endpoint, LIMIT);
  }

  @Test
  void refusesAChunkedBodyOneByteOverTheLimit() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();

    assertAnswer(
        signed(endpoint, jsonOfSize(LIMIT + 1)).chunked().send(server),
        413,
        Answers.PAYLOAD_TOO_LARGE);

    assertTooLargeRecorded(endpoint, LIMIT);
  }

  /**
   * A body declared far over the limit is refused on its {@code Content-Length} before a byte of it
   * arrives: only the head is sent, and the 413 comes back anyway. (The JDK HttpClient cannot show
   * this: it fails with "broken pipe" when the server answers and closes while it is still
   * uploading, where curl reads the 413.)
   */
  @Test
  void refusesADeclaredOversizedBodyBeforeItArrives() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();

    String answer =
        RawHttp.exchange(
            server.port(),
            "POST "
                + endpoint.path()
                + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: "
                + (4 * 1024 * 1024)
                + "\r\n"
                + "PUSHBACK_SIGNATURE: "
                + Signatures.reference(endpoint.credential("secret"), new byte[0])
                + "\r\n"
                + "Connection: close\r\n"
                + "\r\n");

    assertThat(answer).startsWith("HTTP/1.1 413 ").endsWith(Answers.PAYLOAD_TOO_LARGE);
    assertTooLargeRecorded(endpoint, LIMIT);
  }

  /**
   * With {@code Expect: 100-continue} the server must answer 413 from the declared length alone,
   * without asking for the body. Spoken over a plain socket: the JDK 17 HttpClient waits forever
   * when the answer to an expect-continue request is not 100.
   */
  @Test
  void refusesADeclaredOversizedBodyWithoutAskingForIt() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();

    String answer =
        RawHttp.exchange(
            server.port(),
            "POST "
                + endpoint.path()
                + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: "
                + (LIMIT + 1)
                + "\r\n"
                + "Expect: 100-continue\r\n"
                + "Connection: close\r\n"
                + "\r\n");

    assertThat(answer)
        .startsWith("HTTP/1.1 413 ")
        .doesNotContain("100 Continue")
        .endsWith(Answers.PAYLOAD_TOO_LARGE);
    assertTooLargeRecorded(endpoint, LIMIT);
  }

  @Test
  void acceptsAChunkedBodyExactlyAtTheLimit() throws Exception {
    CreatedEndpoint endpoint = signatureEndpoint();

    String delivery = assertSuccess(signed(endpoint, jsonOfSize(LIMIT)).chunked().send(server));

    assertThat(recording.run(delivery).body()).isEqualTo(jsonOfSize(LIMIT));
  }

  @Test
  void endpointLimitBelowTheDeploymentsIsEnforcedToTheByte() throws Exception {
    String secret = Endpoints.unique("hmac");
    CreatedEndpoint endpoint =
        endpoints.partnerEndpointWithLimit(RecordingSaga.NAME, Security.signature(secret), 16);
    assertThat(endpoint.answer().get("maxBodyBytes").asLong()).isEqualTo(16);

    assertSuccess(signed(endpoint, jsonOfSize(16)).send(server));
    assertAnswer(signed(endpoint, jsonOfSize(17)).send(server), 413, Answers.PAYLOAD_TOO_LARGE);

    List<JsonNode> rows = endpoints.deliveries(endpoint.id());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("status").asInt()).isEqualTo(413);
    assertThat(rows.get(0).get("reason").asText()).contains("16");
    assertThat(recording.runsFor(endpoint.id())).hasSize(1);
  }

  @Test
  void endpointLimitAboveTheDeploymentsRaisesIt() throws Exception {
    CreatedEndpoint endpoint =
        endpoints.partnerEndpointWithLimit(
            RecordingSaga.NAME, Security.signature(Endpoints.unique("hmac")), 128);

    assertSuccess(signed(endpoint, jsonOfSize(128)).send(server));
    assertAnswer(signed(endpoint, jsonOfSize(129)).send(server), 413, Answers.PAYLOAD_TOO_LARGE);
  }
}
