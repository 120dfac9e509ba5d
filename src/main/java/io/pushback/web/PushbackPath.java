package io.pushback.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pushback URL: {@code /pushback/{key}} or {@code /pushback/{key}/sites/{siteSlug}}, matched on
 * the raw request path, so an encoded slash, a dot segment or a trailing slash matches nothing.
 */
record PushbackPath(String key, Optional<String> siteSlug) {
  /** The servlet mapping of the pushback routes. */
  static final String MAPPING = "/pushback/*";

  private static final Pattern PATH =
      Pattern.compile("/pushback/([A-Za-z0-9_-]{1,128})(?:/sites/([a-z0-9][a-z0-9-]{0,62}))?");

  static Optional<PushbackPath> parse(String contextPath, String requestUri) {
    if (!requestUri.startsWith(contextPath)) {
      return Optional.empty();
    }
    Matcher matcher = PATH.matcher(requestUri.substring(contextPath.length()));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new PushbackPath(matcher.group(1), Optional.ofNullable(matcher.group(2))));
  }
}
