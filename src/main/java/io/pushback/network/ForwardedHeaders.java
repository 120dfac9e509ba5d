package io.pushback.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses forwarding headers into hops, leftmost (nearest the client) first: RFC 7239 {@code
 * Forwarded}, or {@code X-Forwarded-For} with {@code X-Forwarded-Proto}. Also reads the values of a
 * hop: a node ({@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code "[2001:db8::1]:4711"}, {@code
 * unknown}, an obfuscated {@code _name}) and a scheme. Stateless.
 */
final class ForwardedHeaders {
  /** A forwarding header that cannot be read; the message names the header, never its value. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  private static final Pattern OBFUSCATED = Pattern.compile("_[A-Za-z0-9._-]+");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}|_[A-Za-z0-9._-]+");

  private ForwardedHeaders() {}

  /** The hops of every {@code Forwarded} line in order. */
  static List<ForwardedHop> forwarded(List<String> lines) throws MalformedException {
    String text = String.join(",", lines);
    List<ForwardedHop> hops = new ArrayList<>();
    Map<String, String> pairs = new HashMap<>();
    int pos = 0;
    while (true) {
      pos = skipWhitespace(text, pos);
      if (pos == text.length() || text.charAt(pos) == ',') {
        if (!pairs.isEmpty()) {
          hops.add(
              new ForwardedHop(
                  Optional.ofNullable(pairs.get("for")), Optional.ofNullable(pairs.get("proto"))));
          pairs.clear();
        }
        if (pos == text.length()) {
          return hops;
        }
        pos++;
        continue;
      }
      if (text.charAt(pos) == ';') {
        pos++;
        continue;
      }
      int equals = text.indexOf('=', pos);
      if (equals < 0 || !TOKEN.matcher(text.substring(pos, equals)).matches()) {
        throw new MalformedException("a Forwarded parameter is not token=value");
      }
      String name = text.substring(pos, equals).toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      pos = value(text, equals + 1, value);
      if (value.length() == 0) {
        throw new MalformedException("a Forwarded parameter has an empty value");
      }
      if (pairs.put(name, value.toString()) != null) {
        throw new MalformedException("a Forwarded element repeats a parameter");
      }
      pos = skipWhitespace(text, pos);
      if (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ';') {
        throw new MalformedException("a Forwarded parameter value is followed by junk");
      }
    }
  }

  /**
   * The hops of {@code X-Forwarded-For} with their {@code X-Forwarded-Proto}: one proto value
   * belongs to the rightmost hop (the nearest proxy's), a list must pair with the addresses.
   */
  static List<ForwardedHop> xForwarded(List<String> forLines, List<String> protoLines)
      throws MalformedException {
    List<String> addresses = list(forLines);
    List<String> protos = list(protoLines);
    List<ForwardedHop> hops = new ArrayList<>();
    if (addresses.isEmpty()) {
      if (protos.size() > 1) {
        throw new MalformedException("X-Forwarded-Proto lists several schemes for no address");
      }
      protos.forEach(proto -> hops.add(new ForwardedHop(Optional.empty(), Optional.of(proto))));
      return hops;
    }
    if (protos.size() > 1 && protos.size() != addresses.size()) {
      throw new MalformedException("X-Forwarded-Proto does not pair with X-Forwarded-For");
    }
    for (int i = 0; i < addresses.size(); i++) {
      boolean last = i == addresses.size() - 1;
      Optional<String> proto =
          protos.size() > 1
              ? Optional.of(protos.get(i))
              : last && protos.size() == 1 ? Optional.of(protos.get(0)) : Optional.empty();
      hops.add(new ForwardedHop(Optional.of(addresses.get(i)), proto));
    }
    return hops;
  }

  /** The node of a {@code for} value: an IP address, or a name for an unknown one. */
  static ClientOrigin.Derived node(String value, boolean secure) throws MalformedException {
    if (value.equalsIgnoreCase("unknown")) {
      return new ClientOrigin.Derived("unknown", Optional.empty(), secure);
    }
    if (OBFUSCATED.matcher(value).matches()) {
      return new ClientOrigin.Derived(value, Optional.empty(), secure);
    }
    String address = value;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0 || !port(value.substring(close + 1))) {
        throw new MalformedException("a forwarded address has a malformed bracket or port");
      }
      address = value.substring(1, close);
      if (address.indexOf(':') < 0) {
        throw new MalformedException("a bracketed forwarded address is not IPv6");
      }
    } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
      // IPv4 with a port; a bare IPv6 address (more than one colon) is taken as it stands.
      int colon = value.indexOf(':');
      if (!port(value.substring(colon))) {
        throw new MalformedException("a forwarded address has a malformed port");
      }
      address = value.substring(0, colon);
    }
    Optional<IpAddress> ip = IpAddress.parse(address);
    if (ip.isEmpty()) {
      throw new MalformedException("a forwarded address is not an IP address literal");
    }
    return new ClientOrigin.Derived(ip.get().toString(), ip, secure);
  }

  /** Whether a {@code proto} value says HTTPS; any other valid scheme is not. */
  static boolean secure(String proto) throws MalformedException {
    if (!SCHEME.matcher(proto).matches()) {
      throw new MalformedException("a forwarded scheme is not a URI scheme");
    }
    return proto.equalsIgnoreCase("https");
  }

  /** Empty, or a colon and a port number or obfuscated port. */
  private static boolean port(String text) {
    return text.isEmpty() || (text.charAt(0) == ':' && PORT.matcher(text.substring(1)).matches());
  }

  /** The comma-separated entries of header lines, blank entries skipped. */
  private static List<String> list(List<String> lines) {
    List<String> entries = new ArrayList<>();
    for (String line : lines) {
      for (String entry : line.split(",", -1)) {
        if (!entry.isBlank()) {
          entries.add(entry.strip());
        }
      }
    }
    return entries;
  }

  /**
   * Reads a quoted string or a bare value from {@code pos} into {@code value}; returns the index
   * after it. A bare value may hold ':' and brackets, which RFC 7239 wants quoted but proxies
   * configured by hand often send unquoted.
   */
  private static int value(String text, int pos, StringBuilder value) throws MalformedException {
    if (pos < text.length() && text.charAt(pos) == '"') {
      for (int i = pos + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          if (++i == text.length()) {
            break;
          }
          value.append(text.charAt(i));
        } else if (c == '"') {
          return i + 1;
        } else {
          value.append(c);
        }
      }
      throw new MalformedException("a Forwarded quoted value is not closed");
    }
    int end = pos;
    while (end < text.length() && ",; \t\"".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    value.append(text, pos, end);
    return end;
  }

  private static int skipWhitespace(String text, int pos) {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
    return pos;
  }
}
