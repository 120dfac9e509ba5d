package io.pushback.auth;

import java.util.Locale;

/**
 * Header names the security methods read, and the one rule by which a request's header names are
 * compared: case does not matter, {@code -} and {@code _} are the same character, and a leading
 * {@code HTTP_} (the CGI spelling the source documents use) is ignored.
 */
public final class HeaderNames {
  public static final String AUTHORIZATION = "Authorization";

  /**
   * The CGI spelling of {@code Authorization}, which senders type literally; it may omit the {@code
   * Basic} scheme.
   */
  public static final String CGI_AUTHORIZATION = "HTTP_AUTHORIZATION";

  public static final String ACCESS_TOKEN = "Access-Token";
  public static final String ACCESS_SECRET = "Access-Secret";
  public static final String DEFAULT_SIGNATURE = "PUSHBACK_SIGNATURE";
  public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

  private static final String CGI_PREFIX = "http-";

  private HeaderNames() {}

  /** The form under which two spellings of one header name compare equal. */
  public static String normalize(String name) {
    String folded = stripBlanks(name).toLowerCase(Locale.ROOT).replace('_', '-');
    return folded.startsWith(CGI_PREFIX) && folded.length() > CGI_PREFIX.length()
        ? folded.substring(CGI_PREFIX.length())
        : folded;
  }

  /** Without leading and trailing control characters and white space, Unicode's included. */
  private static String stripBlanks(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isBlank(text.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
