package io.pushback.auth;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.RIPEMD128Digest;

/**
 * The HMAC algorithms a {@code signature} endpoint may use, by the JCA names the settings spell.
 */
public enum HmacAlgorithm {
  HMAC_SHA256("HmacSHA256", 32),
  HMAC_SHA1("HmacSHA1", 20),
  HMAC_SHA512("HmacSHA512", 64),
  /**
   * Not in the JDK: computed with Bouncy Castle's lightweight RIPEMD-128 digest, without
   * registering a provider.
   */
  HMAC_RIPEMD128("HmacRIPEMD128", 16) {
    @Override
    public Keyed keyed(byte[] key) {
      return new Ripemd128Keyed(key);
    }
  };

  private final String settingName;
  private final int macLength;

  HmacAlgorithm(String settingName, int macLength) {
    this.settingName = settingName;
    this.macLength = macLength;
  }

  /** The name in settings, e.g. {@code HmacSHA256}. */
  public String settingName() {
    return settingName;
  }

  /** The length of a MAC in bytes. */
  public int macLength() {
    return macLength;
  }

  /**
   * The MAC of {@code content} under {@code key}. Thread-safe. A caller that signs often under one
   * key keeps {@link #keyed} instead, which does the key setup once.
   */
  public byte[] sign(byte[] key, byte[] content) {
    return keyed(key).sign(content);
  }

  /**
   * This algorithm under {@code key}, set up once (provider lookup, key schedule, the inner pad
   * hashed) for any number of {@link Keyed#sign} calls.
   */
  public Keyed keyed(byte[] key) {
    return new JdkKeyed(settingName, key);
  }

  /** The algorithm named {@code name} (case-insensitive, e.g. {@code HmacSHA256}). */
  public static HmacAlgorithm fromSettingName(String field, String name) {
    for (HmacAlgorithm algorithm : values()) {
      if (algorithm.settingName.equalsIgnoreCase(name)) {
        return algorithm;
      }
    }
    throw new InvalidSettingException(
        field,
        "expected HmacSHA256, HmacSHA1, HmacSHA512 or HmacRIPEMD128 but found '" + name + "'");
  }

  /**
   * An HMAC under one key. Immutable and thread-safe: every call computes on its own copy of the
   * prepared state, which nobody modifies after construction.
   */
  public interface Keyed {
    /** The MAC of the concatenation of {@code parts}, none of which is modified. */
    byte[] sign(byte[]... parts);
  }

  /**
   * A JDK {@link Mac}, initialised with the key and fed the (empty) start of every message once,
   * then {@linkplain Mac#clone() cloned} per call: the JDK's HMACs are cloneable. Should a provider
   * not be, each call falls back to a new {@code Mac}.
   */
  private static final class JdkKeyed implements Keyed {
    private static final byte[] NOTHING = new byte[0];

    private final String algorithm;
    private final SecretKeySpec key;

    /** Never used to compute, only cloned; null when the provider's Mac is not cloneable. */
    private final Mac prototype;

    JdkKeyed(String algorithm, byte[] key) {
      this.algorithm = algorithm;
      this.key = new SecretKeySpec(key, algorithm);
      Mac prepared = newMac();
      // Absorbs the inner padded key now rather than in every clone.
      prepared.update(NOTHING);
      Mac cloneable;
      try {
        prepared.clone();
        cloneable = prepared;
      } catch (CloneNotSupportedException e) {
        cloneable = null;
      }
      this.prototype = cloneable;
    }

    @Override
    public byte[] sign(byte[]... parts) {
      Mac mac = copy();
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    }

    private Mac copy() {
      if (prototype != null) {
        try {
          return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
          // Cloned once already in the constructor: cannot happen; fall through all the same.
        }
      }
      return newMac();
    }

    private Mac newMac() {
      try {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new PushbackException("the JDK cannot compute " + algorithm, e);
      }
    }
  }

  /**
   * HMAC (RFC 2104) over Bouncy Castle's RIPEMD-128 digest: the digest states after the inner and
   * the outer padded key are computed once and copied per call, as Bouncy Castle's own {@code HMac}
   * does between messages.
   */
  private static final class Ripemd128Keyed implements Keyed {
    private static final int BLOCK = 64;

    private final RIPEMD128Digest inner;
    private final RIPEMD128Digest outer;

    Ripemd128Keyed(byte[] key) {
      byte[] block = key;
      if (key.length > BLOCK) {
        RIPEMD128Digest digest = new RIPEMD128Digest();
        digest.update(key, 0, key.length);
        block = new byte[digest.getDigestSize()];
        digest.doFinal(block, 0);
      }
      byte[] ipad = Arrays.copyOf(block, BLOCK);
      byte[] opad = Arrays.copyOf(block, BLOCK);
      for (int i = 0; i < BLOCK; i++) {
        ipad[i] ^= 0x36;
        opad[i] ^= 0x5c;
      }
      inner = new RIPEMD128Digest();
      inner.update(ipad, 0, BLOCK);
      outer = new RIPEMD128Digest();
      outer.update(opad, 0, BLOCK);
      Arrays.fill(ipad, (byte) 0);
      Arrays.fill(opad, (byte) 0);
    }

    @Override
    public byte[] sign(byte[]... parts) {
      RIPEMD128Digest digest = new RIPEMD128Digest(inner);
      for (byte[] part : parts) {
        digest.update(part, 0, part.length);
      }
      byte[] hash = new byte[digest.getDigestSize()];
      digest.doFinal(hash, 0);
      RIPEMD128Digest finish = new RIPEMD128Digest(outer);
      finish.update(hash, 0, hash.length);
      finish.doFinal(hash, 0);
      return hash;
    }
  }
}
