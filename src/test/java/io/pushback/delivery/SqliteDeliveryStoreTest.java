package io.pushback.delivery;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The delivery store contract on SQLite in a temporary file. */
final class SqliteDeliveryStoreTest extends DeliveryStoreContract {
  @TempDir Path directory;

  @Override
  protected String emptyDatabaseUrl() {
    return "jdbc:sqlite:" + directory.resolve("store.db");
  }
}
