package io.pushback.auth;

import java.util.Optional;

/**
 * The package-private parsers of {@code auth}, opened to the property tests in {@code
 * io.pushback.fuzz}; each method only forwards.
 */
public final class AuthParsers {
  private AuthParsers() {}

  /** {@link AuthorizationHeader#parse} as {@code {scheme, credentials}}. */
  public static Optional<String[]> authorization(String value) {
    return AuthorizationHeader.parse(value).map(h -> new String[] {h.scheme(), h.credentials()});
  }

  /** {@link SignedContent#render}. */
  public static byte[] render(SignedContent content, String id, String timestamp, byte[] body) {
    return content.render(id, timestamp, body);
  }
}
