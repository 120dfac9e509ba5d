package io.pushback.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.pushback.auth.InvalidSettingException;
import io.pushback.delivery.DeliveryStore;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.JsonColumns;
import io.pushback.endpoint.Migrations;
import io.pushback.endpoint.PartnerStore;
import io.pushback.saga.SagaRegistry;
import io.pushback.web.WebRoutes;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Pushback: the pool, the migrated store, the stores and the web routes, built in
 * dependency order. {@link #close()} releases the pool. Thread-safe once started.
 */
public final class PushbackApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushbackApplication.class);

  private final HikariDataSource dataSource;
  private final WebRoutes routes;

  private PushbackApplication(HikariDataSource dataSource, WebRoutes routes) {
    this.dataSource = dataSource;
    this.routes = routes;
  }

  /**
   * Connects to the store, migrates it and builds everything; fails with a message naming what is
   * wrong.
   */
  public static PushbackApplication start(Settings settings, SagaRegistry sagas, Clock clock) {
    Dialect dialect;
    try {
      dialect = Dialect.fromJdbcUrl(settings.dbUrl());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Settings.DB_URL, e.getMessage());
    }
    HikariDataSource dataSource = DataSourceFactory.create(settings, dialect);
    try {
      String schema = Migrations.migrate(dataSource, dialect);
      ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
      Database database = new Database(Jdbi.create(dataSource), dialect);
      SecureRandom random = new SecureRandom();
      WebRoutes routes =
          new WebRoutes(
              database,
              new PartnerStore(database, clock),
              new EndpointStore(database, new JsonColumns(json), clock, random),
              new DeliveryStore(database, json, clock),
              sagas,
              json,
              random,
              settings.adminToken(),
              settings.maxBodyBytes());
      LOG.info(
          "Pushback started: store {} at schema version {}, sagas {}, admin API {}, max body {} bytes",
          dialect.name().toLowerCase(java.util.Locale.ROOT),
          schema,
          sagas.names(),
          settings.adminToken().isPresent() ? "on" : "off",
          settings.maxBodyBytes());
      return new PushbackApplication(dataSource, routes);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** Adds the filter and servlets to {@code context}, which must be starting. */
  public void register(ServletContext context) {
    routes.register(context);
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
