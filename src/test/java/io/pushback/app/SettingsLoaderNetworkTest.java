package io.pushback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushback.auth.InvalidSettingException;
import io.pushback.network.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code PUSHBACK_REQUIRE_HTTPS} and {@code PUSHBACK_TRUSTED_PROXIES}, parsed once at start. */
final class SettingsLoaderNetworkTest {

  private static Settings load(Map<String, String> values) {
    return new SettingsLoader(List.of(values::get)).load();
  }

  @Test
  void defaultsRequireNoHttpsAndTrustNoProxy() {
    Settings settings = load(Map.of());
    assertThat(settings.requireHttps()).isFalse();
    assertThat(settings.trustedProxies().networks()).isEmpty();
  }

  @Test
  void readsRequireHttpsInAnyCase() {
    assertThat(load(Map.of(Settings.REQUIRE_HTTPS, "TRUE")).requireHttps()).isTrue();
    assertThat(load(Map.of(Settings.REQUIRE_HTTPS, " false ")).requireHttps()).isFalse();
  }

  @Test
  void refusesARequireHttpsThatIsNotABoolean() {
    assertThatThrownBy(() -> load(Map.of(Settings.REQUIRE_HTTPS, "yes")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("PUSHBACK_REQUIRE_HTTPS: expected true or false but found 'yes'");
  }

  @Test
  void readsTrustedProxiesAsAddressesAndNetworks() {
    Settings settings = load(Map.of(Settings.TRUSTED_PROXIES, "10.0.0.0/8, 127.0.0.1 ,fd00::/8"));
    assertThat(settings.trustedProxies().networks())
        .map(Cidr::toString)
        .containsExactly("10.0.0.0/8", "127.0.0.1/32", "fd00::/8");
  }

  @Test
  void refusesATrustedProxyNamingTheEntry() {
    assertThatThrownBy(() -> load(Map.of(Settings.TRUSTED_PROXIES, "10.0.0.0/8,proxy.internal")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith(
            "PUSHBACK_TRUSTED_PROXIES: entry 2: 'proxy.internal' is not a network");
    assertThatThrownBy(() -> load(Map.of(Settings.TRUSTED_PROXIES, "10.0.0.0/8,,127.0.0.1")))
        .hasMessage("PUSHBACK_TRUSTED_PROXIES: entry 2 is empty; expected an address or CIDR");
    assertThatThrownBy(() -> load(Map.of(Settings.TRUSTED_PROXIES, "10.0.0.1/8")))
        .hasMessageContaining("did you mean 10.0.0.0/8?");
  }
}
