package io.pushback.blackbox;

import java.util.Locale;

/**
 * Design §4's aliasing of header names, restated independently: case, {@code -}/{@code _} and
 * {@code HTTP_}.
 */
final class HeaderName {
  private HeaderName() {}

  static String canonical(String name) {
    String folded = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return folded.startsWith("http-") && folded.length() > "http-".length()
        ? folded.substring(5)
        : folded;
  }
}
