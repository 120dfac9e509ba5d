package io.pushback.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class NetworkPolicyTest {

  @Test
  void requireHttpsFollowsTheDeploymentUnlessSet() {
    assertThat(NetworkPolicy.DEFAULT.requiresHttps(true)).isTrue();
    assertThat(NetworkPolicy.DEFAULT.requiresHttps(false)).isFalse();
    assertThat(new NetworkPolicy(Optional.of(false), List.of()).requiresHttps(true)).isFalse();
    assertThat(new NetworkPolicy(Optional.of(true), List.of()).requiresHttps(false)).isTrue();
  }

  @Test
  void emptyAllowlistAllowsAnyClientEvenAnUnknownOne() {
    assertThat(NetworkPolicy.DEFAULT.allows(Optional.empty())).isTrue();
    assertThat(NetworkPolicy.DEFAULT.allows(IpAddress.parse("203.0.113.5"))).isTrue();
  }

  @Test
  void allowlistAllowsItsNetworksOnlyAndNeverAnUnknownClient() {
    NetworkPolicy policy =
        new NetworkPolicy(
            Optional.empty(), List.of(Cidr.parse("203.0.113.0/24"), Cidr.parse("2001:db8::/32")));
    assertThat(policy.allows(IpAddress.parse("203.0.113.5"))).isTrue();
    assertThat(policy.allows(IpAddress.parse("2001:db8:1::5"))).isTrue();
    assertThat(policy.allows(IpAddress.parse("198.51.100.5"))).isFalse();
    assertThat(policy.allows(IpAddress.parse("2001:db9::5"))).isFalse();
    assertThat(policy.allows(Optional.empty())).isFalse();
  }

  @Test
  void refusesMoreThanTheLargestAllowlist() {
    List<Cidr> networks =
        Collections.nCopies(NetworkPolicy.MAX_ALLOWED_NETWORKS + 1, Cidr.parse("10.0.0.0/8"));
    assertThatThrownBy(() -> new NetworkPolicy(Optional.empty(), networks))
        .isInstanceOf(InvalidNetworkException.class);
  }
}
