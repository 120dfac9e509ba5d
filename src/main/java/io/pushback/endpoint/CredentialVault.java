package io.pushback.endpoint;

import io.pushback.auth.PushbackException;
import io.pushback.auth.Secret;
import io.pushback.auth.SecurityMethod;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * Credential secrets at rest. HMAC keys (the secrets of the {@code signature} method, which must be
 * read back to sign) are encrypted with AES-256-GCM under the master key; every other secret
 * (passwords, tokens, access secrets, which need only be compared) is kept only as its keyed hash
 * HMAC-SHA256 under the <em>hash key</em>. The hash key is 256 random bits made once per database
 * and stored in {@code key_material} encrypted under the master key, so that a new master key
 * re-encrypts it without changing a single hash ({@link #rekey}). Thread-safe.
 *
 * <p>In a credential's {@code secrets} column a value is {@code e1:<Base64 of nonce, ciphertext and
 * tag>} or {@code h1:<Base64 of the keyed hash>}, and {@code secrets_format} is {@link #SEALED}.
 */
public final class CredentialVault {
  /** {@code secrets_format} of rows written before schema version 4: plaintext JSON. */
  static final int PLAINTEXT = 0;

  /** {@code secrets_format} of sealed rows. */
  static final int SEALED = 1;

  static final String ENCRYPTED_PREFIX = "e1:";
  static final String HASHED_PREFIX = "h1:";
  private static final String HASH_KEY = "hash-key";
  private static final String HASH_KEY_PURPOSE = "key_material.hash-key";
  private static final String HMAC_KEY_PURPOSE = "credential.hmac-key";

  private final SecretCipher cipher;
  private final byte[] hashKey;

  private CredentialVault(SecretCipher cipher, byte[] hashKey) {
    this.cipher = cipher;
    this.hashKey = hashKey;
  }

  /** Whether the database already holds keys sealed under some master key. */
  public static boolean holdsKeys(Database database) {
    return database.withHandle(h -> sealedHashKey(h).isPresent());
  }

  /**
   * The vault of {@code database} under {@code masterKey}: reads its hash key, or makes one on
   * first use. Throws {@link UnreadableSecretException} when {@code masterKey} is not the key the
   * stored hash key was sealed with.
   */
  public static CredentialVault open(
      Database database, MasterKey masterKey, SecureRandom random, Clock clock) {
    SecretCipher cipher = new SecretCipher(masterKey, random);
    byte[] fresh = new byte[Secret.HASH_BYTES];
    random.nextBytes(fresh);
    String candidate = encode(cipher.seal(fresh, HASH_KEY_PURPOSE));
    // Two nodes may start at once on a new database: the first insert wins, both read it back.
    String stored =
        database.inTransaction(
            h -> {
              h.createUpdate(
                      "INSERT INTO key_material (name, sealed, created_at) VALUES (?, ?, ?)"
                          + " ON CONFLICT (name) DO NOTHING")
                  .bind(0, HASH_KEY)
                  .bind(1, candidate)
                  .bind(2, clock.millis())
                  .execute();
              return sealedHashKey(h).orElseThrow();
            });
    return new CredentialVault(cipher, cipher.open(decode(stored), HASH_KEY_PURPOSE));
  }

  /** Whether {@code method}'s secrets are keys to be read back (encrypted) rather than hashed. */
  static boolean encrypts(SecurityMethod method) {
    return method == SecurityMethod.SIGNATURE;
  }

  /** The stored form of plaintext {@code secrets} of a credential of {@code method}. */
  Map<String, String> seal(SecurityMethod method, Map<String, String> secrets) {
    Map<String, String> sealed = new LinkedHashMap<>();
    secrets.forEach(
        (field, value) -> {
          byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
          sealed.put(
              field,
              encrypts(method)
                  ? ENCRYPTED_PREFIX + encode(cipher.seal(bytes, HMAC_KEY_PURPOSE))
                  : HASHED_PREFIX + encode(Secret.of(value).keyedHash(hashKey)));
        });
    return sealed;
  }

  /** The secrets of a credential from their stored form: HMAC keys decrypted, the rest hashed. */
  Map<String, Secret> open(SecurityMethod method, Map<String, String> stored) {
    Map<String, Secret> secrets = new LinkedHashMap<>();
    stored.forEach(
        (field, value) -> {
          if (encrypts(method) && value.startsWith(ENCRYPTED_PREFIX)) {
            byte[] key =
                cipher.open(decode(value.substring(ENCRYPTED_PREFIX.length())), HMAC_KEY_PURPOSE);
            secrets.put(field, Secret.of(new String(key, StandardCharsets.UTF_8)));
          } else if (!encrypts(method) && value.startsWith(HASHED_PREFIX)) {
            secrets.put(
                field, Secret.hashed(hashKey, decode(value.substring(HASHED_PREFIX.length()))));
          } else {
            throw new PushbackException(
                "a stored " + method.wireName() + " secret '" + field + "' is not in sealed form");
          }
        });
    return secrets;
  }

  /**
   * Seals every credential still stored in plaintext (rows from before schema version 4), in one
   * transaction; returns how many there were.
   */
  public int sealPlaintextCredentials(Database database, JsonColumns json) {
    return scrubbingTransaction(
        database,
        h -> {
          List<StoredCredential> plain = StoredCredential.withFormat(h, json, PLAINTEXT);
          for (StoredCredential credential : plain) {
            credential.replaceSecrets(h, json, seal(credential.method(), credential.secrets()));
          }
          return plain.size();
        });
  }

  /**
   * Re-encrypts the hash key and every HMAC key from {@code current} to {@code next} in one
   * transaction, changing no hash; returns how many HMAC keys it re-encrypted. Credentials still in
   * plaintext must be sealed first. Throws {@link UnreadableSecretException} if {@code current} is
   * not the database's master key.
   */
  public static int rekey(
      Database database, JsonColumns json, MasterKey current, MasterKey next, SecureRandom random) {
    SecretCipher from = new SecretCipher(current, random);
    SecretCipher to = new SecretCipher(next, random);
    return scrubbingTransaction(
        database,
        h -> {
          String stored =
              sealedHashKey(h)
                  .orElseThrow(() -> new PushbackException("the database holds no hash key yet"));
          byte[] hashKey = from.open(decode(stored), HASH_KEY_PURPOSE);
          h.createUpdate("UPDATE key_material SET sealed = ? WHERE name = ?")
              .bind(0, encode(to.seal(hashKey, HASH_KEY_PURPOSE)))
              .bind(1, HASH_KEY)
              .execute();
          CredentialVault old = new CredentialVault(from, hashKey);
          CredentialVault fresh = new CredentialVault(to, hashKey);
          int keys = 0;
          for (StoredCredential credential : StoredCredential.withFormat(h, json, SEALED)) {
            if (encrypts(credential.method())) {
              Map<String, String> plain = new LinkedHashMap<>();
              old.open(credential.method(), credential.secrets())
                  .forEach((field, secret) -> plain.put(field, secret.reveal()));
              credential.replaceSecrets(h, json, fresh.seal(credential.method(), plain));
              keys += plain.size();
            }
          }
          if (!StoredCredential.withFormat(h, json, PLAINTEXT).isEmpty()) {
            throw new PushbackException(
                "credentials from before schema version 4 are still in plaintext: start the"
                    + " service once to seal them, then re-key");
          }
          return keys;
        });
  }

  /**
   * Runs {@code work} in one transaction that overwrites what it replaces. On SQLite, {@code
   * secure_delete} zeroes the old values (plaintext, or values sealed under an old master key) in
   * the database file, and a truncating checkpoint empties the write-ahead log that still holds
   * them; PostgreSQL leaves dead row versions to {@code VACUUM}.
   */
  private static <T> T scrubbingTransaction(
      Database database, HandleCallback<T, RuntimeException> work) {
    boolean sqlite = database.dialect() == Dialect.SQLITE;
    return database.withHandle(
        h -> {
          if (sqlite) {
            h.execute("PRAGMA secure_delete = ON");
          }
          try {
            T result =
                h.inTransaction(
                    tx -> {
                      ConfigVersion.bump(tx);
                      return work.withHandle(tx);
                    });
            if (sqlite) {
              h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list();
            }
            return result;
          } finally {
            if (sqlite) {
              h.execute("PRAGMA secure_delete = OFF");
            }
          }
        });
  }

  private static Optional<String> sealedHashKey(Handle h) {
    return h.createQuery("SELECT sealed FROM key_material WHERE name = ?")
        .bind(0, HASH_KEY)
        .mapTo(String.class)
        .findOne();
  }

  private static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] decode(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new UnreadableSecretException("a sealed value is not Base64", e);
    }
  }
}
