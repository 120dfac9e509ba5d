package io.pushback.app;

import io.pushback.auth.InvalidSettingException;
import io.pushback.endpoint.CredentialVault;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.MasterKey;
import io.pushback.endpoint.UnreadableSecretException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the master key comes from: {@code PUSHBACK_MASTER_KEY}, or the file {@code
 * PUSHBACK_MASTER_KEY_FILE} names, or on SQLite a key file beside the database ({@code
 * pushback.key} beside {@code pushback.db}), created on first start. PostgreSQL needs one of the
 * two settings: its nodes must share one key, which no node should invent alone.
 *
 * @param given the key set directly, if it was
 * @param file the key file otherwise
 * @param mayCreate whether a missing key file is created (SQLite only)
 */
record MasterKeySource(Optional<MasterKey> given, Optional<Path> file, boolean mayCreate) {
  private static final Logger LOG = LoggerFactory.getLogger(MasterKeySource.class);
  private static final String KEY_FILE_EXTENSION = ".key";

  /** The source {@code settings} name for a store of {@code dialect}; fails if there is none. */
  static MasterKeySource of(Settings settings, Dialect dialect) {
    if (settings.masterKey().isPresent()) {
      return new MasterKeySource(settings.masterKey(), Optional.empty(), false);
    }
    boolean sqlite = dialect == Dialect.SQLITE;
    if (settings.masterKeyFile().isPresent()) {
      return new MasterKeySource(Optional.empty(), settings.masterKeyFile(), sqlite);
    }
    if (!sqlite) {
      throw new InvalidSettingException(
          Settings.MASTER_KEY,
          "is required with PostgreSQL: expected "
              + Settings.MASTER_KEY
              + " (Base64 of 32 random bytes, e.g. from 'openssl rand -base64 32', the same on"
              + " every node) or "
              + Settings.MASTER_KEY_FILE
              + " naming a file that holds it, but found neither");
    }
    return new MasterKeySource(
        Optional.empty(), Optional.of(besideDatabase(settings.dbUrl())), true);
  }

  /** The key file of a SQLite URL: the database file's name with {@code .key} for its extension. */
  static Path besideDatabase(String jdbcUrl) {
    String path = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    path = query >= 0 ? path.substring(0, query) : path;
    path = path.startsWith("file:") ? path.substring("file:".length()) : path;
    if (path.isEmpty() || path.startsWith(":memory:") || jdbcUrl.contains("mode=memory")) {
      throw new InvalidSettingException(
          Settings.MASTER_KEY,
          "is required with an in-memory SQLite database, which has no folder for a key file");
    }
    Path database = Path.of(path).toAbsolutePath();
    String name = database.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String keyName = (dot > 0 ? name.substring(0, dot) : name) + KEY_FILE_EXTENSION;
    return database.resolveSibling(keyName.equals(name) ? name + KEY_FILE_EXTENSION : keyName);
  }

  /** The name an operator knows this source by, for messages. */
  String describe() {
    return given.isPresent() ? Settings.MASTER_KEY : "the master key file " + file.orElseThrow();
  }

  /**
   * The key: the given one, or the file's, creating the file with a new random key on first start
   * (an empty database) when allowed. Never creates a key for a database that holds keys already.
   */
  MasterKey load(boolean databaseHoldsKeys, SecureRandom random) {
    if (given.isPresent()) {
      return given.get();
    }
    Path path = file.orElseThrow();
    if (Files.exists(path)) {
      warnIfOpen(path);
      return MasterKeyFile.read(path);
    }
    if (databaseHoldsKeys || !mayCreate) {
      throw new InvalidSettingException(
          Settings.MASTER_KEY_FILE,
          "expected the master key file "
              + path
              + " but it does not exist"
              + (databaseHoldsKeys
                  ? ", and the database holds secrets sealed under a master key: restore the file"
                      + " from your backup, or set "
                      + Settings.MASTER_KEY
                  : ""));
    }
    MasterKey key = MasterKey.generate(random);
    try {
      MasterKeyFile.create(path, key);
    } catch (IOException e) {
      throw new InvalidSettingException(
          Settings.MASTER_KEY_FILE, "cannot create the master key file " + path + ": " + e, e);
    }
    LOG.warn(
        "Created a new master key in {} (readable by its owner only). Back it up, and keep it apart"
            + " from the database and its backups: without it the stored credentials cannot be"
            + " read; with it, a copy of the database gives away its HMAC keys. Set {} or {} to"
            + " keep the key elsewhere.",
        path,
        Settings.MASTER_KEY,
        Settings.MASTER_KEY_FILE);
    return key;
  }

  /**
   * Opens the credential vault of {@code database} with this source's key; a key that does not
   * decrypt the database's keys fails, naming the source.
   */
  CredentialVault openVault(Database database, SecureRandom random, Clock clock) {
    MasterKey key = load(CredentialVault.holdsKeys(database), random);
    try {
      return CredentialVault.open(database, key, random, clock);
    } catch (UnreadableSecretException e) {
      throw wrongKey(e);
    }
  }

  InvalidSettingException wrongKey(UnreadableSecretException cause) {
    return new InvalidSettingException(
        given.isPresent() ? Settings.MASTER_KEY : Settings.MASTER_KEY_FILE,
        "expected the master key this database's secrets were sealed with, but "
            + describe()
            + " does not decrypt them: restore the right key (to change it, stop the service and"
            + " run io.pushback.app.RekeyCommand)",
        cause);
  }

  private static void warnIfOpen(Path path) {
    try {
      if (MasterKeyFile.openToOthers(path)) {
        LOG.warn(
            "The master key file {} may be read or written by others than its owner: chmod 600 it",
            path);
      }
    } catch (IOException e) {
      LOG.warn("Cannot read the permissions of the master key file {}: {}", path, e.toString());
    }
  }

  @Override
  public String toString() {
    return "MasterKeySource[" + describe() + "]";
  }
}
