package io.pushback.network;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The proxies whose forwarding headers are believed, and the derivation of a request's client from
 * them. Headers are read only when the direct peer is trusted; the chain is walked from the right,
 * past trusted proxies, to the first address that is not trusted: that is the client, and the
 * scheme is what the hop that saw it reported. A peer that is not trusted is the client, whatever
 * headers it sent. Immutable and thread-safe.
 *
 * <p>RFC 7239 {@code Forwarded} and {@code X-Forwarded-For}/{@code X-Forwarded-Proto} are both
 * understood, but not together: a trusted peer that sends both is refused, because a proxy that
 * sets one style passes the other through from the client unchecked.
 */
public final class TrustedProxies {
  public static final String FORWARDED = "Forwarded";
  public static final String X_FORWARDED_FOR = "X-Forwarded-For";
  public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

  /** No proxy is trusted: every peer is the client. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<Cidr> networks;

  public TrustedProxies(List<Cidr> networks) {
    this.networks = List.copyOf(networks);
  }

  public List<Cidr> networks() {
    return networks;
  }

  public boolean trusts(IpAddress address) {
    return networks.stream().anyMatch(network -> network.contains(address));
  }

  /**
   * Derives the client of a request.
   *
   * @param peer the direct peer's address as the container reports it ({@code getRemoteAddr()});
   *     brackets and an IPv6 zone are tolerated
   * @param peerSecure whether the peer connected over TLS
   * @param headers every value of a header, by case-insensitive name; empty when absent
   */
  public ClientOrigin derive(
      String peer, boolean peerSecure, Function<String, List<String>> headers) {
    Optional<IpAddress> peerIp = peerAddress(peer);
    ClientOrigin.Derived direct =
        new ClientOrigin.Derived(peerIp.map(IpAddress::toString).orElse(peer), peerIp, peerSecure);
    if (peerIp.isEmpty() || !trusts(peerIp.get())) {
      return direct;
    }
    List<String> forwarded = headers.apply(FORWARDED);
    List<String> forwardedFor = headers.apply(X_FORWARDED_FOR);
    List<String> forwardedProto = headers.apply(X_FORWARDED_PROTO);
    boolean standard = !forwarded.isEmpty();
    boolean legacy = !forwardedFor.isEmpty() || !forwardedProto.isEmpty();
    try {
      if (standard && legacy) {
        throw new ForwardedHeaders.MalformedException(
            "both Forwarded and X-Forwarded-* headers are present");
      }
      List<ForwardedHop> hops =
          standard
              ? ForwardedHeaders.forwarded(forwarded)
              : ForwardedHeaders.xForwarded(forwardedFor, forwardedProto);
      return walk(direct, hops);
    } catch (ForwardedHeaders.MalformedException e) {
      return new ClientOrigin.Malformed(e.getMessage());
    }
  }

  private ClientOrigin.Derived walk(ClientOrigin.Derived peer, List<ForwardedHop> hops)
      throws ForwardedHeaders.MalformedException {
    ClientOrigin.Derived current = peer;
    boolean secure = peer.secure();
    for (int i = hops.size() - 1; i >= 0; i--) {
      ForwardedHop hop = hops.get(i);
      if (hop.proto().isPresent()) {
        secure = ForwardedHeaders.secure(hop.proto().get());
      }
      if (hop.forValue().isEmpty()) {
        break;
      }
      current = ForwardedHeaders.node(hop.forValue().get(), secure);
      if (current.ip().isEmpty() || !trusts(current.ip().get())) {
        break;
      }
    }
    return new ClientOrigin.Derived(current.address(), current.ip(), secure);
  }

  private static Optional<IpAddress> peerAddress(String peer) {
    if (peer == null) {
      return Optional.empty();
    }
    String address = peer;
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    int zone = address.indexOf('%');
    return IpAddress.parse(zone >= 0 ? address.substring(0, zone) : address);
  }

  @Override
  public String toString() {
    return networks.toString();
  }
}
