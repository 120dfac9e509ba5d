package io.pushback.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The one place that maps security settings to their verifiers. */
public final class VerifierFactory {
  private VerifierFactory() {}

  /** The verifier for one credential, reading time from the system clock. */
  public static Verifier create(SecuritySettings settings) {
    return create(settings, Clock.systemUTC());
  }

  /**
   * The verifier for one credential; {@code clock} decides whether a timestamped signature is
   * stale.
   */
  public static Verifier create(SecuritySettings settings, Clock clock) {
    if (settings instanceof SecuritySettings.Basic basic) {
      return new BasicVerifier(basic);
    } else if (settings instanceof SecuritySettings.TokenSecret tokenSecret) {
      return new TokenSecretVerifier(tokenSecret);
    } else if (settings instanceof SecuritySettings.Signature signature) {
      return new SignatureVerifier(signature, clock);
    } else if (settings instanceof SecuritySettings.Bearer bearer) {
      return new BearerVerifier(bearer);
    }
    throw new IllegalArgumentException(
        "unknown security settings " + settings.getClass().getName());
  }

  /**
   * The verifier that accepts any of {@code credentials}, which must be non-empty and all of one
   * method and one set of public settings (only the secrets differ between them).
   */
  public static Verifier anyOf(List<SecuritySettings> credentials) {
    return anyOf(credentials, Clock.systemUTC());
  }

  /** As {@link #anyOf(List)}, with {@code clock} for timestamped signatures. */
  public static Verifier anyOf(List<SecuritySettings> credentials, Clock clock) {
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("an endpoint needs at least one active credential");
    }
    if (credentials.size() == 1) {
      return create(credentials.get(0), clock);
    }
    SecuritySettings first = credentials.get(0);
    List<Verifier> verifiers = new ArrayList<>(credentials.size());
    for (SecuritySettings credential : credentials) {
      if (credential.method() != first.method()
          || !credential.publicFields().equals(first.publicFields())) {
        throw new IllegalArgumentException(
            "credentials of one endpoint must share method and public settings");
      }
      verifiers.add(create(credential, clock));
    }
    return new AnyCredentialVerifier(verifiers);
  }
}
