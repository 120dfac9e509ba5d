package io.pushback.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class CidrTest {

  private static IpAddress ip(String text) {
    return IpAddress.parse(text).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({
    "203.0.113.0/24, 203.0.113.0/24",
    "10.1.2.3, 10.1.2.3/32",
    "0.0.0.0/0, 0.0.0.0/0",
    "2001:DB8::/32, 2001:db8::/32",
    "2001:db8:0:0:0:0:0:1, 2001:db8::1/128",
    "::/0, ::/0",
    "::1, ::1/128",
    "' 192.0.2.0/25 ', 192.0.2.0/25",
    "::ffff:192.0.2.1, 192.0.2.1/32"
  })
  void parsesToCanonicalNotation(String text, String canonical) {
    assertThat(Cidr.parse(text)).hasToString(canonical);
  }

  @Test
  void ipv4NetworkContainsItsRangeOnly() {
    Cidr network = Cidr.parse("203.0.113.0/24");
    assertThat(network.contains(ip("203.0.113.0"))).isTrue();
    assertThat(network.contains(ip("203.0.113.255"))).isTrue();
    assertThat(network.contains(ip("203.0.112.255"))).isFalse();
    assertThat(network.contains(ip("203.0.114.0"))).isFalse();
  }

  @Test
  void slash32AndSlash128AreOneAddress() {
    assertThat(Cidr.parse("192.0.2.7/32").contains(ip("192.0.2.7"))).isTrue();
    assertThat(Cidr.parse("192.0.2.7/32").contains(ip("192.0.2.6"))).isFalse();
    assertThat(Cidr.parse("2001:db8::7/128").contains(ip("2001:db8::7"))).isTrue();
    assertThat(Cidr.parse("2001:db8::7/128").contains(ip("2001:db8::8"))).isFalse();
  }

  @Test
  void slash0ContainsEveryAddressOfItsFamilyOnly() {
    assertThat(Cidr.parse("0.0.0.0/0").contains(ip("255.255.255.255"))).isTrue();
    assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
    assertThat(Cidr.parse("::/0").contains(ip("ffff::1"))).isTrue();
    assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
  }

  @Test
  void ipv6NetworkComparesBitsInsideAGroup() {
    Cidr network = Cidr.parse("2001:db8:8000::/33");
    assertThat(network.contains(ip("2001:db8:ffff::1"))).isTrue();
    assertThat(network.contains(ip("2001:db8:7fff::1"))).isFalse();
  }

  @Test
  void ipv4MappedAddressMatchesItsIpv4Network() {
    assertThat(Cidr.parse("127.0.0.0/8").contains(ip("::ffff:127.0.0.1"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "example.com",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.4/",
        "1.2.3.4/-1",
        "1.2.3.4/08",
        "1.2.3.4/24/8",
        "0x7f.0.0.1",
        "2001:db8:::1",
        "2001:db8::1::2",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::",
        "fe80::1%eth0",
        "[2001:db8::1]",
        "1.2.3.4::",
        "::1.2.3.4:5",
        "２.0.0.1"
      })
  void refusesWhatIsNotANetworkLiteral(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(InvalidNetworkException.class);
  }

  @Test
  void refusesAHostNameWithoutResolvingIt() {
    assertThatThrownBy(() -> Cidr.parse("localhost"))
        .hasMessageContaining("'localhost' is not a network")
        .hasMessageContaining("203.0.113.0/24");
  }

  @Test
  void refusesAPrefixTooLongForTheFamily() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .hasMessage("'10.0.0.0/33': the prefix length must be from 0 to 32 for an IPv4 network");
    assertThatThrownBy(() -> Cidr.parse("2001:db8::/129"))
        .hasMessage(
            "'2001:db8::/129': the prefix length must be from 0 to 128 for an IPv6 network");
  }

  @Test
  void refusesHostBitsAndSuggestsTheNetwork() {
    assertThatThrownBy(() -> Cidr.parse("203.0.113.7/24"))
        .hasMessage(
            "'203.0.113.7/24' has address bits set after the /24 prefix;"
                + " did you mean 203.0.113.0/24?");
    assertThatThrownBy(() -> Cidr.parse("2001:db8::1/32"))
        .hasMessageContaining("did you mean 2001:db8::/32?");
  }

  @Test
  void refusesAPrefixThatIsNotANumber() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/eight"))
        .hasMessage(
            "'10.0.0.0/eight' has no valid prefix length after '/': expected a whole number");
  }
}
