package io.pushback.endpoint;

import io.pushback.auth.SecurityMethod;
import io.pushback.auth.SecuritySettings;
import io.pushback.network.NetworkPolicy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A pushback endpoint: its owner (a site, or its partner when {@code siteId} is empty), its public
 * key, the saga it triggers and the security method it demands. Never holds secrets: those are
 * {@link Credential}s.
 *
 * @param securitySettings the method's public settings by field name, as {@code
 *     SecuritySettings.publicFields()}
 * @param sagaSettings the saga's settings as a JSON object text
 * @param maxBodyBytes the endpoint's own body limit, or empty for the deployment's
 * @param mode whether the sender waits for the saga
 * @param idempotencyHeader the header whose value deduplicates deliveries, if any
 * @param network whether it demands HTTPS and which client networks it accepts
 */
public record Endpoint(
    long id,
    long partnerId,
    OptionalLong siteId,
    String name,
    String key,
    String saga,
    String sagaSettings,
    SecurityMethod securityMethod,
    Map<String, String> securitySettings,
    boolean enabled,
    OptionalLong maxBodyBytes,
    DeliveryMode mode,
    Optional<String> idempotencyHeader,
    NetworkPolicy network,
    Instant createdAt,
    Instant updatedAt) {
  public Endpoint {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(key, "key");
    securitySettings = Map.copyOf(securitySettings);
    Objects.requireNonNull(maxBodyBytes, "maxBodyBytes");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(idempotencyHeader, "idempotencyHeader");
    Objects.requireNonNull(network, "network");
  }

  /** The path partners POST to, relative to the application. */
  public String path() {
    return "/pushback/" + key;
  }

  public boolean isPartnerEndpoint() {
    return siteId.isEmpty();
  }

  /**
   * The complete settings of one of this endpoint's credentials: its public security settings with
   * the credential's secrets. Throws {@link io.pushback.auth.InvalidSettingException} if the two do
   * not make valid settings.
   */
  public SecuritySettings securityWith(Credential credential) {
    Map<String, String> fields = new HashMap<>(securitySettings);
    fields.put(SecuritySettings.METHOD, securityMethod.wireName());
    if (securityMethod == SecurityMethod.SIGNATURE) {
      idempotencyHeader.ifPresent(header -> fields.putIfAbsent(SecuritySettings.ID_HEADER, header));
    }
    return SecuritySettings.parse(fields::get, credential.secrets());
  }
}
