package io.pushback.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Admin API set-up of fresh, uniquely named partners, sites and endpoints, and reading deliveries.
 */
final class Endpoints {
  private final TestServer server;

  Endpoints(TestServer server) {
    this.server = server;
  }

  /** A unique slug or secret starting with {@code prefix}: lower-case letters, digits and '-'. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** Creates a partner with a fresh slug; returns the slug. */
  String partner() throws IOException, InterruptedException {
    String slug = unique("partner");
    server.createPartner(slug);
    return slug;
  }

  /**
   * Creates a site with a fresh slug under {@code partner}; returns the site as the API answered
   * it.
   */
  JsonNode site(String partner) throws IOException, InterruptedException {
    return server.createSite(partner, unique("site"));
  }

  /** A partner endpoint of a fresh partner. */
  CreatedEndpoint partnerEndpoint(String saga, String security)
      throws IOException, InterruptedException {
    return partnerEndpoint(partner(), saga, security);
  }

  CreatedEndpoint partnerEndpoint(String partner, String saga, String security)
      throws IOException, InterruptedException {
    return new CreatedEndpoint(
        partner, server.createEndpoint(partner, unique("ep"), saga, security));
  }

  CreatedEndpoint siteEndpoint(String partner, String site, String saga, String security)
      throws IOException, InterruptedException {
    return new CreatedEndpoint(
        partner, server.createEndpoint(partner + "/sites/" + site, unique("ep"), saga, security));
  }

  /** A partner endpoint of a fresh partner with its own body limit. */
  CreatedEndpoint partnerEndpointWithLimit(String saga, String security, long maxBodyBytes)
      throws IOException, InterruptedException {
    String partner = partner();
    String body =
        "{\"name\":\""
            + unique("ep")
            + "\",\"saga\":\""
            + saga
            + "\",\"maxBodyBytes\":"
            + maxBodyBytes
            + ",\"security\":"
            + security
            + "}";
    return new CreatedEndpoint(
        partner, server.adminJson("POST", "/partners/" + partner + "/endpoints", body, 201));
  }

  void setEnabled(long endpointId, boolean enabled) throws IOException, InterruptedException {
    server.adminJson("PATCH", "/endpoints/" + endpointId, "{\"enabled\":" + enabled + "}", 200);
  }

  void delete(long endpointId) throws IOException, InterruptedException {
    HttpResponse<String> response = server.admin("DELETE", "/endpoints/" + endpointId, null);
    if (response.statusCode() != 204 && response.statusCode() != 200) {
      throw new AssertionError(
          "DELETE endpoint " + endpointId + ": " + response.statusCode() + " " + response.body());
    }
  }

  /** The raw text of the deliveries list of {@code endpointId}, newest first. */
  String deliveriesText(long endpointId) throws IOException, InterruptedException {
    HttpResponse<String> response =
        server.admin("GET", "/endpoints/" + endpointId + "/deliveries", null);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "deliveries of " + endpointId + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** The deliveries of {@code endpointId}, newest first. */
  List<JsonNode> deliveries(long endpointId) throws IOException, InterruptedException {
    List<JsonNode> list = new ArrayList<>();
    Answers.json(deliveriesText(endpointId)).path("deliveries").forEach(list::add);
    return list;
  }

  /** One delivery by id, with its raw text. */
  HttpResponse<String> delivery(String id) throws IOException, InterruptedException {
    return server.admin("GET", "/deliveries/" + id, null);
  }
}
