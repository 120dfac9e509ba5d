package io.pushback.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP Basic: {@code Authorization: Basic base64(user:password)}. A header literally named {@code
 * HTTP_AUTHORIZATION} (the CGI spelling) may carry the Base64 value without the scheme.
 */
final class BasicVerifier implements Verifier {
  private static final String SCHEME = "Basic";

  private final byte[] username;
  private final Secret password;

  BasicVerifier(SecuritySettings.Basic settings) {
    this.username = settings.username().getBytes(StandardCharsets.UTF_8);
    this.password = settings.password();
  }

  @Override
  public Verdict verify(InboundRequest request) {
    Optional<Verdict.Rejected> unusable =
        request.headers().requireSingle(HeaderNames.AUTHORIZATION);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    RequestHeaders.Header header =
        request.headers().single(HeaderNames.AUTHORIZATION).orElseThrow();
    Optional<String> encoded = encodedCredentials(header);
    if (encoded.isEmpty()) {
      return Verdict.rejected(
          AuthorizationHeader.parse(header.value()).isPresent()
              ? Verdict.Reason.WRONG_SCHEME
              : Verdict.Reason.MALFORMED);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded.get());
    } catch (IllegalArgumentException e) {
      return Verdict.rejected(Verdict.Reason.MALFORMED);
    }
    int colon = indexOf(decoded, (byte) ':');
    if (colon < 0) {
      return Verdict.rejected(Verdict.Reason.MALFORMED);
    }
    boolean userMatches = MessageDigest.isEqual(Arrays.copyOfRange(decoded, 0, colon), username);
    boolean passwordMatches =
        password.matches(Arrays.copyOfRange(decoded, colon + 1, decoded.length));
    return userMatches & passwordMatches
        ? Verdict.accepted()
        : Verdict.rejected(Verdict.Reason.MISMATCH);
  }

  private static Optional<String> encodedCredentials(RequestHeaders.Header header) {
    Optional<AuthorizationHeader> parsed = AuthorizationHeader.parse(header.value());
    if (parsed.isPresent()) {
      return parsed.filter(p -> p.hasScheme(SCHEME)).map(AuthorizationHeader::credentials);
    }
    String value = header.value().strip();
    boolean cgiSpelling =
        header.name().strip().replace('-', '_').equalsIgnoreCase(HeaderNames.CGI_AUTHORIZATION);
    return cgiSpelling && !value.isEmpty() && value.indexOf(' ') < 0
        ? Optional.of(value)
        : Optional.empty();
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<String> credentialHeaders() {
    return Set.of(HeaderNames.normalize(HeaderNames.AUTHORIZATION));
  }

  @Override
  public Optional<String> challenge() {
    return Optional.of("Basic realm=\"pushback\", charset=\"UTF-8\"");
  }
}
