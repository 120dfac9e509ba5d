package io.pushback.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** How the configured secret becomes the HMAC key. */
public enum KeyEncoding {
  /** The secret's UTF-8 bytes, as typed: the default, and Stripe's whole {@code whsec_…} string. */
  TEXT("text") {
    @Override
    Optional<byte[]> key(String secret) {
      return Optional.of(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Secret generate(SecureRandom random) {
      return Secret.generate(random);
    }
  },
  /**
   * Standard Webhooks: {@code whsec_} followed by standard Base64; the key is the decoded bytes.
   */
  WHSEC_BASE64("whsec_base64") {
    @Override
    Optional<byte[]> key(String secret) {
      if (!secret.startsWith(WHSEC)) {
        return Optional.empty();
      }
      try {
        byte[] key = Base64.getDecoder().decode(secret.substring(WHSEC.length()));
        return key.length == 0 ? Optional.empty() : Optional.of(key);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }

    @Override
    public Secret generate(SecureRandom random) {
      byte[] key = new byte[Secret.GENERATED_BYTES];
      random.nextBytes(key);
      return Secret.of(WHSEC + Base64.getEncoder().encodeToString(key));
    }
  };

  static final String WHSEC = "whsec_";

  private final String settingName;

  KeyEncoding(String settingName) {
    this.settingName = settingName;
  }

  public String settingName() {
    return settingName;
  }

  /** The HMAC key that {@code secret} spells, or empty if it is not in this encoding. */
  abstract Optional<byte[]> key(String secret);

  /** A new random secret in this encoding. */
  public abstract Secret generate(SecureRandom random);

  /** The HMAC key of {@code secret}; throws naming {@code field}, never showing the value. */
  byte[] keyOf(String field, Secret secret) {
    return key(secret.reveal())
        .orElseThrow(
            () -> new InvalidSettingException(field, "expected whsec_ followed by Base64"));
  }

  /** The key encoding named {@code name} ({@code text} or {@code whsec_base64}). */
  public static KeyEncoding fromSettingName(String field, String name) {
    for (KeyEncoding encoding : values()) {
      if (encoding.settingName.equalsIgnoreCase(name)) {
        return encoding;
      }
    }
    throw new InvalidSettingException(
        field, "expected text or whsec_base64 but found '" + name + "'");
  }
}
