package io.pushback.auth;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.RIPEMD128Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The HMAC algorithms a {@code signature} endpoint may use, by the JCA names the settings spell.
 */
public enum HmacAlgorithm {
  HMAC_SHA256("HmacSHA256", 32),
  HMAC_SHA1("HmacSHA1", 20),
  HMAC_SHA512("HmacSHA512", 64),
  /**
   * Not in the JDK: computed with Bouncy Castle's lightweight API, without registering a provider.
   */
  HMAC_RIPEMD128("HmacRIPEMD128", 16) {
    @Override
    public byte[] sign(byte[] key, byte[] content) {
      HMac mac = new HMac(new RIPEMD128Digest());
      mac.init(new KeyParameter(key));
      mac.update(content, 0, content.length);
      byte[] out = new byte[mac.getMacSize()];
      mac.doFinal(out, 0);
      return out;
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
   * The MAC of {@code content} under {@code key}. Thread-safe: every call uses its own {@link Mac}.
   */
  public byte[] sign(byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance(settingName);
      mac.init(new SecretKeySpec(key, settingName));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new PushbackException("the JDK cannot compute " + settingName, e);
    }
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
}
