package io.pushback.network;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint's network policy: whether it demands HTTPS, and the networks its clients must come
 * from. Immutable.
 *
 * @param requireHttps whether plain HTTP is refused; empty to follow the deployment's setting
 * @param allowedNetworks the networks a client's address must be in; empty for any address
 */
public record NetworkPolicy(Optional<Boolean> requireHttps, List<Cidr> allowedNetworks) {
  /** The deployment's HTTPS setting, any address. */
  public static final NetworkPolicy DEFAULT = new NetworkPolicy(Optional.empty(), List.of());

  /** The most networks one endpoint may list. */
  public static final int MAX_ALLOWED_NETWORKS = 100;

  public NetworkPolicy {
    Objects.requireNonNull(requireHttps, "requireHttps");
    allowedNetworks = List.copyOf(allowedNetworks);
    if (allowedNetworks.size() > MAX_ALLOWED_NETWORKS) {
      throw new InvalidNetworkException(
          "at most " + MAX_ALLOWED_NETWORKS + " allowed networks, not " + allowedNetworks.size());
    }
  }

  /** Whether plain HTTP is refused, given the deployment's setting. */
  public boolean requiresHttps(boolean deploymentRequiresHttps) {
    return requireHttps.orElse(deploymentRequiresHttps);
  }

  /** Whether a client at {@code client} may deliver; an unknown address only when any may. */
  public boolean allows(Optional<IpAddress> client) {
    if (allowedNetworks.isEmpty()) {
      return true;
    }
    return client.isPresent() && allowedNetworks.stream().anyMatch(n -> n.contains(client.get()));
  }
}
