package io.pushback.auth;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An HMAC of the signed content in a header of configurable name and format. The reference value is
 * {@code Base64(HMAC-SHA256(secret, body))} over the raw body bytes, standard alphabet with
 * padding, as the source documents' code computes. With a timestamp the timestamp is signed too,
 * and a signature older or newer than the tolerance is {@link Verdict.Reason#STALE}. A header that
 * presents several MACs (a list, or Stripe's {@code v1=} elements) is accepted when any one
 * matches; every one is compared, each in constant time.
 */
final class SignatureVerifier implements Verifier {
  private final SecuritySettings.Signature settings;
  private final List<SignatureHeaders> families;

  /** The key set up once: signing a request does no key parsing and no {@code Mac} setup. */
  private final HmacAlgorithm.Keyed mac;

  private final Clock clock;

  SignatureVerifier(SecuritySettings.Signature settings, Clock clock) {
    this.settings = settings;
    SignatureHeaders own = settings.headers();
    this.families =
        settings
            .preset()
            .flatMap(preset -> preset.alternateFor(own))
            .map(alternate -> List.of(own, alternate))
            .orElse(List.of(own));
    this.mac = settings.algorithm().keyed(settings.key());
    this.clock = clock;
  }

  @Override
  public Verdict verify(InboundRequest request) {
    RequestHeaders headers = request.headers();
    List<SignatureHeaders> present =
        families.stream().filter(family -> family.presentIn(headers) > 0).toList();
    if (present.size() > 1 && !present.get(0).agreesWith(present.get(1), headers)) {
      return Verdict.rejected(Verdict.Reason.DUPLICATED);
    }
    SignatureHeaders names = present.isEmpty() ? families.get(0) : present.get(0);
    Optional<Verdict.Rejected> unusable = headers.requireSingle(names.signature());
    if (unusable.isPresent()) {
      return unusable.get();
    }
    String value = headers.single(names.signature()).orElseThrow().value().strip();
    HmacAlgorithm algorithm = settings.algorithm();
    Optional<SignatureFormat.Presented> presented =
        settings
            .format()
            .parse(value, settings.prefix(), settings.encoding(), algorithm.macLength());
    if (presented.isEmpty()) {
      return Verdict.rejected(Verdict.Reason.MALFORMED);
    }
    String timestamp = "";
    if (settings.timestamped()) {
      Optional<String> sent = presented.get().timestamp();
      if (sent.isEmpty()) {
        Optional<Verdict.Rejected> problem = headers.requireSingle(names.timestamp().orElseThrow());
        if (problem.isPresent()) {
          return problem.get();
        }
        sent = Optional.of(headers.single(names.timestamp().get()).orElseThrow().value().strip());
      }
      Optional<Verdict.Rejected> problem = checkTimestamp(sent.get());
      if (problem.isPresent()) {
        return problem.get();
      }
      timestamp = sent.get();
    }
    String id = "";
    if (names.id().isPresent() && settings.signedContent().usesId()) {
      Optional<Verdict.Rejected> problem = headers.requireSingle(names.id().get());
      if (problem.isPresent()) {
        return problem.get();
      }
      id = headers.single(names.id().get()).orElseThrow().value().strip();
    }
    byte[] expected = mac.sign(settings.signedContent().pieces(id, timestamp, request.body()));
    boolean matched = false;
    for (byte[] candidate : presented.get().macs()) {
      matched |= MessageDigest.isEqual(candidate, expected);
    }
    return matched ? Verdict.accepted() : Verdict.rejected(Verdict.Reason.MISMATCH);
  }

  /** The timestamp must be epoch seconds within the tolerance of now, either way. */
  private Optional<Verdict.Rejected> checkTimestamp(String value) {
    if (!SignatureFormat.EPOCH_SECONDS.matcher(value).matches()) {
      return Optional.of(Verdict.rejected(Verdict.Reason.MALFORMED));
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(value));
    return skew > settings.toleranceSeconds()
        ? Optional.of(Verdict.rejected(Verdict.Reason.STALE))
        : Optional.empty();
  }

  @Override
  public Set<String> credentialHeaders() {
    Set<String> names = new HashSet<>();
    for (SignatureHeaders family : families) {
      names.add(HeaderNames.normalize(family.signature()));
    }
    return Set.copyOf(names);
  }

  @Override
  public Optional<String> challenge() {
    return Optional.empty();
  }
}
