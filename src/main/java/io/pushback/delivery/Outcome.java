package io.pushback.delivery;

import java.util.Locale;

/** Where a delivery stands. */
public enum Outcome {
  /** Refused before its saga could run: credentials, size or a malformed body. */
  REJECTED,
  /** Stored; its saga has not finished. */
  PENDING,
  /** Its saga ran and succeeded. */
  SUCCEEDED,
  /** Its saga failed, or was not registered. */
  FAILED,
  /** Its saga failed on every allowed attempt. */
  DEAD;

  /** The name used in the API and the store, e.g. {@code succeeded}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome named {@code wireName}, or an IllegalArgumentException listing the names. */
  public static Outcome fromWireName(String wireName) {
    for (Outcome outcome : values()) {
      if (outcome.wireName().equals(wireName)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException(
        "expected rejected, pending, succeeded, failed or dead but found '" + wireName + "'");
  }
}
