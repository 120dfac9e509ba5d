package io.pushback.endpoint;

import io.pushback.auth.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The secret values of one credential of an endpoint, by field name. Several may be active at once
 * during a rotation; each is valid from its creation until its optional {@code notAfter}. Read back
 * from the store, HMAC keys are plain secrets and every other secret is hashed ({@link
 * Secret#isHashed()}): see {@link CredentialVault}. {@link #toString()} hides the values.
 */
public record Credential(
    long id,
    long endpointId,
    Map<String, Secret> secrets,
    Instant createdAt,
    Optional<Instant> notAfter) {
  public Credential {
    secrets = Map.copyOf(secrets);
  }

  /** Whether this credential may be used at {@code now}. */
  public boolean activeAt(Instant now) {
    return notAfter.map(now::isBefore).orElse(true);
  }

  @Override
  public String toString() {
    return "Credential[id="
        + id
        + ", endpointId="
        + endpointId
        + ", fields="
        + secrets.keySet()
        + "]";
  }
}
