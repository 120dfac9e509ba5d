package io.pushback.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** OAuth2 bearer token (RFC 6750): {@code Authorization: Bearer <token>}. */
final class BearerVerifier implements Verifier {
  private static final String SCHEME = "Bearer";

  private final Secret token;

  BearerVerifier(SecuritySettings.Bearer settings) {
    this.token = settings.token();
  }

  @Override
  public Verdict verify(InboundRequest request) {
    Optional<Verdict.Rejected> unusable =
        request.headers().requireSingle(HeaderNames.AUTHORIZATION);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    String value = request.headers().single(HeaderNames.AUTHORIZATION).orElseThrow().value();
    Optional<AuthorizationHeader> parsed = AuthorizationHeader.parse(value);
    if (parsed.isEmpty()) {
      return Verdict.rejected(Verdict.Reason.MALFORMED);
    }
    if (!parsed.get().hasScheme(SCHEME)) {
      return Verdict.rejected(Verdict.Reason.WRONG_SCHEME);
    }
    return token.matches(parsed.get().credentials().getBytes(StandardCharsets.UTF_8))
        ? Verdict.accepted()
        : Verdict.rejected(Verdict.Reason.MISMATCH);
  }

  @Override
  public Set<String> credentialHeaders() {
    return Set.of(HeaderNames.normalize(HeaderNames.AUTHORIZATION));
  }

  @Override
  public Optional<String> challenge() {
    return Optional.of("Bearer realm=\"pushback\"");
  }
}
