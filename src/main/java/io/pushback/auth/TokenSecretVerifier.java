package io.pushback.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Access-Token} and {@code Access-Secret} headers (any spelling; see {@link HeaderNames}).
 */
final class TokenSecretVerifier implements Verifier {
  private final Secret token;
  private final Secret secret;

  TokenSecretVerifier(SecuritySettings.TokenSecret settings) {
    this.token = settings.token();
    this.secret = settings.secret();
  }

  @Override
  public Verdict verify(InboundRequest request) {
    RequestHeaders headers = request.headers();
    Optional<Verdict.Rejected> unusable =
        headers.requireSingle(HeaderNames.ACCESS_TOKEN, HeaderNames.ACCESS_SECRET);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    boolean tokenMatches = token.matches(valueBytes(headers, HeaderNames.ACCESS_TOKEN));
    boolean secretMatches = secret.matches(valueBytes(headers, HeaderNames.ACCESS_SECRET));
    return tokenMatches & secretMatches
        ? Verdict.accepted()
        : Verdict.rejected(Verdict.Reason.MISMATCH);
  }

  private static byte[] valueBytes(RequestHeaders headers, String name) {
    return headers.single(name).orElseThrow().value().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Set<String> credentialHeaders() {
    return Set.of(
        HeaderNames.normalize(HeaderNames.ACCESS_TOKEN),
        HeaderNames.normalize(HeaderNames.ACCESS_SECRET));
  }

  @Override
  public Optional<String> challenge() {
    return Optional.empty();
  }
}
