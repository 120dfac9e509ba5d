package io.pushback.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * An {@code Authorization} value split into scheme and credentials ({@code <scheme>
 * <credentials>}).
 */
record AuthorizationHeader(String scheme, String credentials) {
  /**
   * The parts of {@code value}, or empty when it is not {@code <scheme> <credentials>} with both
   * non-empty.
   */
  static Optional<AuthorizationHeader> parse(String value) {
    String trimmed = value.strip();
    int space = trimmed.indexOf(' ');
    if (space <= 0) {
      return Optional.empty();
    }
    String credentials = trimmed.substring(space + 1).strip();
    if (credentials.isEmpty() || credentials.indexOf(' ') >= 0) {
      return Optional.empty();
    }
    return Optional.of(new AuthorizationHeader(trimmed.substring(0, space), credentials));
  }

  boolean hasScheme(String expected) {
    return scheme.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
  }
}
