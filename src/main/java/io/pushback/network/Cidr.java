package io.pushback.network;

import java.util.Objects;

/**
 * An IPv4 or IPv6 network in CIDR notation, such as {@code 203.0.113.0/24} or {@code
 * 2001:db8::/32}; a bare address is a network of one ({@code /32} or {@code /128}). Parsed once at
 * the edge (settings, admin API, store) and immutable after.
 *
 * <p>An IPv4-mapped IPv6 address counts as IPv4 (see {@link IpAddress}), so IPv4 networks are
 * written in IPv4 notation.
 *
 * @param network the network's first address: no bit is set after the prefix
 * @param prefixLength how many leading bits an address must share with {@code network}
 */
public record Cidr(IpAddress network, int prefixLength) {
  public Cidr {
    Objects.requireNonNull(network, "network");
    if (prefixLength < 0 || prefixLength > network.bitLength()) {
      throw new InvalidNetworkException(
          "the prefix length must be from 0 to "
              + network.bitLength()
              + " for "
              + (network.isIpv4() ? "IPv4" : "IPv6")
              + " but is "
              + prefixLength);
    }
    if (!network.masked(prefixLength).equals(network)) {
      throw new InvalidNetworkException(
          network + "/" + prefixLength + " has address bits set after the prefix");
    }
  }

  /**
   * The network {@code text} spells; throws {@link InvalidNetworkException} with a message that
   * quotes the text and says what is wrong. Host names are refused, never resolved.
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
    IpAddress address =
        IpAddress.parse(addressText)
            .orElseThrow(
                () ->
                    new InvalidNetworkException(
                        "'"
                            + text
                            + "' is not a network: expected an IPv4 or IPv6 address literal,"
                            + " optionally with /prefix, such as 203.0.113.0/24 or 2001:db8::/32"));
    if (slash < 0) {
      return new Cidr(address, address.bitLength());
    }
    String prefix = trimmed.substring(slash + 1);
    if (!prefix.matches("0|[1-9][0-9]{0,2}")) {
      throw new InvalidNetworkException(
          "'" + text + "' has no valid prefix length after '/': expected a whole number");
    }
    int length = Integer.parseInt(prefix);
    if (length > address.bitLength()) {
      throw new InvalidNetworkException(
          "'"
              + text
              + "': the prefix length must be from 0 to "
              + address.bitLength()
              + " for an "
              + (address.isIpv4() ? "IPv4" : "IPv6")
              + " network");
    }
    IpAddress network = address.masked(length);
    if (!network.equals(address)) {
      throw new InvalidNetworkException(
          "'"
              + text
              + "' has address bits set after the /"
              + length
              + " prefix; did you mean "
              + network
              + "/"
              + length
              + "?");
    }
    return new Cidr(address, length);
  }

  /** Whether {@code address} is in this network; an address of the other family never is. */
  public boolean contains(IpAddress address) {
    if (address.isIpv4() != network.isIpv4()) {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      if (address.bit(bit) != network.bit(bit)) {
        return false;
      }
    }
    return true;
  }

  /** The canonical notation, always with the prefix length. */
  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }
}
