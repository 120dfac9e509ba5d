package io.pushback.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pushback.auth.Secret;
import io.pushback.auth.SecuritySettings;
import io.pushback.auth.VerifierFactory;
import io.pushback.delivery.DeliveryStore;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.PartnerStore;
import io.pushback.saga.SagaRegistry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assembles the admin API servlets: the API from the stores, the metrics scrape. */
public final class AdminApi {
  private AdminApi() {}

  /**
   * The admin API servlet; off (404 for every call) when {@code adminToken} is empty. {@code
   * onReplay} is told when a delivery was scheduled again.
   */
  public static AdminApiServlet servlet(
      PartnerStore partners,
      EndpointStore endpoints,
      DeliveryStore deliveries,
      SagaRegistry sagas,
      ObjectMapper json,
      SecureRandom random,
      Optional<Secret> adminToken,
      Runnable onReplay) {
    Views views = new Views(json);
    Lookups lookups = new Lookups(partners, endpoints);
    SecurityInput security = new SecurityInput(random);
    List<Route> routes = new ArrayList<>();
    routes.addAll(new PartnerRoutes(partners, lookups, views).routes());
    routes.addAll(new EndpointRoutes(endpoints, sagas, security, lookups, views).routes());
    routes.addAll(new CredentialRoutes(endpoints, security, lookups).routes());
    routes.addAll(new DeliveryRoutes(deliveries, sagas, lookups, views, onReplay).routes());
    return new AdminApiServlet(guard(adminToken), routes, json);
  }

  /**
   * The Prometheus scrape of {@code registry}, behind the same admin token; off (404) when {@code
   * adminToken} is empty.
   */
  public static MetricsServlet metricsServlet(
      Optional<Secret> adminToken, PrometheusMeterRegistry registry) {
    return new MetricsServlet(guard(adminToken), registry);
  }

  private static AdminGuard guard(Optional<Secret> adminToken) {
    return new AdminGuard(
        adminToken.map(token -> VerifierFactory.create(new SecuritySettings.Bearer(token))));
  }
}
