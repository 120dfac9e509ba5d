package io.pushback.web;

import io.pushback.auth.InboundRequest;
import io.pushback.auth.Resolution;
import io.pushback.auth.SecurityResolver;
import io.pushback.auth.Verdict;
import io.pushback.auth.Verifier;
import io.pushback.metrics.PushbackMetrics;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Measures from the server side what the filter does, so that the auth package needs no metrics:
 * notes when each pushback request was resolved (for the delivery log's {@code duration_ms}), and
 * hands the filter a verifier that times each credential check as {@value
 * PushbackMetrics#VERIFICATION}. Thread-safe.
 */
final class TimedResolver implements SecurityResolver {
  private static final String STARTED_ATTRIBUTE = TimedResolver.class.getName() + ".started";

  private final SecurityResolver resolver;
  private final PushbackMetrics metrics;

  TimedResolver(SecurityResolver resolver, PushbackMetrics metrics) {
    this.resolver = resolver;
    this.metrics = metrics;
  }

  @Override
  public Resolution resolve(HttpServletRequest request) {
    request.setAttribute(STARTED_ATTRIBUTE, System.nanoTime());
    Resolution resolution = resolver.resolve(request);
    if (resolution instanceof Resolution.Protect protect) {
      return new Resolution.Protect(
          new TimedVerifier(protect.verifier(), metrics), protect.maxBodyBytes());
    }
    return resolution;
  }

  /** How long ago {@code request} was resolved; zero for one that was not. */
  static Duration sinceResolved(ServletRequest request) {
    Object started = request.getAttribute(STARTED_ATTRIBUTE);
    return started instanceof Long nanos
        ? Duration.ofNanos(System.nanoTime() - nanos)
        : Duration.ZERO;
  }

  /** A verifier that records how long each verdict took. */
  private record TimedVerifier(Verifier verifier, PushbackMetrics metrics) implements Verifier {
    @Override
    public Verdict verify(InboundRequest request) {
      long started = System.nanoTime();
      Verdict verdict = verifier.verify(request);
      metrics.verification(System.nanoTime() - started, verdict.isAccepted());
      return verdict;
    }

    @Override
    public Set<String> credentialHeaders() {
      return verifier.credentialHeaders();
    }

    @Override
    public Optional<String> challenge() {
      return verifier.challenge();
    }
  }
}
