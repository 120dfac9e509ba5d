package io.pushback.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line per delivery outcome, in one format wherever the outcome is decided: {@code
 * delivery 42 endpoint=7 outcome=succeeded status=200}, with a {@code reason} for operators when
 * there is one. Never a header or body value.
 */
public final class DeliveryLog {
  private static final Logger LOG = LoggerFactory.getLogger("io.pushback.delivery");

  private DeliveryLog() {}

  public static void outcome(long id, long endpointId, Outcome outcome, int status, String reason) {
    if (reason.isEmpty()) {
      LOG.info(
          "delivery {} endpoint={} outcome={} status={}",
          id,
          endpointId,
          outcome.wireName(),
          status);
    } else {
      LOG.info(
          "delivery {} endpoint={} outcome={} status={} reason=\"{}\"",
          id,
          endpointId,
          outcome.wireName(),
          status,
          reason);
    }
  }
}
