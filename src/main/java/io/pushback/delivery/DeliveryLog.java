package io.pushback.delivery;

import io.pushback.metrics.PushbackMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line per delivery outcome, in one key=value format wherever the outcome is decided,
 * and the {@value PushbackMetrics#DELIVERIES} counter that goes with it:
 *
 * <pre>
 * delivery=42 endpoint=7 saga=log outcome=succeeded status=200 attempts=1 duration_ms=3
 * delivery=43 endpoint=7 saga=log outcome=rejected status=401 attempts=0 duration_ms=1 reason="credential mismatch"
 * </pre>
 *
 * {@code attempts} counts saga runs (0 for a refusal), {@code duration_ms} is this run's time (for
 * a refusal, the request's time until refused), and {@code reason} says why for operators when
 * there is one. A value with a space, quote or {@code =} is quoted, with {@code "} and {@code \}
 * escaped. Never a header or body value. Logged at INFO under {@code io.pushback.delivery}.
 * Thread-safe.
 */
public final class DeliveryLog {
  private static final Logger LOG = LoggerFactory.getLogger("io.pushback.delivery");

  private final PushbackMetrics metrics;

  public DeliveryLog(PushbackMetrics metrics) {
    this.metrics = metrics;
  }

  /** Logs and counts one outcome of delivery {@code id}; {@code reason} may be empty. */
  public void outcome(
      long id,
      long endpointId,
      String saga,
      Outcome outcome,
      int status,
      int attempts,
      Duration duration,
      String reason) {
    metrics.delivery(endpointId, outcome.wireName());
    if (!LOG.isInfoEnabled()) {
      return;
    }
    StringBuilder line =
        new StringBuilder(128)
            .append("delivery=")
            .append(id)
            .append(" endpoint=")
            .append(endpointId)
            .append(" saga=")
            .append(value(saga))
            .append(" outcome=")
            .append(outcome.wireName())
            .append(" status=")
            .append(status)
            .append(" attempts=")
            .append(attempts)
            .append(" duration_ms=")
            .append(duration.toMillis());
    if (!reason.isEmpty()) {
      line.append(" reason=").append(quoted(reason));
    }
    LOG.info("{}", line);
  }

  /** {@code text} as a value: bare when it is one plain word, else quoted. */
  static String value(String text) {
    boolean plain = !text.isEmpty() && text.chars().allMatch(c -> c > ' ' && c != '"' && c != '=');
    return plain ? text : quoted(text);
  }

  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < ' ') {
        quoted.append(' ');
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
