package io.pushback.auth;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Type} header value as the sender wrote it, read without the container's help
 * (Jetty's {@code getContentType()} throws for a charset the JVM does not know). Immutable.
 *
 * @param mediaType the media type in lower case, e.g. {@code application/json}, or {@code ""}
 * @param charsetName the {@code charset} parameter, if any, as written
 */
public record ContentType(String mediaType, Optional<String> charsetName) {
  public static final String FORM = "application/x-www-form-urlencoded";

  private static final Pattern CHARSET =
      Pattern.compile(";\\s*charset=\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);

  /** The parts of {@code header}; a null header is the empty content type. */
  public static ContentType parse(String header) {
    if (header == null) {
      return new ContentType("", Optional.empty());
    }
    int semicolon = header.indexOf(';');
    String type = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
    Matcher matcher = CHARSET.matcher(header);
    return new ContentType(
        type.toLowerCase(Locale.ROOT),
        matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty());
  }

  public boolean isForm() {
    return mediaType.equals(FORM);
  }

  public boolean isJson() {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** The named charset; empty when none is named or the JVM does not know it. */
  public Optional<Charset> charset() {
    try {
      return charsetName.map(Charset::forName);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }
}
