package io.pushback.web.admin;

import io.pushback.delivery.Delivery;
import io.pushback.delivery.DeliveryStore;
import io.pushback.delivery.Outcome;
import io.pushback.endpoint.Endpoint;
import io.pushback.saga.SagaRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading and replaying deliveries, and the registered sagas. */
final class DeliveryRoutes {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private final DeliveryStore deliveries;
  private final SagaRegistry sagas;
  private final Lookups lookups;
  private final Views views;
  private final Runnable onReplay;

  DeliveryRoutes(
      DeliveryStore deliveries,
      SagaRegistry sagas,
      Lookups lookups,
      Views views,
      Runnable onReplay) {
    this.deliveries = deliveries;
    this.sagas = sagas;
    this.lookups = lookups;
    this.views = views;
    this.onReplay = onReplay;
  }

  List<Route> routes() {
    return List.of(
        new Route("GET", "/endpoints/{id}/deliveries", this::list),
        new Route("GET", "/deliveries/{id}", this::one),
        new Route("POST", "/deliveries/{id}/replay", this::replay),
        new Route("GET", "/sagas", request -> ApiResponse.ok(Map.of("sagas", sagas.names()))));
  }

  private ApiResponse list(ApiRequest request) {
    Endpoint endpoint = lookups.endpoint(request.pathId("id", "endpoint"));
    Optional<Outcome> outcome = request.query("outcome").map(DeliveryRoutes::outcome);
    int limit = request.query("limit").map(DeliveryRoutes::limit).orElse(DEFAULT_LIMIT);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(
        "deliveries",
        deliveries.forEndpoint(endpoint.id(), outcome, limit).stream()
            .map(views::delivery)
            .toList());
    answer.put("rejectedTotal", deliveries.rejectionCount(endpoint.id()));
    return ApiResponse.ok(answer);
  }

  /** Runs a delivery's saga again, from its first step, on the workers. */
  private ApiResponse replay(ApiRequest request) {
    long id = request.pathId("id", "delivery");
    Delivery delivery =
        deliveries.find(id).orElseThrow(() -> ApiException.notFound("delivery " + id));
    if (delivery.outcome() == Outcome.REJECTED) {
      throw ApiException.conflict(
          "delivery " + id + " was rejected: it never passed verification and cannot be replayed");
    }
    if (!deliveries.replay(id)) {
      throw ApiException.conflict("delivery " + id + " is already pending");
    }
    onReplay.run();
    return new ApiResponse(202, views.delivery(deliveries.find(id).orElseThrow()));
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
