package io.pushback.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.PushbackAuthFilter;
import io.pushback.auth.Secret;
import io.pushback.delivery.DeliveryStore;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.PartnerStore;
import io.pushback.saga.SagaRegistry;
import io.pushback.saga.SagaRunner;
import io.pushback.web.admin.AdminApi;
import io.pushback.web.admin.AdminApiServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Every route of Pushback, added to a servlet context: the pushback routes behind the filter,
 * admin, health.
 */
public final class WebRoutes {
  public static final String HEALTH_MAPPING = "/health";

  private final PushbackAuthFilter filter;
  private final PushbackDispatchServlet dispatch;
  private final AdminApiServlet admin;
  private final HealthServlet health;

  public WebRoutes(
      Database database,
      PartnerStore partners,
      EndpointStore endpoints,
      DeliveryStore deliveries,
      SagaRegistry sagas,
      ObjectMapper json,
      SecureRandom random,
      Optional<Secret> adminToken,
      long defaultMaxBodyBytes) {
    JsonAnswers answers = new JsonAnswers(json);
    DeliveryRecorder recorder = new DeliveryRecorder(deliveries);
    this.filter =
        new PushbackAuthFilter(
            new EndpointResolver(endpoints, partners, defaultMaxBodyBytes), recorder);
    this.dispatch =
        new PushbackDispatchServlet(
            recorder, new RequestParameters(json), new SagaRunner(sagas), answers);
    this.admin = AdminApi.servlet(partners, endpoints, deliveries, sagas, json, random, adminToken);
    this.health = new HealthServlet(database, answers);
  }

  /**
   * Where the container should send its own errors, to be answered as JSON (a global error page).
   */
  public static final String ERROR_PAGE = JsonErrorServlet.MAPPING;

  /** Adds the filter and the servlets to {@code context}, which must be starting. */
  public void register(ServletContext context) {
    context
        .addFilter("pushbackAuth", filter)
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, PushbackPath.MAPPING);
    context.addServlet("pushbackDispatch", dispatch).addMapping(PushbackPath.MAPPING);
    context.addServlet("pushbackAdmin", admin).addMapping(AdminApiServlet.MAPPING);
    context.addServlet("pushbackHealth", health).addMapping(HEALTH_MAPPING);
    context.addServlet("pushbackError", new JsonErrorServlet()).addMapping(ERROR_PAGE);
  }
}
