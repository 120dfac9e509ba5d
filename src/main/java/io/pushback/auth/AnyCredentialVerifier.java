package io.pushback.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accepts a request that any of several credentials of one method accepts: the active credentials
 * of an endpoint during a rotation. Every credential is tried, so the time taken does not reveal
 * which one matched.
 */
final class AnyCredentialVerifier implements Verifier {
  private final List<Verifier> verifiers;

  AnyCredentialVerifier(List<Verifier> verifiers) {
    this.verifiers = List.copyOf(verifiers);
  }

  @Override
  public Verdict verify(InboundRequest request) {
    Verdict first = null;
    boolean accepted = false;
    for (Verifier verifier : verifiers) {
      Verdict verdict = verifier.verify(request);
      accepted |= verdict.isAccepted();
      first = first == null ? verdict : first;
    }
    return accepted ? Verdict.accepted() : first;
  }

  @Override
  public Set<String> credentialHeaders() {
    return verifiers.get(0).credentialHeaders();
  }

  @Override
  public Optional<String> challenge() {
    return verifiers.get(0).challenge();
  }
}
