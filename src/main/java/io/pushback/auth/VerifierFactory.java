package io.pushback.auth;

import java.util.ArrayList;
import java.util.List;

/** The one place that maps security settings to their verifiers. */
public final class VerifierFactory {
  private VerifierFactory() {}

  /** The verifier for one credential. */
  public static Verifier create(SecuritySettings settings) {
    if (settings instanceof SecuritySettings.Basic basic) {
      return new BasicVerifier(basic);
    } else if (settings instanceof SecuritySettings.TokenSecret tokenSecret) {
      return new TokenSecretVerifier(tokenSecret);
    } else if (settings instanceof SecuritySettings.Signature signature) {
      return new SignatureVerifier(signature);
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
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("an endpoint needs at least one active credential");
    }
    if (credentials.size() == 1) {
      return create(credentials.get(0));
    }
    SecuritySettings first = credentials.get(0);
    List<Verifier> verifiers = new ArrayList<>(credentials.size());
    for (SecuritySettings credential : credentials) {
      if (credential.method() != first.method()
          || !credential.publicFields().equals(first.publicFields())) {
        throw new IllegalArgumentException(
            "credentials of one endpoint must share method and public settings");
      }
      verifiers.add(create(credential));
    }
    return new AnyCredentialVerifier(verifiers);
  }
}
