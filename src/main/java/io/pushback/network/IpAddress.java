package io.pushback.network;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed from its literal text, strictly and without DNS: dotted-quad IPv4
 * with no leading zeros, RFC 4291 IPv6 (with {@code ::} and a trailing dotted quad), no zone ids,
 * no brackets. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is its IPv4 address, so a
 * dual-stack socket and an IPv4 network agree. Immutable.
 */
public final class IpAddress {
  /** The longest IPv6 literal: eight groups written as six groups and a dotted quad. */
  private static final int LONGEST_LITERAL = 45;

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The address {@code text} spells, or empty when it is not exactly an address literal. */
  public static Optional<IpAddress> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > LONGEST_LITERAL) {
      return Optional.empty();
    }
    byte[] parsed = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    return parsed == null ? Optional.empty() : Optional.of(new IpAddress(unmapped(parsed)));
  }

  public boolean isIpv4() {
    return bytes.length == 4;
  }

  /** The address's bits, 32 or 128 of them. */
  int bitLength() {
    return bytes.length * 8;
  }

  /** Bit {@code index} of the address, counting from the most significant. */
  boolean bit(int index) {
    return (bytes[index / 8] & (0x80 >>> (index % 8))) != 0;
  }

  /** This address with every bit after the first {@code prefixLength} cleared. */
  IpAddress masked(int prefixLength) {
    byte[] network = bytes.clone();
    for (int bit = prefixLength; bit < bitLength(); bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return new IpAddress(network);
  }

  /** The canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
  @Override
  public String toString() {
    if (isIpv4()) {
      return (bytes[0] & 0xff)
          + "."
          + (bytes[1] & 0xff)
          + "."
          + (bytes[2] & 0xff)
          + "."
          + (bytes[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IpAddress address && Arrays.equals(bytes, address.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      int value = decimalOctet(parts[i]);
      if (value < 0) {
        return null;
      }
      address[i] = (byte) value;
    }
    return address;
  }

  /** 0 to 255 in decimal without leading zeros (which some parsers read as octal), else -1. */
  private static int decimalOctet(String part) {
    if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  private static byte[] ipv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = groups(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
    int[] tail = gap >= 0 ? groups(text.substring(gap + 2), true) : new int[0];
    if (head == null || tail == null) {
      return null;
    }
    int count = head.length + tail.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
    byte[] address = new byte[16];
    for (int i = 0; i < 8; i++) {
      address[2 * i] = (byte) (all[i] >>> 8);
      address[2 * i + 1] = (byte) all[i];
    }
    return address;
  }

  /** Colon-separated 16-bit groups, the last possibly a dotted quad (two groups); null if bad. */
  private static int[] groups(String part, boolean quadAllowedAtEnd) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int[] groups = new int[pieces.length + 1];
    int count = 0;
    for (int i = 0; i < pieces.length; i++) {
      String piece = pieces[i];
      if (piece.indexOf('.') >= 0) {
        byte[] quad = i == pieces.length - 1 && quadAllowedAtEnd ? ipv4(piece) : null;
        if (quad == null) {
          return null;
        }
        groups[count++] = ((quad[0] & 0xff) << 8) | (quad[1] & 0xff);
        groups[count++] = ((quad[2] & 0xff) << 8) | (quad[3] & 0xff);
        continue;
      }
      if (piece.isEmpty() || piece.length() > 4) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < piece.length(); j++) {
        int digit = Character.digit(piece.charAt(j), 16);
        if (digit < 0 || piece.charAt(j) > 'f') {
          return null;
        }
        value = value * 16 + digit;
      }
      groups[count++] = value;
    }
    return Arrays.copyOf(groups, count);
  }

  private static byte[] unmapped(byte[] address) {
    if (address.length != 16) {
      return address;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return address;
      }
    }
    if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return address;
    }
    return Arrays.copyOfRange(address, 12, 16);
  }
}
