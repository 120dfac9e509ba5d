package io.pushback.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the signature header is laid out. Every parser here is bounded (at most {@link #MAX_ELEMENTS}
 * elements) and answers empty for anything it cannot read, never an exception.
 */
public enum SignatureFormat {
  /** One value: the prefix, then the encoded MAC ({@code sha256=<hex>}, or Base64 alone). */
  SINGLE("single") {
    @Override
    Optional<Presented> parse(String value, String prefix, SignatureEncoding encoding, int length) {
      if (!value.startsWith(prefix)) {
        return Optional.empty();
      }
      return encoding
          .decode(value.substring(prefix.length()), length)
          .map(mac -> new Presented(List.of(mac), Optional.empty()));
    }
  },
  /**
   * Standard Webhooks: space-separated {@code <version>,<encoded MAC>} elements; those whose
   * version is the prefix ({@code v1,}) count, others (a future {@code v2}, an asymmetric {@code
   * v1a}) are ignored.
   */
  LIST("list") {
    @Override
    Optional<Presented> parse(String value, String prefix, SignatureEncoding encoding, int length) {
      String[] elements = value.split(" ", MAX_ELEMENTS + 1);
      if (elements.length > MAX_ELEMENTS) {
        return Optional.empty();
      }
      List<byte[]> macs = new ArrayList<>();
      for (String element : elements) {
        int comma = element.indexOf(',');
        if (comma < 1 || !TAG.matcher(element.substring(0, comma)).matches()) {
          return Optional.empty();
        }
        if (element.startsWith(prefix)) {
          Optional<byte[]> mac = encoding.decode(element.substring(prefix.length()), length);
          if (mac.isEmpty()) {
            return Optional.empty();
          }
          macs.add(mac.get());
        }
      }
      return macs.isEmpty() ? Optional.empty() : Optional.of(new Presented(macs, Optional.empty()));
    }
  },
  /**
   * Stripe: comma-separated {@code key=value} elements, exactly one {@code t=<epoch seconds>} and
   * at least one element with the prefix ({@code v1=}); other schemes ({@code v0=}) are ignored.
   * The timestamp travels in this header, not in a header of its own.
   */
  STRIPE("stripe") {
    @Override
    Optional<Presented> parse(String value, String prefix, SignatureEncoding encoding, int length) {
      String[] elements = value.split(",", MAX_ELEMENTS + 1);
      if (elements.length > MAX_ELEMENTS) {
        return Optional.empty();
      }
      List<byte[]> macs = new ArrayList<>();
      String timestamp = null;
      for (String element : elements) {
        int equals = element.indexOf('=');
        if (equals < 1 || !TAG.matcher(element.substring(0, equals)).matches()) {
          return Optional.empty();
        }
        if (element.startsWith(TIMESTAMP_KEY)) {
          String candidate = element.substring(TIMESTAMP_KEY.length());
          if (timestamp != null || !EPOCH_SECONDS.matcher(candidate).matches()) {
            return Optional.empty();
          }
          timestamp = candidate;
        } else if (element.startsWith(prefix)) {
          Optional<byte[]> mac = encoding.decode(element.substring(prefix.length()), length);
          if (mac.isEmpty()) {
            return Optional.empty();
          }
          macs.add(mac.get());
        }
      }
      return macs.isEmpty() || timestamp == null
          ? Optional.empty()
          : Optional.of(new Presented(macs, Optional.of(timestamp)));
    }

    @Override
    boolean carriesTimestamp() {
      return true;
    }
  };

  /** The most elements a list header may hold; more is malformed, not merely ignored. */
  public static final int MAX_ELEMENTS = 16;

  /** Epoch seconds as senders write them: digits only, no sign, at most 12 of them. */
  static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9]{1,16}");
  private static final String TIMESTAMP_KEY = "t=";

  /** The MACs a header presents, and the signing time when the header carries it. */
  record Presented(List<byte[]> macs, Optional<String> timestamp) {
    Presented {
      macs = List.copyOf(macs);
    }
  }

  private final String settingName;

  SignatureFormat(String settingName) {
    this.settingName = settingName;
  }

  public String settingName() {
    return settingName;
  }

  /**
   * The MACs of {@code length} bytes in header {@code value}, written with {@code prefix} in {@code
   * encoding}; empty when the value is malformed or presents no MAC of the counted kind.
   */
  abstract Optional<Presented> parse(
      String value, String prefix, SignatureEncoding encoding, int length);

  /** Whether the signing time is inside the signature header rather than a header of its own. */
  boolean carriesTimestamp() {
    return false;
  }

  /** The format named {@code name} ({@code single}, {@code list} or {@code stripe}). */
  public static SignatureFormat fromSettingName(String field, String name) {
    for (SignatureFormat format : values()) {
      if (format.settingName.equalsIgnoreCase(name)) {
        return format;
      }
    }
    throw new InvalidSettingException(
        field, "expected single, list or stripe but found '" + name + "'");
  }
}
