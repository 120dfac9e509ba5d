package io.pushback.blackbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Collection;

/**
 * What the contract promises about secret values: generated ones are strong, shown ones are never
 * shown again.
 */
final class Secrets {
  /** Base64url, optionally padded. */
  private static final String URL_SAFE_BASE64 = "[A-Za-z0-9_-]+={0,2}";

  private Secrets() {}

  /** A generated secret: base64url of at least 16 random bytes (128 bits). */
  static void assertGenerated(String field, String value) {
    assertThat(value)
        .as("generated %s", field)
        .matches(URL_SAFE_BASE64)
        .hasSizeGreaterThanOrEqualTo(22);
    assertThat(Base64.getUrlDecoder().decode(value))
        .as("bytes of generated %s", field)
        .hasSizeGreaterThanOrEqualTo(16);
  }

  /** None of {@code secrets} occurs anywhere in {@code text}. */
  static void assertNoneIn(String text, Collection<String> secrets) {
    for (String secret : secrets) {
      assertThat(text).as("answer must not show a secret").doesNotContain(secret);
    }
  }
}
