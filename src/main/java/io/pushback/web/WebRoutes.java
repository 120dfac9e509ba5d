package io.pushback.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pushback.auth.PushbackAuthFilter;
import io.pushback.auth.Secret;
import io.pushback.delivery.DeliveryLog;
import io.pushback.delivery.DeliveryStore;
import io.pushback.endpoint.ConfigVersion;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.PartnerStore;
import io.pushback.metrics.PushbackMetrics;
import io.pushback.network.TrustedProxies;
import io.pushback.saga.SagaRegistry;
import io.pushback.web.admin.AdminApi;
import io.pushback.web.admin.AdminApiServlet;
import io.pushback.web.admin.MetricsServlet;
import io.pushback.worker.DeliveryWorker;
import io.pushback.worker.SagaExecution;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Every route of Pushback, added to a servlet context: the pushback routes behind the filter,
 * admin, metrics, health and readiness, and the admin console's files.
 */
public final class WebRoutes {
  public static final String HEALTH_MAPPING = "/health";
  public static final String READY_MAPPING = "/ready";

  /** Where the admin console's files are served: {@code /console/}. */
  public static final String CONSOLE_MAPPING = ConsoleServlet.MAPPING;

  /**
   * Where the container should send its own errors, to be answered as JSON (a global error page).
   */
  public static final String ERROR_PAGE = JsonErrorServlet.MAPPING;

  /** The stores the routes read and write, and the change count that keeps resolution cached. */
  public record Stores(
      Database database,
      PartnerStore partners,
      EndpointStore endpoints,
      DeliveryStore deliveries,
      ConfigVersion changes) {}

  /**
   * What operators see: the meters, their Prometheus scrape, the delivery log, and the schema
   * version the store must be at to be ready.
   */
  public record Operations(
      PushbackMetrics metrics,
      PrometheusMeterRegistry scrape,
      DeliveryLog log,
      String schemaVersion) {}

  /** How the routes behave. */
  public record Options(
      Optional<Secret> adminToken,
      long defaultMaxBodyBytes,
      Duration bodyTimeout,
      String nodeId,
      Duration lease,
      boolean requireHttps,
      TrustedProxies trustedProxies) {}

  private final ClientOriginFilter filter;
  private final PushbackDispatchServlet dispatch;
  private final AdminApiServlet admin;
  private final HealthServlet health;
  private final ReadyServlet ready;
  private final MetricsServlet metrics;

  public WebRoutes(
      Stores stores,
      SagaExecution execution,
      DeliveryWorker worker,
      SagaRegistry sagas,
      ObjectMapper json,
      SecureRandom random,
      Options options,
      Operations operations,
      Clock clock) {
    JsonAnswers answers = new JsonAnswers(json);
    DeliveryRecorder recorder = new DeliveryRecorder(stores.deliveries(), operations.log());
    this.filter =
        new ClientOriginFilter(
            options.trustedProxies(),
            new PushbackAuthFilter(
                new TimedResolver(
                    new EndpointResolver(
                        stores.endpoints(),
                        stores.partners(),
                        options.defaultMaxBodyBytes(),
                        options.requireHttps(),
                        recorder,
                        new ResolutionCache(
                            stores.changes()::current, ResolutionCache.DEFAULT_MAX_ENTRIES, clock),
                        clock),
                    operations.metrics()),
                recorder,
                options.bodyTimeout()),
            answers);
    this.dispatch =
        new PushbackDispatchServlet(
            recorder,
            new RequestParameters(json),
            execution,
            worker,
            answers,
            options.nodeId(),
            options.lease(),
            clock);
    this.admin =
        AdminApi.servlet(
            stores.partners(),
            stores.endpoints(),
            stores.deliveries(),
            sagas,
            json,
            random,
            options.adminToken(),
            worker::wake);
    this.health = new HealthServlet(answers);
    this.ready = new ReadyServlet(stores.database(), operations.schemaVersion(), answers);
    this.metrics = AdminApi.metricsServlet(options.adminToken(), operations.scrape());
  }

  /** Adds the filter and the servlets to {@code context}, which must be starting. */
  public void register(ServletContext context) {
    context
        .addFilter("pushbackAuth", filter)
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, PushbackPath.MAPPING);
    context.addServlet("pushbackDispatch", dispatch).addMapping(PushbackPath.MAPPING);
    context.addServlet("pushbackAdmin", admin).addMapping(AdminApiServlet.MAPPING);
    context.addServlet("pushbackMetrics", metrics).addMapping(MetricsServlet.MAPPING);
    context.addServlet("pushbackHealth", health).addMapping(HEALTH_MAPPING);
    context.addServlet("pushbackReady", ready).addMapping(READY_MAPPING);
    context.addServlet("pushbackError", new JsonErrorServlet()).addMapping(ERROR_PAGE);
    context.addServlet("pushbackConsole", new ConsoleServlet()).addMapping(CONSOLE_MAPPING);
  }
}
