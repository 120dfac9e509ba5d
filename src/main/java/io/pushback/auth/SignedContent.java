package io.pushback.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a signature covers: a template over {@code {id}}, {@code {timestamp}} and {@code {body}},
 * such as {@code {timestamp}.{body}} (Stripe) or {@code v0:{timestamp}:{body}} (Slack). The body is
 * always signed, exactly once, as raw bytes; the other parts are US-ASCII header values. Immutable.
 */
public final class SignedContent {
  /** The raw body alone: the source documents' scheme. */
  public static final SignedContent BODY_ONLY = parse(SecuritySettings.SIGNED_CONTENT, "{body}");

  /** The default when a timestamp header is set. */
  public static final SignedContent TIMESTAMP_DOT_BODY =
      parse(SecuritySettings.SIGNED_CONTENT, "{timestamp}.{body}");

  private static final String BODY = "{body}";
  private static final String TIMESTAMP = "{timestamp}";
  private static final String ID = "{id}";

  private final String template;
  private final List<String> parts;

  private SignedContent(String template, List<String> parts) {
    this.template = template;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses {@code template}; throws naming {@code field} when it has an unknown placeholder or no
   * single body.
   */
  public static SignedContent parse(String field, String template) {
    Objects.requireNonNull(template, "template");
    List<String> parts = new ArrayList<>();
    int bodies = 0;
    int position = 0;
    while (position < template.length()) {
      int open = template.indexOf('{', position);
      if (open < 0) {
        parts.add(template.substring(position));
        break;
      }
      if (open > position) {
        parts.add(template.substring(position, open));
      }
      int close = template.indexOf('}', open);
      String placeholder =
          close < 0 ? template.substring(open) : template.substring(open, close + 1);
      if (!placeholder.equals(BODY) && !placeholder.equals(TIMESTAMP) && !placeholder.equals(ID)) {
        throw new InvalidSettingException(
            field, "'" + placeholder + "' is not a placeholder; use {id}, {timestamp} and {body}");
      }
      bodies += placeholder.equals(BODY) ? 1 : 0;
      parts.add(placeholder);
      position = close + 1;
    }
    if (bodies != 1) {
      throw new InvalidSettingException(field, "must contain {body} exactly once");
    }
    return new SignedContent(template, parts);
  }

  public String template() {
    return template;
  }

  boolean usesTimestamp() {
    return parts.contains(TIMESTAMP);
  }

  boolean usesId() {
    return parts.contains(ID);
  }

  /**
   * The bytes to sign: the template with {@code id} and {@code timestamp} filled in and the raw
   * body in place.
   */
  byte[] render(String id, String timestamp, byte[] body) {
    byte[][] pieces = pieces(id, timestamp, body);
    if (pieces.length == 1) {
      return pieces[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    for (byte[] piece : pieces) {
      out.writeBytes(piece);
    }
    return out.toByteArray();
  }

  /**
   * The bytes to sign in order, as {@link #render} concatenates them, without copying the body: the
   * body array itself is one of the pieces, and nobody may modify any of them.
   */
  byte[][] pieces(String id, String timestamp, byte[] body) {
    byte[][] pieces = new byte[parts.size()][];
    for (int i = 0; i < pieces.length; i++) {
      String part = parts.get(i);
      pieces[i] =
          switch (part) {
            case BODY -> body;
            case TIMESTAMP -> timestamp.getBytes(StandardCharsets.US_ASCII);
            case ID -> id.getBytes(StandardCharsets.UTF_8);
            default -> part.getBytes(StandardCharsets.UTF_8);
          };
    }
    return pieces;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedContent that && template.equals(that.template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template;
  }
}
