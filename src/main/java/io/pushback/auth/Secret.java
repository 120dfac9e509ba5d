package io.pushback.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A credential value: a password, token, access secret or HMAC key. It never prints itself ({@link
 * #toString()} is {@code ***}) and compares only in constant time. Immutable and thread-safe.
 *
 * <p>A secret is either <em>plain</em>, holding its value, or <em>hashed</em>, holding only the
 * keyed hash {@code HMAC-SHA256(hashKey, value)} as a store keeps it: a hashed secret still {@link
 * #matches} a candidate (it hashes the candidate under the same key) but cannot give its value, so
 * {@link #bytes()} and {@link #reveal()} refuse. Only a plain secret can serve as an HMAC key.
 */
public final class Secret {
  /** Random bytes in a generated secret: 256 bits, twice the minimum the product promises. */
  public static final int GENERATED_BYTES = 32;

  /** The keyed hash of hashed secrets. */
  public static final String HASH_ALGORITHM = "HmacSHA256";

  /** Bytes in a keyed hash, and the least a hash key may have. */
  public static final int HASH_BYTES = 32;

  /** The value, or for a hashed secret its keyed hash. */
  private final byte[] value;

  /** The key {@link #value} was hashed under; null for a plain secret. */
  private final byte[] hashKey;

  private Secret(byte[] value, byte[] hashKey) {
    this.value = value;
    this.hashKey = hashKey;
  }

  /** The secret whose value is the UTF-8 encoding of {@code text}; refuses an empty value. */
  public static Secret of(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a secret cannot be empty");
    }
    return new Secret(text.getBytes(StandardCharsets.UTF_8), null);
  }

  /**
   * The secret known only by its keyed hash {@code digest} under {@code hashKey}, as {@link
   * #keyedHash} computed it; both arrays are copied.
   */
  public static Secret hashed(byte[] hashKey, byte[] digest) {
    requireHashKey(hashKey);
    if (Objects.requireNonNull(digest, "digest").length != HASH_BYTES) {
      throw new IllegalArgumentException(
          "a keyed hash has " + HASH_BYTES + " bytes, not " + digest.length);
    }
    return new Secret(digest.clone(), hashKey.clone());
  }

  /** A new URL-safe secret of {@link #GENERATED_BYTES} random bytes. */
  public static Secret generate(SecureRandom random) {
    byte[] bytes = new byte[GENERATED_BYTES];
    random.nextBytes(bytes);
    return of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * Whether {@code candidate} is this secret, in time that depends only on the candidate's length,
   * never on where the two first differ or on this secret's length.
   */
  public boolean matches(byte[] candidate) {
    if (candidate == null) {
      return false;
    }
    return hashKey == null
        ? MessageDigest.isEqual(candidate, value)
        : MessageDigest.isEqual(hmac(hashKey, candidate), value);
  }

  /** Whether this secret holds only a keyed hash, not its value. */
  public boolean isHashed() {
    return hashKey != null;
  }

  /**
   * The keyed hash of this plain secret's value under {@code hashKey}, as a store keeps it and
   * {@link #hashed} reads it back. Refuses a hashed secret.
   */
  public byte[] keyedHash(byte[] hashKey) {
    requirePlain();
    requireHashKey(hashKey);
    return hmac(hashKey, value);
  }

  /**
   * A copy of the value's bytes, for use as a key; the caller must not log or keep it. Refuses a
   * hashed secret.
   */
  public byte[] bytes() {
    requirePlain();
    return value.clone();
  }

  /**
   * The value as text, for storing it and for showing it once to the operator who created it.
   * Refuses a hashed secret.
   */
  public String reveal() {
    requirePlain();
    return new String(value, StandardCharsets.UTF_8);
  }

  private void requirePlain() {
    if (hashKey != null) {
      throw new IllegalStateException("a hashed secret has no value to give");
    }
  }

  private static void requireHashKey(byte[] hashKey) {
    if (Objects.requireNonNull(hashKey, "hashKey").length < HASH_BYTES) {
      throw new IllegalArgumentException(
          "a hash key needs at least " + HASH_BYTES + " bytes, not " + hashKey.length);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HASH_ALGORITHM);
      mac.init(new SecretKeySpec(key, HASH_ALGORITHM));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + HASH_ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "***";
  }
}
