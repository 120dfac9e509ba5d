package io.pushback.auth;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HMAC of the signed content in a header of configurable name. The reference value is {@code
 * Base64(HMAC-SHA256(secret, body))} over the raw body bytes, standard alphabet with padding, as
 * the source documents' code computes. With a timestamp header the timestamp is signed too, and a
 * signature older or newer than the tolerance is {@link Verdict.Reason#STALE}.
 */
final class SignatureVerifier implements Verifier {
  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

  private final SecuritySettings.Signature settings;
  private final Clock clock;

  SignatureVerifier(SecuritySettings.Signature settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Verdict verify(InboundRequest request) {
    RequestHeaders headers = request.headers();
    Optional<Verdict.Rejected> unusable = headers.requireSingle(settings.header());
    if (unusable.isPresent()) {
      return unusable.get();
    }
    String value = headers.single(settings.header()).orElseThrow().value().strip();
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
    String timestamp = "";
    if (settings.timestampHeader().isPresent()) {
      Optional<Verdict.Rejected> problem =
          checkTimestamp(headers, settings.timestampHeader().get());
      if (problem.isPresent()) {
        return problem.get();
      }
      timestamp = headers.single(settings.timestampHeader().get()).orElseThrow().value().strip();
    }
    String id = "";
    if (settings.idHeader().isPresent() && settings.signedContent().usesId()) {
      Optional<Verdict.Rejected> problem = headers.requireSingle(settings.idHeader().get());
      if (problem.isPresent()) {
        return problem.get();
      }
      id = headers.single(settings.idHeader().get()).orElseThrow().value().strip();
    }
    byte[] content = settings.signedContent().render(id, timestamp, request.body());
    byte[] expected = algorithm.sign(settings.secret().bytes(), content);
    return MessageDigest.isEqual(presented.get(), expected)
        ? Verdict.accepted()
        : Verdict.rejected(Verdict.Reason.MISMATCH);
  }

  /** The timestamp must be one header of epoch seconds within the tolerance of now, either way. */
  private Optional<Verdict.Rejected> checkTimestamp(RequestHeaders headers, String name) {
    Optional<Verdict.Rejected> unusable = headers.requireSingle(name);
    if (unusable.isPresent()) {
      return unusable;
    }
    String value = headers.single(name).orElseThrow().value().strip();
    if (!EPOCH_SECONDS.matcher(value).matches()) {
      return Optional.of(Verdict.rejected(Verdict.Reason.MALFORMED));
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(value));
    return skew > settings.toleranceSeconds()
        ? Optional.of(Verdict.rejected(Verdict.Reason.STALE))
        : Optional.empty();
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
