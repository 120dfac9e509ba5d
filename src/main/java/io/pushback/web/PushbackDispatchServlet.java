package io.pushback.web;

import io.pushback.auth.ErrorAnswer;
import io.pushback.auth.InboundRequest;
import io.pushback.auth.PushbackAuthFilter;
import io.pushback.auth.RequestHeaders;
import io.pushback.delivery.DeliveryProgress;
import io.pushback.delivery.Lease;
import io.pushback.delivery.Outcome;
import io.pushback.delivery.Recorded;
import io.pushback.endpoint.DeliveryMode;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.StoreUnavailableException;
import io.pushback.saga.SagaContext;
import io.pushback.worker.DeliveryWorker;
import io.pushback.worker.SagaExecution;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records and runs a verified pushback request. It stands behind {@link PushbackAuthFilter} with
 * {@link EndpointResolver}, which have already answered everything but a verified POST to a known
 * endpoint. Thread-safe.
 */
final class PushbackDispatchServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PushbackDispatchServlet.class);
  private static final int MAX_IDEMPOTENCY_KEY = 255;

  private final transient DeliveryRecorder recorder;
  private final transient RequestParameters parameters;
  private final transient SagaExecution execution;
  private final transient DeliveryWorker worker;
  private final transient JsonAnswers answers;
  private final transient String nodeId;
  private final transient Duration lease;
  private final transient Clock clock;

  PushbackDispatchServlet(
      DeliveryRecorder recorder,
      RequestParameters parameters,
      SagaExecution execution,
      DeliveryWorker worker,
      JsonAnswers answers,
      String nodeId,
      Duration lease,
      Clock clock) {
    this.recorder = recorder;
    this.parameters = parameters;
    this.execution = execution;
    this.worker = worker;
    this.answers = answers;
    this.nodeId = nodeId;
    this.lease = lease;
    this.clock = clock;
  }

  /** A verified request, parsed: what its delivery is recorded and its saga run with. */
  private record Parsed(
      DeliveryTarget target,
      InboundRequest inbound,
      Optional<String> contentType,
      Map<String, Object> parameters,
      String rendered,
      Optional<String> idempotencyKey) {
    SagaContext context(long id) {
      return new SagaContext(
          target.endpoint(),
          target.partner(),
          target.site(),
          id,
          parameters,
          inbound.body(),
          contentType,
          DeliveryRecorder.nonCredentialHeaders(inbound.headers(), target.verifier()));
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    DeliveryTarget target = DeliveryTarget.of(request);
    Endpoint endpoint = target.endpoint();
    InboundRequest inbound =
        (InboundRequest) request.getAttribute(PushbackAuthFilter.INBOUND_REQUEST_ATTRIBUTE);
    // The header as sent: Jetty's getContentType() throws for a charset the JVM does not know.
    Optional<String> contentType = Optional.ofNullable(request.getHeader("Content-Type"));
    try {
      // 1. Parse the verified body and the idempotency key; a malformed one is the sender's
      // mistake.
      Parsed parsed;
      try {
        Map<String, Object> values = parameters.parse(inbound.query(), contentType, inbound.body());
        parsed =
            new Parsed(
                target,
                inbound,
                contentType,
                values,
                answers.render(values),
                idempotencyKey(endpoint, inbound.headers()));
      } catch (BadRequestException e) {
        recorder.recordBadRequest(
            request, target, inbound, contentType.orElse(null), e.getMessage());
        answers.sendError(response, 400, "bad_request", e.getMessage());
        return;
      }

      // 2. A sync delivery that no duplicate can race and that keeps no step progress runs its saga
      // first and is written once, with its outcome, before the answer.
      boolean sync = endpoint.mode() == DeliveryMode.SYNC;
      if (sync && parsed.idempotencyKey().isEmpty() && !execution.runsInSteps(endpoint.saga())) {
        long id = recorder.newDeliveryId();
        DeliveryProgress row =
            recorder.onceFinished(target, inbound, contentType.orElse(null), parsed.rendered());
        answerFor(response, id, run(parsed.context(id), row));
        return;
      }

      // 3. Otherwise commit it first, then run it.
      recordThenRun(response, parsed, sync);
    } catch (StoreUnavailableException e) {
      LOG.warn(
          "store unavailable, refusing a delivery to endpoint {}: {}",
          endpoint.id(),
          e.getMessage());
      response.setHeader("Retry-After", EndpointResolver.RETRY_AFTER_SECONDS);
      ErrorAnswer.UNAVAILABLE.send(response);
    }
  }

  /**
   * Commits the delivery before anything can acknowledge it, leased to this node when its saga runs
   * here (sync, or async with room in this node's workers); a duplicate key finds the first
   * delivery. Then async: a worker runs it (this node's now, or any node's next claim); sync: runs
   * it now.
   */
  private void recordThenRun(HttpServletResponse response, Parsed parsed, boolean sync)
      throws IOException {
    Optional<DeliveryWorker.Slot> slot = sync ? Optional.empty() : worker.reserve();
    try {
      Optional<Lease> leased =
          sync || slot.isPresent()
              ? Optional.of(new Lease(nodeId, clock.instant().plus(lease)))
              : Optional.empty();
      Recorded recorded =
          recorder.recordPending(
              parsed.target(),
              parsed.inbound(),
              parsed.contentType().orElse(null),
              parsed.rendered(),
              parsed.idempotencyKey().orElse(null),
              leased);
      if (recorded.duplicate()) {
        answerFor(response, recorded.id(), recorded.outcome());
        return;
      }
      SagaContext context = parsed.context(recorded.id());
      if (!sync) {
        slot.ifPresentOrElse(held -> held.run(context), worker::wake);
        answerFor(response, recorded.id(), Outcome.PENDING);
        return;
      }
      worker.startRenewing(recorded.id());
      try {
        answerFor(response, recorded.id(), run(context, recorder.stored()));
      } finally {
        worker.stopRenewing(recorded.id());
      }
    } finally {
      slot.ifPresent(DeliveryWorker.Slot::release);
    }
  }

  /** Runs a sync delivery's saga once, with no retry, and says how it ended. */
  private Outcome run(SagaContext context, DeliveryProgress progress) {
    SagaExecution.Result result =
        execution.execute(context, progress, 0, 0, Optional.empty(), Outcome.FAILED);
    return result == SagaExecution.Result.SUCCEEDED ? Outcome.SUCCEEDED : Outcome.FAILED;
  }

  /** The answer for delivery {@code id} standing at {@code outcome}; also what a duplicate gets. */
  private void answerFor(HttpServletResponse response, long id, Outcome outcome)
      throws IOException {
    String delivery = String.valueOf(id);
    switch (outcome) {
      case SUCCEEDED ->
          answers.send(
              response, 200, JsonAnswers.fields("status", "success", "delivery", delivery));
      case PENDING ->
          answers.send(
              response, 202, JsonAnswers.fields("status", "accepted", "delivery", delivery));
      default ->
          answers.send(
              response, 500, JsonAnswers.fields("error", "saga_failed", "delivery", delivery));
    }
  }

  private static Optional<String> idempotencyKey(Endpoint endpoint, RequestHeaders headers) {
    if (endpoint.idempotencyHeader().isEmpty()) {
      return Optional.empty();
    }
    String name = endpoint.idempotencyHeader().get();
    List<RequestHeaders.Header> values = headers.all(name);
    if (values.size() > 1) {
      throw new BadRequestException("the idempotency header " + name + " appears more than once");
    }
    if (values.isEmpty() || values.get(0).value().isBlank()) {
      return Optional.empty();
    }
    String key = values.get(0).value().strip();
    if (key.length() > MAX_IDEMPOTENCY_KEY) {
      throw new BadRequestException(
          "the idempotency key is longer than " + MAX_IDEMPOTENCY_KEY + " characters");
    }
    return Optional.of(key);
  }
}
