package io.pushback.app;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.pushback.auth.InvalidSettingException;
import io.pushback.auth.PushbackException;
import io.pushback.endpoint.CredentialVault;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.JsonColumns;
import io.pushback.endpoint.MasterKey;
import io.pushback.endpoint.Migrations;
import io.pushback.endpoint.UnreadableSecretException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code main}: re-keys the store under a new master key. Run it with the service stopped, with the
 * service's settings (the current key as the service finds it) and {@code PUSHBACK_NEW_MASTER_KEY}.
 * In one transaction it re-encrypts the hash key and every HMAC key; no keyed hash changes, since
 * the hash key itself does not. A key file is then replaced by the new key (written beside it
 * first, renamed over it after the commit); a key set by {@code PUSHBACK_MASTER_KEY} must be
 * changed by the operator before the next start. Exits 0 when done, 2 with a message when not.
 */
public final class RekeyCommand {
  /** The setting that holds the new master key, Base64 of 32 random bytes. */
  public static final String NEW_MASTER_KEY = "PUSHBACK_NEW_MASTER_KEY";

  private RekeyCommand() {}

  /**
   * What a re-key did.
   *
   * @param hmacKeys how many HMAC keys were re-encrypted
   * @param sealedPlaintext how many credentials from before schema version 4 were sealed first
   * @param keyFile the key file that now holds the new key, if the key came from a file
   */
  public record Result(int hmacKeys, int sealedPlaintext, Optional<Path> keyFile) {}

  public static void main(String[] args) {
    try {
      SettingsLoader loader = SettingsLoader.standard(name -> null);
      Settings settings = loader.load();
      MasterKey next =
          loader
              .masterKey(NEW_MASTER_KEY)
              .orElseThrow(
                  () ->
                      new InvalidSettingException(
                          NEW_MASTER_KEY,
                          "is required: expected the new master key, Base64 of 32 random bytes"
                              + " (e.g. from 'openssl rand -base64 32')"));
      Result result = run(settings, next, new SecureRandom(), Clock.systemUTC());
      System.out.println(
          "Re-keyed: the hash key and "
              + result.hmacKeys()
              + " HMAC keys are now sealed under the new master key. "
              + result
                  .keyFile()
                  .map(file -> file + " holds the new key: back it up, apart from the database.")
                  .orElse(
                      "Set "
                          + Settings.MASTER_KEY
                          + " to the new key before starting the service: the old key no longer"
                          + " opens this database."));
    } catch (PushbackException e) {
      System.err.println("Re-key failed: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Re-keys the store {@code settings} name from its current master key to {@code next}; the
   * service must be stopped. Throws, changing nothing, if the current key is wrong or {@code next}
   * is the current key.
   */
  public static Result run(Settings settings, MasterKey next, SecureRandom random, Clock clock) {
    Dialect dialect;
    try {
      dialect = Dialect.fromJdbcUrl(settings.dbUrl());
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(Settings.DB_URL, e.getMessage(), e);
    }
    try (HikariDataSource dataSource = DataSourceFactory.create(settings, dialect)) {
      Migrations.migrate(dataSource, dialect);
      Database database = new Database(Jdbi.create(dataSource), dialect);
      JsonColumns json = new JsonColumns(JsonMapper.builder().build());
      MasterKeySource source = MasterKeySource.of(settings, dialect);
      MasterKey current = source.load(CredentialVault.holdsKeys(database), random);
      if (next.sameAs(current)) {
        throw new InvalidSettingException(
            NEW_MASTER_KEY, "expected a new master key but found the current one");
      }
      int sealed;
      try {
        sealed =
            CredentialVault.open(database, current, random, clock)
                .sealPlaintextCredentials(database, json);
      } catch (UnreadableSecretException e) {
        throw source.wrongKey(e);
      }
      Optional<Path> staged = source.given().isPresent() ? Optional.empty() : stage(source, next);
      int keys;
      try {
        keys = CredentialVault.rekey(database, json, current, next, random);
      } catch (RuntimeException e) {
        staged.ifPresent(RekeyCommand::discard);
        throw e;
      }
      if (staged.isPresent()) {
        install(staged.get(), source.file().orElseThrow());
      }
      return new Result(
          keys, sealed, source.given().isPresent() ? Optional.empty() : source.file());
    }
  }

  private static Optional<Path> stage(MasterKeySource source, MasterKey next) {
    Path file = source.file().orElseThrow();
    try {
      return Optional.of(MasterKeyFile.stage(file, next));
    } catch (IOException e) {
      throw new PushbackException("cannot write the new key beside " + file + ": " + e, e);
    }
  }

  private static void discard(Path staged) {
    try {
      Files.deleteIfExists(staged);
    } catch (IOException e) {
      // The re-key failure being thrown matters more; a stale .new file is replaced next time.
    }
  }

  private static void install(Path staged, Path file) {
    try {
      MasterKeyFile.install(staged, file);
    } catch (IOException e) {
      throw new PushbackException(
          "the database is re-keyed, but "
              + staged
              + " could not be renamed to "
              + file
              + " ("
              + e
              + "): rename it by hand before starting the service",
          e);
    }
  }
}
