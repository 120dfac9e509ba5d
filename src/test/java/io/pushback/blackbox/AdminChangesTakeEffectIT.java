package io.pushback.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Endpoint resolution is cached between admin changes: a disable, a rotation without overlap and a
 * delete take effect on the very next pushback request, on the node that made the change and on a
 * second node sharing its database.
 */
class AdminChangesTakeEffectIT {
  private static TestServer nodeA;
  private static TestServer nodeB;
  private static Endpoints endpoints;

  @BeforeAll
  static void startTwoNodesOnOneDatabase() throws Exception {
    nodeA = TestServer.start(List.of(new RecordingSaga()));
    nodeB =
        TestServer.start(
            Map.of(Settings.DB_URL, "jdbc:sqlite:" + nodeA.directory().resolve("pushback.db")),
            List.of(new RecordingSaga()));
    endpoints = new Endpoints(nodeA);
  }

  @AfterAll
  static void stop() {
    nodeB.close();
    nodeA.close();
  }

  @Test
  void disablingAnEndpointTakesEffectOnTheNextRequestOnBothNodes() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint();
    String password = endpoint.credential("password");
    assertStatus(nodeA, endpoint, password, 200);
    assertStatus(nodeB, endpoint, password, 200);

    endpoints.setEnabled(endpoint.id(), false);
    assertStatus(nodeA, endpoint, password, 404);
    assertStatus(nodeB, endpoint, password, 404);

    endpoints.setEnabled(endpoint.id(), true);
    assertStatus(nodeA, endpoint, password, 200);
    assertStatus(nodeB, endpoint, password, 200);
  }

  @Test
  void aRotationWithoutOverlapTakesEffectOnTheNextRequestOnBothNodes() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint();
    String old = endpoint.credential("password");
    assertStatus(nodeA, endpoint, old, 200);
    assertStatus(nodeB, endpoint, old, 200);

    JsonNode rotated =
        nodeA.adminJson("POST", "/endpoints/" + endpoint.id() + "/credentials", "{}", 201);
    String fresh = rotated.path("credentials").path("password").asText();

    assertStatus(nodeA, endpoint, old, 401);
    assertStatus(nodeB, endpoint, old, 401);
    assertStatus(nodeA, endpoint, fresh, 200);
    assertStatus(nodeB, endpoint, fresh, 200);
  }

  @Test
  void aDeleteTakesEffectOnTheNextRequestOnBothNodes() throws Exception {
    CreatedEndpoint endpoint = basicEndpoint();
    String password = endpoint.credential("password");
    assertStatus(nodeA, endpoint, password, 200);
    assertStatus(nodeB, endpoint, password, 200);

    nodeA.admin("DELETE", "/endpoints/" + endpoint.id(), null);

    assertStatus(nodeA, endpoint, password, 404);
    assertStatus(nodeB, endpoint, password, 404);
  }

  private static CreatedEndpoint basicEndpoint() throws Exception {
    return endpoints.partnerEndpoint(
        RecordingSaga.NAME, Security.basic(Endpoints.unique("user"), Endpoints.unique("pw")));
  }

  private static void assertStatus(
      TestServer node, CreatedEndpoint endpoint, String password, int status) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (endpoint.setting("username") + ":" + password).getBytes(StandardCharsets.UTF_8));
    assertThat(
            PushbackCall.post(endpoint.path())
                .json("{}")
                .header("Authorization", "Basic " + basic)
                .send(node)
                .statusCode())
        .isEqualTo(status);
  }
}
