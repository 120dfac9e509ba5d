package io.pushback.presets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating and changing endpoints by preset name through the admin API, over a real port. */
final class PresetAdminIT {
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of());
    server.createPartner("acme");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void githubPresetAcceptsGithubsPublishedExample() throws Exception {
    JsonNode endpoint =
        server.createEndpoint(
            "acme",
            "github",
            "log",
            "{\"method\":\"signature\",\"preset\":\"github\",\"secret\":\""
                + GITHUB_SECRET
                + "\"}");

    assertThat(endpoint.path("security").path("preset").asText()).isEqualTo("github");
    assertThat(endpoint.path("security").path("header").asText()).isEqualTo("X-Hub-Signature-256");
    assertThat(endpoint.path("idempotencyHeader").asText()).isEqualTo("X-GitHub-Delivery");
    String path = endpoint.path("path").asText();
    assertThat(post(path, "Hello, World!", "X-Hub-Signature-256", GITHUB_SIGNATURE).statusCode())
        .isEqualTo(200);
    assertThat(post(path, "Hello, World?", "X-Hub-Signature-256", GITHUB_SIGNATURE).statusCode())
        .isEqualTo(401);
  }

  @Test
  void settingsGivenWithThePresetOverrideIt() throws Exception {
    String body =
        "{\"name\":\"custom\",\"saga\":\"log\",\"idempotencyHeader\":\"X-Request-Id\","
            + "\"security\":{\"method\":\"signature\",\"preset\":\"github\",\"secret\":\"s3cret-value\","
            + "\"header\":\"X-Custom-Signature\"}}";
    JsonNode endpoint = server.adminJson("POST", "/partners/acme/endpoints", body, 201);

    assertThat(endpoint.path("security").path("header").asText()).isEqualTo("X-Custom-Signature");
    assertThat(endpoint.path("security").path("prefix").asText()).isEqualTo("sha256=");
    assertThat(endpoint.path("idempotencyHeader").asText()).isEqualTo("X-Request-Id");
  }

  @Test
  void aGeneratedStandardWebhooksSecretIsAWhsecKey() throws Exception {
    JsonNode endpoint =
        server.createEndpoint(
            "acme",
            "generated",
            "log",
            "{\"method\":\"signature\",\"preset\":\"standard-webhooks\"}");

    assertThat(endpoint.path("credentials").path("secret").asText()).startsWith("whsec_");
  }

  @Test
  void refusesAnUnknownPresetOrAPlainSecretForWhsec() throws Exception {
    HttpResponse<String> unknown =
        server.admin(
            "POST",
            "/partners/acme/endpoints",
            "{\"name\":\"x1\",\"saga\":\"log\",\"security\":{\"method\":\"signature\",\"preset\":\"gitlab\"}}");
    HttpResponse<String> plain =
        server.admin(
            "POST",
            "/partners/acme/endpoints",
            "{\"name\":\"x2\",\"saga\":\"log\",\"security\":{\"method\":\"signature\","
                + "\"preset\":\"standard-webhooks\",\"secret\":\"plain-secret\"}}");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("security.preset");
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(plain.body()).contains("security.secret").doesNotContain("plain-secret");
  }

  @Test
  void patchingThePresetStartsFromTheNewPreset() throws Exception {
    JsonNode endpoint =
        server.createEndpoint(
            "acme",
            "switch",
            "log",
            "{\"method\":\"signature\",\"preset\":\"github\",\"secret\":\"text-secret\"}");

    JsonNode changed =
        server.adminJson(
            "PATCH",
            "/endpoints/" + endpoint.path("id").asText(),
            "{\"security\":{\"preset\":\"shopify\"}}",
            200);

    assertThat(changed.path("security").path("header").asText()).isEqualTo("X-Shopify-Hmac-SHA256");
    assertThat(changed.path("security").path("encoding").asText()).isEqualTo("base64");
    assertThat(changed.path("idempotencyHeader").asText()).isEqualTo("X-Shopify-Event-Id");
  }

  private static HttpResponse<String> post(String path, String body, String name, String value)
      throws Exception {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header(name, value)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }
}
