package io.pushback.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under one key: each value gets a fresh random 96-bit nonce and a 128-bit tag, and is
 * bound to a {@code purpose} (the associated data) so that a value sealed for one use does not open
 * for another. A sealed value is {@code nonce || ciphertext || tag}. Thread-safe.
 */
final class SecretCipher {
  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec key;
  private final SecureRandom random;

  SecretCipher(MasterKey key, SecureRandom random) {
    this(key.bytes(), random);
  }

  SecretCipher(byte[] key, SecureRandom random) {
    if (key.length != MasterKey.BYTES) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
    this.random = Objects.requireNonNull(random, "random");
  }

  byte[] seal(byte[] plaintext, String purpose) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length)
          .put(nonce)
          .put(ciphertext)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot encrypt with " + TRANSFORMATION, e);
    }
  }

  /** The plaintext of {@code sealed}; throws {@link UnreadableSecretException} if it won't open. */
  byte[] open(byte[] sealed, String purpose) {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new UnreadableSecretException(
          "a sealed " + purpose + " is too short to hold a nonce and a tag", null);
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 0, NONCE_BYTES)));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new UnreadableSecretException(
          "a sealed " + purpose + " does not decrypt: another key sealed it, or it was altered", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot decrypt with " + TRANSFORMATION, e);
    }
  }
}
