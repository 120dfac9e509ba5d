package io.pushback.blackbox;

import static io.pushback.blackbox.Answers.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A black-box fixture for issue 4, item 4 (HTTPS and proxies): one server per test class with the
 * settings the subclass gives. The test client always connects from 127.0.0.1: trusting 127.0.0.1
 * makes it a proxy, trusting nothing makes it a direct client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProxyDeployment {
  static final String FORBIDDEN = "{\"error\":\"forbidden\"}";
  private static final String BODY = "{\"event\":\"loan.updated\"}";

  final RecordingSaga recording = new RecordingSaga();
  TestServer server;
  Endpoints endpoints;

  abstract Map<String, String> settings();

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(settings(), List.of(recording));
    endpoints = new Endpoints(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A bearer endpoint with {@code extraFields} (JSON members, may be empty) in its create body. */
  CreatedEndpoint endpoint(String extraFields) throws IOException, InterruptedException {
    String partner = endpoints.partner();
    String body =
        "{\"name\":\""
            + Endpoints.unique("ep")
            + "\",\"saga\":\""
            + RecordingSaga.NAME
            + "\",\"security\":"
            + Security.bearer(Endpoints.unique("token"))
            + (extraFields.isEmpty() ? "" : "," + extraFields)
            + "}";
    return new CreatedEndpoint(
        partner, server.adminJson("POST", "/partners/" + partner + "/endpoints", body, 201));
  }

  PushbackCall call(CreatedEndpoint endpoint) {
    return PushbackCall.post(endpoint.path())
        .header("Authorization", "Bearer " + endpoint.credential("token"))
        .json(BODY);
  }

  HttpResponse<String> send(PushbackCall call) throws IOException, InterruptedException {
    return call.send(server);
  }

  JsonNode newestDelivery(CreatedEndpoint endpoint) throws IOException, InterruptedException {
    List<JsonNode> rows = endpoints.deliveries(endpoint.id());
    assertThat(rows).isNotEmpty();
    return rows.get(0);
  }

  /**
   * Sends {@code call} and asserts it is refused with 403, runs no saga, and leaves a rejected
   * delivery row with the client {@code address} and a reason containing {@code reason}.
   */
  void assertForbiddenAndRecorded(
      PushbackCall call, CreatedEndpoint endpoint, String address, String reason)
      throws IOException, InterruptedException {
    int runsBefore = recording.runsFor(endpoint.id()).size();
    HttpResponse<String> response = send(call);
    assertAnswer(response, 403, FORBIDDEN);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(recording.runsFor(endpoint.id())).hasSize(runsBefore);
    JsonNode row = newestDelivery(endpoint);
    assertThat(row.path("outcome").asText()).isEqualTo("rejected");
    assertThat(row.path("status").asInt()).isEqualTo(403);
    assertThat(row.path("remoteAddress").asText()).isEqualTo(address);
    assertThat(row.path("reason").asText()).contains(reason);
  }
}
