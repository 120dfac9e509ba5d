package io.pushback.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 192.0.2.1",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "::, ::",
    "::1, ::1",
    "1::, 1::",
    "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "::ffff:192.0.2.1, 192.0.2.1",
    "64:ff9b::192.0.2.1, 64:ff9b::c000:201",
    "0:0:0:0:0:0:0:1, ::1"
  })
  void parsesLiteralsToCanonicalText(String text, String canonical) {
    assertThat(IpAddress.parse(text)).map(IpAddress::toString).contains(canonical);
  }

  @Test
  void equalAddressesSpelledDifferentlyAreEqual() {
    assertThat(IpAddress.parse("2001:DB8::1")).isEqualTo(IpAddress.parse("2001:db8:0::0:1"));
    assertThat(IpAddress.parse("::ffff:10.0.0.1")).isEqualTo(IpAddress.parse("10.0.0.1"));
  }

  @Test
  void refusesNullEmptyAndOverlongText() {
    assertThat(IpAddress.parse(null)).isEmpty();
    assertThat(IpAddress.parse("")).isEmpty();
    assertThat(IpAddress.parse("1:".repeat(30))).isEmpty();
  }
}
