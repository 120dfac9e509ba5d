package io.pushback.blackbox.admin;

import static io.pushback.blackbox.admin.AdminClient.assertNotFound;
import static io.pushback.blackbox.admin.AdminClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/api/v1/partners/{partner}/endpoints}: the partner's live endpoints, its own and
 * its sites', oldest first, never a secret (what the console lists).
 */
final class EndpointListIT {
  private static TestServer server;
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of());
    admin = new AdminClient(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listsThePartnersOwnAndSiteEndpointsButNotDeletedOnesOrOtherPartners() throws Exception {
    String partner = unique("acme");
    String other = unique("other");
    admin.created("/partners", "{\"slug\":\"" + partner + "\",\"name\":\"Acme\"}");
    admin.created("/partners", "{\"slug\":\"" + other + "\",\"name\":\"Other\"}");
    admin.created("/partners/" + partner + "/sites", "{\"slug\":\"main\",\"name\":\"Main\"}");
    String security = "\"security\":{\"method\":\"token_secret\"}";
    JsonNode own =
        admin.created(
            "/partners/" + partner + "/endpoints",
            "{\"name\":\"own\",\"saga\":\"log\"," + security + "}");
    admin.created(
        "/partners/" + partner + "/sites/main/endpoints",
        "{\"name\":\"site\",\"saga\":\"log\"," + security + "}");
    JsonNode gone =
        admin.created(
            "/partners/" + partner + "/endpoints",
            "{\"name\":\"gone\",\"saga\":\"log\"," + security + "}");
    admin.created(
        "/partners/" + other + "/endpoints",
        "{\"name\":\"elsewhere\",\"saga\":\"log\"," + security + "}");
    assertThat(admin.delete("/endpoints/" + gone.get("id").asLong()).status()).isEqualTo(204);

    JsonNode listed = admin.ok("/partners/" + partner + "/endpoints").get("endpoints");

    List<String> names = new ArrayList<>();
    listed.forEach(e -> names.add(e.get("name").asText() + "@" + e.get("site").asText("-")));
    assertThat(names).containsExactly("own@-", "site@main");
    assertThat(listed.get(0).get("key").asText()).isEqualTo(own.get("key").asText());
    assertThat(listed.toString())
        .doesNotContain(own.get("credentials").get("secret").asText())
        .doesNotContain("credentials");
  }

  @Test
  void answersNotFoundForAnUnknownPartner() throws Exception {
    assertNotFound(admin.get("/partners/" + unique("nobody") + "/endpoints"));
  }
}
