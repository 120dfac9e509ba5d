package io.pushback.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 4, item 4: the admin API sets, shows, changes and resets an endpoint's network fields. */
class EndpointNetworkFieldsIT extends ProxyDeployment {
  @Override
  Map<String, String> settings() {
    return Map.of();
  }

  @Test
  void createShowsTheFieldsInCanonicalForm() throws Exception {
    CreatedEndpoint endpoint =
        endpoint("\"requireHttps\":true,\"allowedNetworks\":[\"2001:DB8::/32\",\"10.1.2.3\"]");

    JsonNode view = server.adminJson("GET", "/endpoints/" + endpoint.id(), null, 200);
    assertThat(view.path("requireHttps").asBoolean()).isTrue();
    assertThat(view.path("allowedNetworks").toString())
        .isEqualTo("[\"2001:db8::/32\",\"10.1.2.3/32\"]");
  }

  @Test
  void defaultsAreTheDeploymentsSettingAndAnyAddress() throws Exception {
    JsonNode view = endpoint("").answer();
    assertThat(view.get("requireHttps").isNull()).isTrue();
    assertThat(view.path("allowedNetworks").toString()).isEqualTo("[]");
  }

  @Test
  void patchChangesKeepsAndResets() throws Exception {
    CreatedEndpoint endpoint = endpoint("");
    String path = "/endpoints/" + endpoint.id();

    JsonNode changed =
        server.adminJson(
            "PATCH", path, "{\"requireHttps\":false,\"allowedNetworks\":[\"192.0.2.0/24\"]}", 200);
    assertThat(changed.path("requireHttps").asBoolean(true)).isFalse();
    assertThat(changed.path("allowedNetworks").toString()).isEqualTo("[\"192.0.2.0/24\"]");

    JsonNode kept = server.adminJson("PATCH", path, "{\"name\":\"renamed\"}", 200);
    assertThat(kept.path("requireHttps").asBoolean(true)).isFalse();
    assertThat(kept.path("allowedNetworks").toString()).isEqualTo("[\"192.0.2.0/24\"]");

    JsonNode reset =
        server.adminJson("PATCH", path, "{\"requireHttps\":null,\"allowedNetworks\":null}", 200);
    assertThat(reset.get("requireHttps").isNull()).isTrue();
    assertThat(reset.path("allowedNetworks").toString()).isEqualTo("[]");
  }

  @Test
  void invalidNetworksAreRefusedNamingTheEntry() throws Exception {
    CreatedEndpoint endpoint = endpoint("");
    String path = "/endpoints/" + endpoint.id();

    assertBadField(
        server.admin("PATCH", path, "{\"allowedNetworks\":[\"10.0.0.0/8\",\"10.0.0.1/8\"]}"),
        "allowedNetworks[1]",
        "did you mean 10.0.0.0/8?");
    assertBadField(
        server.admin("PATCH", path, "{\"allowedNetworks\":[\"intranet.example\"]}"),
        "allowedNetworks[0]",
        "is not a network");
    assertBadField(
        server.admin("PATCH", path, "{\"allowedNetworks\":\"10.0.0.0/8\"}"),
        "allowedNetworks",
        "expected an array");
    assertBadField(
        server.admin("PATCH", path, "{\"requireHttps\":\"yes\"}"),
        "requireHttps",
        "expected true or false");
  }

  private void assertBadField(HttpResponse<String> response, String field, String problem) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains(field).contains(problem);
  }
}
