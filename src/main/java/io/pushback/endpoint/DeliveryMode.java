package io.pushback.endpoint;

import java.util.Locale;

/**
 * When an endpoint answers: after its saga ran ({@code sync}), or as soon as the delivery is stored
 * ({@code async}).
 */
public enum DeliveryMode {
  SYNC,
  ASYNC;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code name}; throws IllegalArgumentException naming the choices. */
  public static DeliveryMode fromWireName(String name) {
    for (DeliveryMode mode : values()) {
      if (mode.wireName().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("expected sync or async but found '" + name + "'");
  }
}
