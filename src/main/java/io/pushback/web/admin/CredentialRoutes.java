package io.pushback.web.admin;

import io.pushback.auth.SecuritySettings;
import io.pushback.endpoint.Credential;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.EndpointStore;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rotating an endpoint's credentials, with an optional overlap during which the old ones stay
 * valid.
 */
final class CredentialRoutes {
  private static final String OVERLAP = "overlap";
  private static final Duration LONGEST_OVERLAP = Duration.ofDays(365);

  private final EndpointStore endpoints;
  private final SecurityInput security;
  private final Lookups lookups;

  CredentialRoutes(EndpointStore endpoints, SecurityInput security, Lookups lookups) {
    this.endpoints = endpoints;
    this.security = security;
    this.lookups = lookups;
  }

  List<Route> routes() {
    return List.of(new Route("POST", "/endpoints/{id}/credentials", this::rotate));
  }

  private ApiResponse rotate(ApiRequest request) {
    Endpoint endpoint = lookups.endpoint(request.pathId("id", "endpoint"));
    JsonFields body = request.optionalBody();
    SecuritySettings settings =
        security.rotate(
            endpoint.securityMethod(), endpoint.securitySettings(), body, Set.of(OVERLAP));
    Duration overlap = body.text(OVERLAP).map(CredentialRoutes::overlap).orElse(Duration.ZERO);
    Credential credential =
        endpoints.rotate(endpoint.id(), Views.revealed(settings.secretFields()), overlap);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("endpoint", endpoint.id());
    answer.put("createdAt", credential.createdAt().toString());
    answer.put(OVERLAP, overlap.toString());
    answer.put("previousValidUntil", credential.createdAt().plus(overlap).toString());
    answer.put("credentials", Views.revealed(settings.secretFields()));
    return ApiResponse.created(answer);
  }

  private static Duration overlap(String text) {
    try {
      Duration overlap = Duration.parse(text);
      if (overlap.isNegative() || overlap.compareTo(LONGEST_OVERLAP) > 0) {
        throw ApiException.badRequest(OVERLAP, "must be from PT0S to P365D");
      }
      return overlap;
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(OVERLAP, "expected an ISO-8601 duration such as PT24H");
    }
  }
}
