package io.pushback.endpoint;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The store's one way in: runs work in a JDBI handle or transaction and turns database failures
 * into Pushback's exceptions, a taken unique key into {@link DuplicateException} and anything else
 * into {@link StoreUnavailableException}. Thread-safe.
 */
public final class Database {
  private static final String UNIQUE_VIOLATION_STATE = "23505";
  private static final int SQLITE_CONSTRAINT = 19;
  private static final int SQLITE_CONSTRAINT_UNIQUE = 2067;

  private final Jdbi jdbi;
  private final Dialect dialect;

  public Database(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in one transaction. {@code duplicateField} names the field blamed for a
   * unique violation.
   */
  public <T> T inTransaction(String duplicateField, HandleCallback<T, RuntimeException> work) {
    return translate(duplicateField, () -> jdbi.inTransaction(work));
  }

  /** Runs {@code work} in one transaction. */
  public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
    return inTransaction("id", work);
  }

  /** Runs read-only {@code work} with a handle. */
  public <T> T withHandle(HandleCallback<T, RuntimeException> work) {
    return translate("id", () -> jdbi.withHandle(work));
  }

  /**
   * A handle on a connection of its own, for a caller that keeps it open across many statements
   * (the delivery writer, the change-count reader); the caller closes it. Throws {@link
   * StoreUnavailableException} when no connection can be had.
   */
  public Handle open() {
    return translate("id", jdbi::open);
  }

  /**
   * {@code failure} of a statement as Pushback's exception: {@link DuplicateException} for a taken
   * unique key, else {@link StoreUnavailableException}. For JDBC code that bypasses JDBI on the hot
   * path.
   */
  public static RuntimeException translated(String duplicateField, Exception failure) {
    if (isUniqueViolation(failure)) {
      return new DuplicateException(duplicateField, duplicateField + " is already taken", failure);
    }
    return new StoreUnavailableException(
        "the store failed: " + failure.getClass().getSimpleName(), failure);
  }

  private static <T> T translate(String duplicateField, Supplier<T> call) {
    try {
      return call.get();
    } catch (JdbiException e) {
      throw translated(duplicateField, e);
    }
  }

  private static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (UNIQUE_VIOLATION_STATE.equals(sql.getSQLState())
              || sql.getErrorCode() == SQLITE_CONSTRAINT_UNIQUE
              || (sql.getErrorCode() == SQLITE_CONSTRAINT
                  && String.valueOf(sql.getMessage()).contains("UNIQUE")))) {
        return true;
      }
    }
    return false;
  }
}
