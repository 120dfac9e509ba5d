package io.pushback.web.admin;

import io.pushback.delivery.DeliveryStore;
import io.pushback.delivery.Outcome;
import io.pushback.endpoint.Endpoint;
import io.pushback.saga.SagaRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading deliveries, newest first, and the registered sagas. */
final class DeliveryRoutes {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private final DeliveryStore deliveries;
  private final SagaRegistry sagas;
  private final Lookups lookups;
  private final Views views;

  DeliveryRoutes(DeliveryStore deliveries, SagaRegistry sagas, Lookups lookups, Views views) {
    this.deliveries = deliveries;
    this.sagas = sagas;
    this.lookups = lookups;
    this.views = views;
  }

  List<Route> routes() {
    return List.of(
        new Route("GET", "/endpoints/{id}/deliveries", this::list),
        new Route("GET", "/deliveries/{id}", this::one),
        new Route("GET", "/sagas", request -> ApiResponse.ok(Map.of("sagas", sagas.names()))));
  }

  private ApiResponse list(ApiRequest request) {
    Endpoint endpoint = lookups.endpoint(request.pathId("id", "endpoint"));
    Optional<Outcome> outcome = request.query("outcome").map(DeliveryRoutes::outcome);
    int limit = request.query("limit").map(DeliveryRoutes::limit).orElse(DEFAULT_LIMIT);
    return ApiResponse.ok(
        Map.of(
            "deliveries",
            deliveries.forEndpoint(endpoint.id(), outcome, limit).stream()
                .map(views::delivery)
                .toList()));
  }

  private ApiResponse one(ApiRequest request) {
    long id = request.pathId("id", "delivery");
    return ApiResponse.ok(
        views.delivery(
            deliveries.find(id).orElseThrow(() -> ApiException.notFound("delivery " + id))));
  }

  private static Outcome outcome(String name) {
    try {
      return Outcome.fromWireName(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("outcome", e.getMessage());
    }
  }

  private static int limit(String text) {
    try {
      int limit = Integer.parseInt(text);
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit", "expected a whole number from 1 to " + MAX_LIMIT);
    }
  }
}
