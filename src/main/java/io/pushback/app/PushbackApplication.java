package io.pushback.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pushback.auth.PushbackException;
import io.pushback.delivery.DeliveryLog;
import io.pushback.delivery.DeliveryStore;
import io.pushback.delivery.DeliveryWriter;
import io.pushback.endpoint.ConfigVersion;
import io.pushback.endpoint.CredentialVault;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.Durability;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.JsonColumns;
import io.pushback.endpoint.Migrations;
import io.pushback.endpoint.PartnerStore;
import io.pushback.endpoint.StoreUnavailableException;
import io.pushback.metrics.PushbackMetrics;
import io.pushback.saga.SagaRegistry;
import io.pushback.web.WebRoutes;
import io.pushback.worker.DeliveryContexts;
import io.pushback.worker.DeliveryWorker;
import io.pushback.worker.RetryPolicy;
import io.pushback.worker.SagaExecution;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Pushback node: the DataSource (the container's, or a pool of our own), the migrated
 * store, the group-commit writer, the meters, the workers and the web routes, built in dependency
 * order. {@link #close()} stops them in reverse: workers first (running sagas may finish), then the
 * writer (queued commits land), the meters, then our pool if we built one. Thread-safe once
 * started.
 */
public final class PushbackApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushbackApplication.class);

  /** How long a queue-depth reading is reused before the store is asked again. */
  static final Duration QUEUE_DEPTH_REFRESH = Duration.ofSeconds(5);

  private final StoreDataSource dataSource;
  private final DeliveryWriter writer;
  private final ConfigVersion changes;
  private final DeliveryWorker worker;
  private final WebRoutes routes;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;

  private PushbackApplication(
      StoreDataSource dataSource,
      DeliveryWriter writer,
      ConfigVersion changes,
      DeliveryWorker worker,
      WebRoutes routes,
      PrometheusMeterRegistry registry,
      JvmGcMetrics gcMetrics) {
    this.dataSource = dataSource;
    this.writer = writer;
    this.changes = changes;
    this.worker = worker;
    this.routes = routes;
    this.registry = registry;
    this.gcMetrics = gcMetrics;
  }

  /**
   * Connects to the store (the container's JNDI DataSource if it offers one, else a pool from the
   * settings), checks and migrates it, and starts everything; fails with a message naming the
   * problem.
   */
  public static PushbackApplication start(Settings settings, SagaRegistry sagas, Clock clock) {
    return start(settings, DataSourceLookup.jndi(), sagas, clock);
  }

  /** As {@link #start(Settings, SagaRegistry, Clock)}, asking {@code lookup} for the DataSource. */
  public static PushbackApplication start(
      Settings settings, DataSourceLookup lookup, SagaRegistry sagas, Clock clock) {
    StoreDataSource dataSource = StoreDataSource.open(settings, lookup);
    Dialect dialect = dataSource.dialect();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    try {
      String schema = Migrations.migrate(dataSource.dataSource(), dialect);
      Database database = new Database(Jdbi.create(dataSource.dataSource()), dialect);
      String durability = checkDurability(database, dataSource);
      ObjectMapper json = JsonMapper.builder().build();
      SecureRandom random = new SecureRandom();
      JsonColumns jsonColumns = new JsonColumns(json);
      CredentialVault vault =
          MasterKeySource.of(settings, dialect).openVault(database, random, clock);
      int sealed = vault.sealPlaintextCredentials(database, jsonColumns);
      if (sealed > 0) {
        LOG.info("Sealed {} credentials stored in plaintext before schema version 4", sealed);
      }
      String nodeId = UUID.randomUUID().toString();
      DeliveryWriter writer = new DeliveryWriter(database, settings.dbTimeout().multipliedBy(2));
      ConfigVersion changes = new ConfigVersion(database);
      PartnerStore partners = new PartnerStore(database, clock);
      EndpointStore endpoints = new EndpointStore(database, jsonColumns, vault, clock, random);
      DeliveryStore deliveries =
          new DeliveryStore(database, writer, json, clock, settings.keptRejections(), nodeId);
      PushbackMetrics metrics = meters(registry, gcMetrics, deliveries, clock);
      DeliveryLog log = new DeliveryLog(metrics);
      SagaExecution execution = new SagaExecution(sagas, deliveries, log, metrics, clock);
      DeliveryWorker worker =
          new DeliveryWorker(
                  deliveries,
                  new DeliveryContexts(endpoints, partners, json),
                  execution,
                  log,
                  new RetryPolicy(
                      settings.maxAttempts(),
                      settings.retryBase(),
                      settings.retryMax(),
                      random::nextDouble),
                  new DeliveryWorker.Options(
                      settings.workers(),
                      settings.pollInterval(),
                      settings.lease(),
                      settings.shutdownGrace()),
                  nodeId,
                  clock)
              .start();
      WebRoutes routes =
          new WebRoutes(
              new WebRoutes.Stores(database, partners, endpoints, deliveries, changes),
              execution,
              worker,
              sagas,
              json,
              random,
              new WebRoutes.Options(
                  settings.adminToken(),
                  settings.maxBodyBytes(),
                  settings.bodyTimeout(),
                  nodeId,
                  settings.lease(),
                  settings.requireHttps(),
                  settings.trustedProxies()),
              new WebRoutes.Operations(metrics, registry, log, schema),
              clock);
      LOG.info(
          "Pushback started: node {}, store {} through the {} at schema version {} ({}), sagas {},"
              + " {} workers, admin API {}, max body {} bytes",
          nodeId,
          dialect.name().toLowerCase(Locale.ROOT),
          dataSource.description(),
          schema,
          durability,
          sagas.names(),
          settings.workers(),
          settings.adminToken().isPresent() ? "on" : "off",
          settings.maxBodyBytes());
      return new PushbackApplication(
          dataSource, writer, changes, worker, routes, registry, gcMetrics);
    } catch (RuntimeException e) {
      gcMetrics.close();
      registry.close();
      dataSource.close();
      throw e;
    }
  }

  /**
   * A container DataSource gets its pragmas or server settings from the container's configuration,
   * so a refusal says where to fix them.
   */
  private static String checkDurability(Database database, StoreDataSource dataSource) {
    try {
      return Durability.check(database);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (PushbackException e) {
      if (!dataSource.fromContainer()) {
        throw e;
      }
      throw new PushbackException(
          e.getMessage()
              + " (the "
              + dataSource.description()
              + " is configured by the container: for SQLite add"
              + " ?journal_mode=WAL&synchronous=FULL to its URL)",
          e);
    }
  }

  /** Pushback's meters in {@code registry}, with the JVM's and the process's basics beside them. */
  private static PushbackMetrics meters(
      PrometheusMeterRegistry registry,
      JvmGcMetrics gcMetrics,
      DeliveryStore deliveries,
      Clock clock) {
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    PushbackMetrics metrics = new PushbackMetrics(registry);
    metrics.queueDepth(deliveries::pendingCount, QUEUE_DEPTH_REFRESH, clock);
    return metrics;
  }

  /** Adds the filter and servlets to {@code context}, which must be starting. */
  public void register(ServletContext context) {
    routes.register(context);
  }

  @Override
  public void close() {
    worker.close();
    writer.close();
    changes.close();
    gcMetrics.close();
    registry.close();
    dataSource.close();
  }
}
