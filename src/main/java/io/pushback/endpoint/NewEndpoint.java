package io.pushback.endpoint;

import io.pushback.auth.SecurityMethod;
import io.pushback.network.NetworkPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** What an operator asks for when creating an endpoint; the store adds id, key and timestamps. */
public record NewEndpoint(
    long partnerId,
    OptionalLong siteId,
    String name,
    String saga,
    String sagaSettings,
    SecurityMethod securityMethod,
    Map<String, String> securitySettings,
    boolean enabled,
    OptionalLong maxBodyBytes,
    DeliveryMode mode,
    Optional<String> idempotencyHeader,
    NetworkPolicy network) {
  public NewEndpoint {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(saga, "saga");
    Objects.requireNonNull(sagaSettings, "sagaSettings");
    Objects.requireNonNull(securityMethod, "securityMethod");
    securitySettings = Map.copyOf(securitySettings);
    Objects.requireNonNull(maxBodyBytes, "maxBodyBytes");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(idempotencyHeader, "idempotencyHeader");
    Objects.requireNonNull(network, "network");
  }
}
