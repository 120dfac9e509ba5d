package io.pushback.blackbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Design §3: {@code GET /health} for load balancers, without credentials: liveness only; {@code
 * ReadyIT} covers the store.
 */
final class HealthIT {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void answersUpWithoutCredentials() throws Exception {
    HttpResponse<String> response =
        server.send(HttpRequest.newBuilder(server.uri("/health")).GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .matches("(?i)application/json\\s*(;.*)?");
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("up");
  }

  @Test
  void answersOtherMethodsWithJson() throws Exception {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri("/health"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .matches("(?i)application/json\\s*(;.*)?");
  }

  @Test
  void ignoresAnAdminTokenItDoesNotNeed() throws Exception {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri("/health"))
                .header("Authorization", "Bearer not-the-admin-token-at-all")
                .GET()
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
  }
}
