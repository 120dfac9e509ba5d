package io.pushback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pushback.auth.PushbackException;
import io.pushback.endpoint.Dialect;
import io.pushback.saga.SagaRegistry;
import io.pushback.testing.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's DataSource: the container's when it binds one under {@code
 * java:comp/env/jdbc/pushback} (dialect from the connection, migrations and durability checks on
 * it, never closed by us), else our own pool from the settings.
 */
final class StoreDataSourceTest {
  private static final String DURABLE = "?journal_mode=WAL&synchronous=FULL&foreign_keys=true";

  @TempDir Path directory;

  @Test
  void buildsItsOwnPoolWhenTheContainerOffersNothing() {
    try (StoreDataSource store = StoreDataSource.open(settings(), DataSourceLookup.none())) {
      assertThat(store.fromContainer()).isFalse();
      assertThat(store.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(store.dataSource()).isInstanceOf(HikariDataSource.class);
      assertThat(store.description()).startsWith("HikariCP pool");
    }
  }

  @Test
  void offersNothingWhereThereIsNoNamingService() {
    assertThat(DataSourceLookup.jndi().find(StoreDataSource.JNDI_NAME)).isEmpty();
  }

  @Test
  void usesTheContainersDataSourceAndLeavesItOpen() throws SQLException {
    try (HikariDataSource container = sqlite("container.db" + DURABLE)) {
      StoreDataSource store = StoreDataSource.open(settings(), lookupOf(container));
      store.close();

      assertThat(store.fromContainer()).isTrue();
      assertThat(store.dataSource()).isSameAs(container);
      assertThat(store.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(store.description()).contains(StoreDataSource.JNDI_NAME);
      assertThat(container.isClosed())
          .as("the container's DataSource is not ours to close")
          .isFalse();
      try (Connection connection = container.getConnection()) {
        assertThat(connection.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void refusesSomethingElseUnderTheName() {
    DataSourceLookup lookup = name -> Optional.of("jdbc:sqlite:pushback.db");

    assertThatThrownBy(() -> StoreDataSource.open(settings(), lookup))
        .isInstanceOf(PushbackException.class)
        .hasMessageContaining(StoreDataSource.JNDI_NAME)
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void migratesTheContainersStoreAndSaysSoAtStart() throws SQLException {
    try (HikariDataSource container = sqlite("container.db" + DURABLE);
        LogCapture log = LogCapture.start()) {
      PushbackApplication application =
          PushbackApplication.start(
              settings(), lookupOf(container), SagaRegistry.builder().build(), Clock.systemUTC());
      application.close();

      assertThat(log.text())
          .contains("through the container DataSource " + StoreDataSource.JNDI_NAME);
      assertThat(container.isClosed()).isFalse();
      assertThat(tableExists(container, "endpoint")).isTrue();
      assertThat(directory.resolve("settings.db")).as("PUSHBACK_DB_URL is not used").doesNotExist();
    }
  }

  @Test
  void refusesAContainerSqliteStoreWithoutFullSyncAndSaysWhereToFixIt() {
    try (HikariDataSource container = sqlite("lax.db?journal_mode=WAL&synchronous=NORMAL")) {
      assertThatThrownBy(
              () ->
                  PushbackApplication.start(
                      settings(),
                      lookupOf(container),
                      SagaRegistry.builder().build(),
                      Clock.systemUTC()))
          .isInstanceOf(PushbackException.class)
          .hasMessageContaining("synchronous=FULL")
          .hasMessageContaining("container DataSource");
      assertThat(container.isClosed()).isFalse();
    }
  }

  private Settings settings() {
    Map<String, String> values =
        Map.of(
            Settings.DB_URL,
            "jdbc:sqlite:" + directory.resolve("settings.db"),
            Settings.DB_POOL_SIZE,
            "2");
    return new SettingsLoader(List.of(values::get)).load();
  }

  /** What a container would configure: a DataSource with the pragmas in its URL. */
  private HikariDataSource sqlite(String fileAndQuery) {
    HikariDataSource container = new HikariDataSource();
    container.setPoolName("container");
    container.setJdbcUrl("jdbc:sqlite:" + directory.resolve(fileAndQuery));
    container.setMaximumPoolSize(2);
    return container;
  }

  private static DataSourceLookup lookupOf(Object bound) {
    return name -> name.equals(StoreDataSource.JNDI_NAME) ? Optional.of(bound) : Optional.empty();
  }

  private static boolean tableExists(HikariDataSource dataSource, String table)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
      return tables.next();
    }
  }
}
