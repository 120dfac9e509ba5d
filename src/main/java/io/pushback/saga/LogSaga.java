package io.pushback.saga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@code log} saga: records the parameters it received on the delivery as JSON, and
 * logs at DEBUG how many there were (never their values, which may be personal data); the
 * delivery's own outcome line is logged at INFO whatever the saga.
 */
public final class LogSaga implements Saga {
  public static final String NAME = "log";

  private static final Logger LOG = LoggerFactory.getLogger(LogSaga.class);

  private final ObjectMapper json;

  public LogSaga(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(SagaContext context) throws JsonProcessingException {
    context.recordResult(json.writeValueAsString(context.parameters()));
    LOG.debug(
        "log saga: delivery {} on endpoint {} with {} parameters",
        context.deliveryId(),
        context.endpoint().id(),
        context.parameters().size());
  }
}
