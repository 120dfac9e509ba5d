package io.pushback.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TrustedProxiesTest {
  private static final TrustedProxies PROXIES =
      new TrustedProxies(
          List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("127.0.0.1"), Cidr.parse("fd00::/8")));

  private static ClientOrigin derive(String peer, Map<String, List<String>> headers) {
    return derive(PROXIES, peer, false, headers);
  }

  private static ClientOrigin derive(
      TrustedProxies proxies, String peer, boolean secure, Map<String, List<String>> headers) {
    Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return proxies.derive(peer, secure, name -> byName.getOrDefault(name, List.of()));
  }

  private static ClientOrigin.Derived client(String address, boolean secure) {
    return new ClientOrigin.Derived(address, IpAddress.parse(address), secure);
  }

  @Test
  void untrustedPeerIsTheClientWhateverItSends() {
    Map<String, List<String>> spoofed =
        Map.of(
            "X-Forwarded-For", List.of("10.0.0.1"),
            "X-Forwarded-Proto", List.of("https"));
    assertThat(derive("198.51.100.9", spoofed)).isEqualTo(client("198.51.100.9", false));
    assertThat(derive("198.51.100.9", Map.of("Forwarded", List.of("for=10.0.0.1;proto=https"))))
        .isEqualTo(client("198.51.100.9", false));
  }

  @Test
  void noProxiesTrustedMeansThePeerEvenFromLoopback() {
    assertThat(
            derive(
                TrustedProxies.NONE,
                "127.0.0.1",
                false,
                Map.of("X-Forwarded-For", List.of("203.0.113.5"))))
        .isEqualTo(client("127.0.0.1", false));
  }

  @Test
  void trustedPeerWithoutHeadersIsTheClient() {
    assertThat(derive(PROXIES, "10.1.1.1", true, Map.of())).isEqualTo(client("10.1.1.1", true));
  }

  @Test
  void xForwardedForFromATrustedPeerNamesTheClient() {
    Map<String, List<String>> headers =
        Map.of("X-Forwarded-For", List.of("203.0.113.5"), "X-Forwarded-Proto", List.of("https"));
    assertThat(derive("10.0.0.2", headers)).isEqualTo(client("203.0.113.5", true));
  }

  @Test
  void walksFromTheRightPastTrustedProxiesToTheFirstUntrustedAddress() {
    Map<String, List<String>> headers =
        Map.of("X-Forwarded-For", List.of("192.0.2.66, 203.0.113.5, 10.0.0.3", "10.0.0.4"));
    // 192.0.2.66 was written by the client itself: only the first untrusted hop counts.
    assertThat(derive("10.0.0.2", headers)).isEqualTo(client("203.0.113.5", false));
  }

  @Test
  void spoofedGarbageLeftOfTheClientIsNeverRead() {
    Map<String, List<String>> headers =
        Map.of("X-Forwarded-For", List.of("not an address, 203.0.113.5"));
    assertThat(derive("10.0.0.2", headers)).isEqualTo(client("203.0.113.5", false));
  }

  @Test
  void chainOfOnlyTrustedProxiesEndsAtTheLeftmost() {
    Map<String, List<String>> headers = Map.of("X-Forwarded-For", List.of("10.0.0.9, 10.0.0.8"));
    assertThat(derive("10.0.0.2", headers)).isEqualTo(client("10.0.0.9", false));
  }

  @Test
  void xForwardedForAcceptsPortsAndBracketedIpv6() {
    assertThat(derive("10.0.0.2", Map.of("X-Forwarded-For", List.of("203.0.113.5:4711"))))
        .isEqualTo(client("203.0.113.5", false));
    assertThat(derive("10.0.0.2", Map.of("X-Forwarded-For", List.of("[2001:db8::1]:4711"))))
        .isEqualTo(client("2001:db8::1", false));
    assertThat(derive("10.0.0.2", Map.of("X-Forwarded-For", List.of("2001:DB8::1"))))
        .isEqualTo(client("2001:db8::1", false));
  }

  @Test
  void protoListPairsWithTheAddresses() {
    Map<String, List<String>> headers =
        Map.of(
            "X-Forwarded-For", List.of("203.0.113.5, 10.0.0.3"),
            "X-Forwarded-Proto", List.of("https, http"));
    assertThat(derive("10.0.0.2", headers)).isEqualTo(client("203.0.113.5", true));
  }

  @Test
  void protoAloneSetsTheSchemeOfThePeer() {
    assertThat(derive("127.0.0.1", Map.of("X-Forwarded-Proto", List.of("HTTPS"))))
        .isEqualTo(client("127.0.0.1", true));
    assertThat(derive("127.0.0.1", Map.of("Forwarded", List.of("proto=https"))))
        .isEqualTo(client("127.0.0.1", true));
  }

  @Test
  void forwardedWithQuotedIpv6AndPort() {
    Map<String, List<String>> headers =
        Map.of("Forwarded", List.of("for=\"[2001:db8:cafe::17]:4711\";proto=https;by=10.0.0.2"));
    assertThat(derive("10.0.0.2", headers)).isEqualTo(client("2001:db8:cafe::17", true));
  }

  @Test
  void forwardedWalksElementsAndTakesTheProtoOfTheHopThatSawTheClient() {
    Map<String, List<String>> headers =
        Map.of(
            "Forwarded",
            List.of("for=192.0.2.66;proto=http, For=203.0.113.5;Proto=https", "for=10.0.0.3"));
    assertThat(derive("10.0.0.2", headers)).isEqualTo(client("203.0.113.5", true));
  }

  @Test
  void forwardedAcceptsCaseInsensitiveNamesAndEmptyElements() {
    Map<String, List<String>> headers = Map.of("Forwarded", List.of(" , FOR=203.0.113.5 ,"));
    assertThat(derive("fd00::1", headers)).isEqualTo(client("203.0.113.5", false));
  }

  @Test
  void unknownAndObfuscatedClientsHaveNoAddress() {
    assertThat(derive("10.0.0.2", Map.of("Forwarded", List.of("for=unknown;proto=https"))))
        .isEqualTo(new ClientOrigin.Derived("unknown", Optional.empty(), true));
    assertThat(derive("10.0.0.2", Map.of("Forwarded", List.of("for=_hidden"))))
        .isEqualTo(new ClientOrigin.Derived("_hidden", Optional.empty(), false));
  }

  @Test
  void bracketedAndZonedPeersAreRecognised() {
    TrustedProxies loopback = new TrustedProxies(List.of(Cidr.parse("::1")));
    Map<String, List<String>> headers = Map.of("X-Forwarded-For", List.of("203.0.113.5"));
    assertThat(derive(loopback, "[::1]", false, headers)).isEqualTo(client("203.0.113.5", false));
    assertThat(derive(loopback, "0:0:0:0:0:0:0:1%0", false, headers))
        .isEqualTo(client("203.0.113.5", false));
  }

  @Test
  void bothHeaderStylesFromATrustedPeerAreRefused() {
    Map<String, List<String>> headers =
        Map.of(
            "Forwarded", List.of("for=203.0.113.5"),
            "X-Forwarded-For", List.of("198.51.100.1"));
    assertThat(derive("10.0.0.2", headers)).isInstanceOf(ClientOrigin.Malformed.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "for=",
        "for=\"\"",
        "for",
        "=203.0.113.5",
        "for=203.0.113.5;for=198.51.100.1",
        "for=\"[2001:db8::1]:4711",
        "for=\"[2001:db8::1]x\"",
        "for=\"[203.0.113.5]\"",
        "for=203.0.113.5 junk",
        "for=203.0.113.5:99999999",
        "for=example.com",
        "for=256.0.0.1",
        "for=203.0.113.5;proto=ht%tp",
        "proto=1https",
        "fo r=203.0.113.5"
      })
  void malformedForwardedFromATrustedPeerIsReported(String value) {
    assertThat(derive("10.0.0.2", Map.of("Forwarded", List.of(value))))
        .isInstanceOf(ClientOrigin.Malformed.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "203.0.113.5:port", "[203.0.113.5]", "1.2.3", "::1::2"})
  void malformedXForwardedForFromATrustedPeerIsReported(String value) {
    assertThat(derive("10.0.0.2", Map.of("X-Forwarded-For", List.of(value))))
        .isInstanceOf(ClientOrigin.Malformed.class);
  }

  @Test
  void protoListThatDoesNotPairIsReported() {
    Map<String, List<String>> headers =
        Map.of(
            "X-Forwarded-For", List.of("203.0.113.5, 10.0.0.3, 10.0.0.4"),
            "X-Forwarded-Proto", List.of("https, http"));
    assertThat(derive("10.0.0.2", headers)).isInstanceOf(ClientOrigin.Malformed.class);
  }

  @Test
  void malformedProblemNamesTheHeaderButNotItsValue() {
    ClientOrigin origin = derive("10.0.0.2", Map.of("X-Forwarded-For", List.of("secret-host")));
    assertThat(origin)
        .isInstanceOfSatisfying(
            ClientOrigin.Malformed.class,
            m -> assertThat(m.problem()).doesNotContain("secret-host"));
  }
}
