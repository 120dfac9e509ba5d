package io.pushback.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A credential value: a password, token, access secret or HMAC key. It never prints itself ({@link
 * #toString()} is {@code ***}) and compares only in constant time. Immutable and thread-safe.
 */
public final class Secret {
  /** Random bytes in a generated secret: 256 bits, twice the minimum the product promises. */
  public static final int GENERATED_BYTES = 32;

  private final byte[] value;

  private Secret(byte[] value) {
    this.value = value;
  }

  /** The secret whose value is the UTF-8 encoding of {@code text}; refuses an empty value. */
  public static Secret of(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a secret cannot be empty");
    }
    return new Secret(text.getBytes(StandardCharsets.UTF_8));
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
    return candidate != null && MessageDigest.isEqual(candidate, value);
  }

  /** A copy of the value's bytes, for use as a key; the caller must not log or keep it. */
  public byte[] bytes() {
    return value.clone();
  }

  /** The value as text, for storing it and for showing it once to the operator who created it. */
  public String reveal() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "***";
  }
}
