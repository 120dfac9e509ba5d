package io.pushback.web;

import io.pushback.auth.AuthListener;
import io.pushback.auth.HeaderNames;
import io.pushback.auth.InboundRequest;
import io.pushback.auth.RequestHeaders;
import io.pushback.auth.ServletRequests;
import io.pushback.auth.Verdict;
import io.pushback.auth.Verifier;
import io.pushback.delivery.Delivery;
import io.pushback.delivery.DeliveryLog;
import io.pushback.delivery.DeliveryProgress;
import io.pushback.delivery.DeliveryStore;
import io.pushback.delivery.Lease;
import io.pushback.delivery.NewDelivery;
import io.pushback.delivery.Outcome;
import io.pushback.delivery.Recorded;
import io.pushback.endpoint.Site;
import io.pushback.endpoint.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes delivery rows for pushback requests that reached a known endpoint, with every credential
 * header redacted, and logs one line per outcome. As the filter's {@link AuthListener} it records
 * refusals; a refusal that cannot be recorded is logged and still answered. Thread-safe.
 */
final class DeliveryRecorder implements AuthListener {
  /**
   * The body kept for a rejected request: enough to diagnose a sender, not enough to fill a disk.
   */
  static final int REJECTED_BODY_BYTES = 65_536;

  /** Headers redacted whatever the method: they carry credentials for someone. */
  private static final Set<String> ALWAYS_REDACTED =
      Set.of(
          HeaderNames.normalize(HeaderNames.AUTHORIZATION),
          HeaderNames.normalize("Proxy-Authorization"),
          HeaderNames.normalize("Cookie"),
          HeaderNames.normalize(HeaderNames.ACCESS_TOKEN),
          HeaderNames.normalize(HeaderNames.ACCESS_SECRET),
          HeaderNames.normalize(HeaderNames.DEFAULT_SIGNATURE));

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);

  private final DeliveryStore deliveries;
  private final DeliveryLog log;

  DeliveryRecorder(DeliveryStore deliveries, DeliveryLog log) {
    this.deliveries = deliveries;
    this.log = log;
  }

  @Override
  public void rejected(
      HttpServletRequest request,
      InboundRequest inbound,
      Verifier verifier,
      Verdict.Rejected verdict) {
    byte[] body = inbound.body();
    recordRefusal(
        request,
        inbound.remoteAddress(),
        inbound.headers(),
        verifier,
        401,
        "credential " + verdict.reason(),
        Arrays.copyOf(body, Math.min(body.length, REJECTED_BODY_BYTES)),
        body.length);
  }

  @Override
  public void tooLarge(
      HttpServletRequest request, RequestHeaders headers, Verifier verifier, long limit) {
    recordUnreadRefusal(request, headers, verifier, 413, "body over " + limit + " bytes");
  }

  /**
   * Records a request refused with 403 by the endpoint's network policy, before its body was read;
   * the remote address is the client's as derived from trusted proxies.
   */
  void forbidden(HttpServletRequest request, DeliveryTarget target, String reason) {
    recordUnreadRefusal(request, ServletRequests.headers(request), target.verifier(), 403, reason);
  }

  /** A refusal decided before the body was read: nothing of the body is kept. */
  private void recordUnreadRefusal(
      HttpServletRequest request,
      RequestHeaders headers,
      Verifier verifier,
      int status,
      String reason) {
    recordRefusal(
        request,
        String.valueOf(request.getRemoteAddr()),
        headers,
        verifier,
        status,
        reason,
        new byte[0],
        Math.max(request.getContentLengthLong(), 0));
  }

  /**
   * Records a refused request with credentials redacted; logged, never thrown, if the store fails.
   */
  private void recordRefusal(
      HttpServletRequest request,
      String remoteAddress,
      RequestHeaders headers,
      Verifier verifier,
      int status,
      String reason,
      byte[] keptBody,
      long bodySize) {
    DeliveryTarget target = DeliveryTarget.of(request);
    recordRefusal(
        request,
        target,
        new NewDelivery(
            target.endpoint().id(),
            siteId(target),
            remoteAddress,
            Outcome.REJECTED,
            Optional.of(reason),
            Optional.of(status),
            redactedHeaders(headers, verifier),
            Optional.ofNullable(request.getHeader("Content-Type")),
            keptBody,
            bodySize,
            Optional.empty(),
            Optional.empty()));
  }

  /**
   * Records a verified request that failed before its saga could run (a malformed body); may throw.
   */
  long recordBadRequest(
      HttpServletRequest request,
      DeliveryTarget target,
      InboundRequest inbound,
      String contentType,
      String reason) {
    long id =
        deliveries.recordRejected(
            accepted(
                target,
                inbound,
                contentType,
                Outcome.REJECTED,
                Optional.of(reason),
                Optional.of(400),
                null,
                null));
    logOutcome(request, target, id, 400, reason);
    return id;
  }

  /**
   * Records a verified request as pending, committed before this returns; a duplicate of an earlier
   * idempotency key returns that delivery instead. Throws {@link StoreUnavailableException}.
   */
  Recorded recordPending(
      DeliveryTarget target,
      InboundRequest inbound,
      String contentType,
      String parameters,
      String idempotencyKey,
      Optional<Lease> lease) {
    // A sync delivery's status is known when its saga ends; an async one is answered 202 now.
    Optional<Integer> status = lease.isPresent() ? Optional.empty() : Optional.of(202);
    return deliveries.recordPending(
        accepted(
            target,
            inbound,
            contentType,
            Outcome.PENDING,
            Optional.empty(),
            status,
            parameters,
            idempotencyKey),
        lease);
  }

  /** Where a stored delivery's run records its progress: the delivery's row. */
  DeliveryProgress stored() {
    return deliveries;
  }

  /** A fresh delivery id, for a sync delivery written once its saga ran ({@link #onceFinished}). */
  long newDeliveryId() {
    return deliveries.newId();
  }

  /**
   * Where a sync delivery that is written only once its saga ran records how it ended: its whole
   * row, with the outcome, committed before {@code finish} returns. For deliveries without an
   * idempotency key and without step progress; they have no retries.
   */
  DeliveryProgress onceFinished(
      DeliveryTarget target, InboundRequest inbound, String contentType, String parameters) {
    return new DeliveryProgress() {
      @Override
      public void finish(
          long id,
          Outcome outcome,
          int status,
          Optional<String> reason,
          Optional<String> sagaResult) {
        deliveries.recordFinished(
            id,
            accepted(
                target,
                inbound,
                contentType,
                outcome,
                reason,
                Optional.of(status),
                parameters,
                null),
            sagaResult);
      }

      @Override
      public void retryLater(long id, Instant next, String reason) {
        throw new IllegalStateException("delivery " + id + " is sync: it is never retried");
      }

      @Override
      public void completeSteps(long id, int steps) {
        throw new IllegalStateException("delivery " + id + " runs no step saga");
      }
    };
  }

  /** The request's headers as a saga may see them: without any that carry a credential. */
  static List<RequestHeaders.Header> nonCredentialHeaders(
      RequestHeaders headers, Verifier verifier) {
    Set<String> credentials = credentialHeaders(verifier);
    return headers.lines().stream()
        .filter(line -> !credentials.contains(HeaderNames.normalize(line.name())))
        .toList();
  }

  private NewDelivery accepted(
      DeliveryTarget target,
      InboundRequest inbound,
      String contentType,
      Outcome outcome,
      Optional<String> reason,
      Optional<Integer> status,
      String parameters,
      String idempotencyKey) {
    return new NewDelivery(
        target.endpoint().id(),
        siteId(target),
        inbound.remoteAddress(),
        outcome,
        reason,
        status,
        redactedHeaders(inbound.headers(), target.verifier()),
        Optional.ofNullable(contentType),
        inbound.body(),
        inbound.body().length,
        Optional.ofNullable(parameters),
        Optional.ofNullable(idempotencyKey));
  }

  private void recordRefusal(
      HttpServletRequest request, DeliveryTarget target, NewDelivery delivery) {
    try {
      long id = deliveries.recordRejected(delivery);
      logOutcome(request, target, id, delivery.status().orElse(0), delivery.reason().orElse(""));
    } catch (StoreUnavailableException e) {
      LOG.warn(
          "could not record a refused request to endpoint {}: {}",
          target.endpoint().id(),
          e.getMessage());
    }
  }

  /** A refusal's line: no saga ran; the time is the request's since it was resolved. */
  private void logOutcome(
      HttpServletRequest request, DeliveryTarget target, long id, int status, String reason) {
    log.outcome(
        id,
        target.endpoint().id(),
        target.endpoint().saga(),
        Outcome.REJECTED,
        status,
        0,
        TimedResolver.sinceResolved(request),
        reason);
  }

  private static List<RequestHeaders.Header> redactedHeaders(
      RequestHeaders headers, Verifier verifier) {
    return headers.redacted(credentialHeaders(verifier), Delivery.REDACTED);
  }

  private static Set<String> credentialHeaders(Verifier verifier) {
    Set<String> names = new HashSet<>(ALWAYS_REDACTED);
    names.addAll(verifier.credentialHeaders());
    return names;
  }

  private static OptionalLong siteId(DeliveryTarget target) {
    return target.site().map(Site::id).map(OptionalLong::of).orElse(OptionalLong.empty());
  }
}
