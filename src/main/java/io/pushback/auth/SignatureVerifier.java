package io.pushback.auth;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * An HMAC of the raw body bytes, exactly as received, in a header of configurable name. The
 * reference value is {@code Base64(HMAC-SHA256(secret, body))}, standard alphabet with padding, as
 * the source documents' code computes.
 */
final class SignatureVerifier implements Verifier {
  private final SecuritySettings.Signature settings;

  SignatureVerifier(SecuritySettings.Signature settings) {
    this.settings = settings;
  }

  @Override
  public Verdict verify(InboundRequest request) {
    Optional<Verdict.Rejected> unusable = request.headers().requireSingle(settings.header());
    if (unusable.isPresent()) {
      return unusable.get();
    }
    String value = request.headers().single(settings.header()).orElseThrow().value().strip();
    String prefix = settings.prefix();
    if (!value.startsWith(prefix)) {
      return Verdict.rejected(Verdict.Reason.MALFORMED);
    }
    HmacAlgorithm algorithm = settings.algorithm();
    Optional<byte[]> presented =
        settings.encoding().decode(value.substring(prefix.length()), algorithm.macLength());
    if (presented.isEmpty()) {
      return Verdict.rejected(Verdict.Reason.MALFORMED);
    }
    byte[] expected = algorithm.sign(settings.secret().bytes(), request.body());
    return MessageDigest.isEqual(presented.get(), expected)
        ? Verdict.accepted()
        : Verdict.rejected(Verdict.Reason.MISMATCH);
  }

  @Override
  public Set<String> credentialHeaders() {
    return Set.of(HeaderNames.normalize(settings.header()));
  }

  @Override
  public Optional<String> challenge() {
    return Optional.empty();
  }
}
