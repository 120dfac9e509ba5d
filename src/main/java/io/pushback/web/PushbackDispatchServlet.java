package io.pushback.web;

import io.pushback.auth.ErrorAnswer;
import io.pushback.auth.InboundRequest;
import io.pushback.auth.PushbackAuthFilter;
import io.pushback.delivery.Outcome;
import io.pushback.endpoint.StoreUnavailableException;
import io.pushback.saga.SagaContext;
import io.pushback.saga.SagaRunner;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the saga of a verified pushback request. It stands behind {@link PushbackAuthFilter} with
 * {@link EndpointResolver}, which have already answered everything but a verified POST to a known
 * endpoint. Thread-safe.
 */
final class PushbackDispatchServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PushbackDispatchServlet.class);

  private final transient DeliveryRecorder recorder;
  private final transient RequestParameters parameters;
  private final transient SagaRunner sagas;
  private final transient JsonAnswers answers;

  PushbackDispatchServlet(
      DeliveryRecorder recorder,
      RequestParameters parameters,
      SagaRunner sagas,
      JsonAnswers answers) {
    this.recorder = recorder;
    this.parameters = parameters;
    this.sagas = sagas;
    this.answers = answers;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    DeliveryTarget target = DeliveryTarget.of(request);
    InboundRequest inbound =
        (InboundRequest) request.getAttribute(PushbackAuthFilter.INBOUND_REQUEST_ATTRIBUTE);
    Optional<String> contentType = Optional.ofNullable(request.getContentType());
    try {
      // 1. Parse the verified body into parameters; a malformed body is the sender's mistake.
      Map<String, Object> parsed;
      try {
        parsed = parameters.parse(inbound.query(), contentType, inbound.body());
      } catch (BadRequestException e) {
        recorder.recordBadRequest(target, inbound, contentType.orElse(null), e.getMessage());
        answers.sendError(response, 400, "bad_request", e.getMessage());
        return;
      }

      // 2. Commit the delivery before anything can acknowledge it.
      long id =
          recorder.recordPending(target, inbound, contentType.orElse(null), answers.render(parsed));

      // 3. Run the saga and record how it ended.
      SagaContext context =
          new SagaContext(
              target.endpoint(),
              target.partner(),
              target.site(),
              id,
              parsed,
              inbound.body(),
              contentType,
              DeliveryRecorder.nonCredentialHeaders(inbound.headers(), target.verifier()));
      SagaRunner.Result result = sagas.run(context);
      finish(id, target, result);

      // 4. Answer: the delivery is committed either way.
      if (result instanceof SagaRunner.Result.Succeeded) {
        answers.send(
            response, 200, JsonAnswers.fields("status", "success", "delivery", String.valueOf(id)));
      } else {
        answers.send(
            response,
            500,
            JsonAnswers.fields("error", "saga_failed", "delivery", String.valueOf(id)));
      }
    } catch (StoreUnavailableException e) {
      LOG.warn(
          "store unavailable, refusing a delivery to endpoint {}: {}",
          target.endpoint().id(),
          e.getMessage());
      response.setHeader("Retry-After", "5");
      ErrorAnswer.UNAVAILABLE.send(response);
    }
  }

  private void finish(long id, DeliveryTarget target, SagaRunner.Result result) {
    try {
      if (result instanceof SagaRunner.Result.Succeeded succeeded) {
        recorder.recordFinished(
            id, target, Outcome.SUCCEEDED, 200, Optional.empty(), succeeded.recorded());
      } else {
        String reason = ((SagaRunner.Result.Failed) result).reason();
        recorder.recordFinished(
            id, target, Outcome.FAILED, 500, Optional.of(reason), Optional.empty());
      }
    } catch (StoreUnavailableException e) {
      // The delivery is already committed as pending; the saga has run. Answering 503 would invite
      // a second run.
      LOG.error(
          "delivery {}: saga ended but its outcome could not be recorded: {}", id, e.getMessage());
    }
  }
}
