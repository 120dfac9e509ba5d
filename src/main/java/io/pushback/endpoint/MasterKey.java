package io.pushback.endpoint;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The deployment's master key: 32 random bytes under which the store encrypts HMAC keys and its
 * hash key. It never prints itself ({@link #toString()} is {@code ***}). Immutable and thread-safe.
 */
public final class MasterKey {
  /** Bytes in a master key: AES-256. */
  public static final int BYTES = 32;

  private final byte[] key;

  private MasterKey(byte[] key) {
    this.key = key;
  }

  /**
   * The key whose standard Base64 encoding is {@code text} (surrounding white space ignored);
   * throws {@link IllegalArgumentException} saying what was expected and found, never the value.
   */
  public static MasterKey fromBase64(String text) {
    Objects.requireNonNull(text, "text");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expected the Base64 encoding of "
              + BYTES
              + " random bytes (e.g. from 'openssl rand -base64 32') but found text that is not"
              + " standard Base64",
          e);
    }
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "expected the Base64 encoding of "
              + BYTES
              + " random bytes (e.g. from 'openssl rand -base64 32') but found "
              + bytes.length
              + " bytes");
    }
    return new MasterKey(bytes);
  }

  /** A new random key. */
  public static MasterKey generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new MasterKey(bytes);
  }

  /** The key's standard Base64 encoding, for a key file; the caller must not log it. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** Whether {@code other} is the same key. */
  public boolean sameAs(MasterKey other) {
    return MessageDigest.isEqual(key, other.key);
  }

  byte[] bytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "***";
  }
}
