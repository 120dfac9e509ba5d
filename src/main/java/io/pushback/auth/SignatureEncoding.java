package io.pushback.auth;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** How a MAC is written into a header: standard Base64 with padding, or hexadecimal. */
public enum SignatureEncoding {
  BASE64("base64") {
    @Override
    public String encode(byte[] mac) {
      return Base64.getEncoder().encodeToString(mac);
    }

    @Override
    int encodedLength(int macLength) {
      return 4 * ((macLength + 2) / 3);
    }

    @Override
    byte[] decodeExact(String text) {
      byte[] decoded = Base64.getDecoder().decode(text);
      // The JDK ignores unused low bits of the last character: insist on the one canonical
      // spelling.
      if (!encode(decoded).equals(text)) {
        throw new IllegalArgumentException("not canonical Base64");
      }
      return decoded;
    }
  },
  HEX("hex") {
    @Override
    public String encode(byte[] mac) {
      return HexFormat.of().formatHex(mac);
    }

    @Override
    int encodedLength(int macLength) {
      return 2 * macLength;
    }

    @Override
    byte[] decodeExact(String text) {
      return HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
    }
  };

  private final String settingName;

  SignatureEncoding(String settingName) {
    this.settingName = settingName;
  }

  public String settingName() {
    return settingName;
  }

  /** The text form of {@code mac}. */
  public abstract String encode(byte[] mac);

  abstract int encodedLength(int macLength);

  /**
   * Decodes text already known to have the right length; throws IllegalArgumentException if it is
   * not valid.
   */
  abstract byte[] decodeExact(String text);

  /**
   * The MAC written in {@code text}, when {@code text} is exactly the encoding of a {@code
   * macLength}-byte value: a truncated, padded-differently, URL-safe or otherwise foreign value is
   * empty, not an exception.
   */
  public Optional<byte[]> decode(String text, int macLength) {
    if (text.length() != encodedLength(macLength)) {
      return Optional.empty();
    }
    try {
      byte[] decoded = decodeExact(text);
      return decoded.length == macLength ? Optional.of(decoded) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The encoding named {@code name} ({@code base64} or {@code hex}, case-insensitive). */
  public static SignatureEncoding fromSettingName(String field, String name) {
    for (SignatureEncoding encoding : values()) {
      if (encoding.settingName.equalsIgnoreCase(name)) {
        return encoding;
      }
    }
    throw new InvalidSettingException(field, "expected base64 or hex but found '" + name + "'");
  }
}
