package io.pushback.web.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.PushbackException;
import io.pushback.auth.Secret;
import io.pushback.auth.SecuritySettings;
import io.pushback.delivery.Delivery;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.Partner;
import io.pushback.endpoint.Site;
import io.pushback.network.Cidr;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the admin API shows things: ordered JSON objects, never a secret unless asked for the
 * one-time answer.
 */
final class Views {
  private final ObjectMapper json;

  Views(ObjectMapper json) {
    this.json = json;
  }

  Map<String, Object> partner(Partner partner) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", partner.id());
    view.put("slug", partner.slug());
    view.put("name", partner.name());
    view.put("createdAt", partner.createdAt().toString());
    return view;
  }

  Map<String, Object> site(Site site, Partner partner) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", site.id());
    view.put("partner", partner.slug());
    view.put("slug", site.slug());
    view.put("name", site.name());
    view.put("createdAt", site.createdAt().toString());
    return view;
  }

  Map<String, Object> endpoint(Endpoint endpoint, Partner partner, Optional<Site> site) {
    Map<String, Object> security = new LinkedHashMap<>();
    security.put(SecuritySettings.METHOD, endpoint.securityMethod().wireName());
    endpoint
        .securityMethod()
        .publicFields()
        .forEach(f -> security.put(f, endpoint.securitySettings().get(f)));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", endpoint.id());
    view.put("key", endpoint.key());
    view.put("path", endpoint.path());
    view.put("name", endpoint.name());
    view.put("partner", partner.slug());
    view.put("site", site.map(Site::slug).orElse(null));
    view.put("saga", endpoint.saga());
    view.put("sagaSettings", readTree(endpoint.sagaSettings()));
    view.put("security", security);
    view.put("enabled", endpoint.enabled());
    view.put(
        "maxBodyBytes",
        endpoint.maxBodyBytes().isPresent() ? endpoint.maxBodyBytes().getAsLong() : null);
    view.put("mode", endpoint.mode().wireName());
    view.put("idempotencyHeader", endpoint.idempotencyHeader().orElse(null));
    view.put("requireHttps", endpoint.network().requireHttps().orElse(null));
    view.put(
        "allowedNetworks",
        endpoint.network().allowedNetworks().stream().map(Cidr::toString).toList());
    view.put("createdAt", endpoint.createdAt().toString());
    view.put("updatedAt", endpoint.updatedAt().toString());
    return view;
  }

  /** The one answer that shows secrets: the endpoint view plus {@code credentials}. */
  Map<String, Object> withCredentials(Map<String, Object> view, Map<String, Secret> secrets) {
    Map<String, Object> shown = new LinkedHashMap<>(view);
    shown.put("credentials", revealed(secrets));
    return shown;
  }

  static Map<String, String> revealed(Map<String, Secret> secrets) {
    Map<String, String> values = new LinkedHashMap<>();
    secrets.forEach((field, secret) -> values.put(field, secret.reveal()));
    return values;
  }

  Map<String, Object> delivery(Delivery delivery) {
    List<Map<String, String>> headers = new ArrayList<>();
    delivery.headers().forEach(h -> headers.add(Map.of("name", h.name(), "value", h.value())));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", String.valueOf(delivery.id()));
    view.put("endpoint", delivery.endpointId());
    view.put("site", delivery.siteId().isPresent() ? delivery.siteId().getAsLong() : null);
    view.put("receivedAt", delivery.receivedAt().toString());
    view.put("remoteAddress", delivery.remoteAddress());
    view.put("outcome", delivery.outcome().wireName());
    view.put("reason", delivery.reason().orElse(null));
    view.put("status", delivery.status().orElse(null));
    view.put("attempts", delivery.attempts());
    view.put("idempotencyKey", delivery.idempotencyKey().orElse(null));
    view.put("completedSteps", delivery.completedSteps());
    view.put("headers", headers);
    view.put("contentType", delivery.contentType().orElse(null));
    view.put("bodySize", delivery.bodySize());
    putBody(view, delivery.body());
    view.put("parameters", delivery.parameters().map(this::readTree).orElse(null));
    view.put("sagaResult", delivery.sagaResult().orElse(null));
    return view;
  }

  private static void putBody(Map<String, Object> view, byte[] body) {
    try {
      view.put(
          "body", StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString());
      view.put("bodyEncoding", "utf-8");
    } catch (CharacterCodingException e) {
      view.put("body", Base64.getEncoder().encodeToString(body));
      view.put("bodyEncoding", "base64");
    }
  }

  private JsonNode readTree(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PushbackException("a stored JSON column cannot be read", e);
    }
  }
}
