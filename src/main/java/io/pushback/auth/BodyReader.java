package io.pushback.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body once, bounded: a body over the limit is refused as soon as that is known.
 */
final class BodyReader {
  private static final int CHUNK = 8192;

  /**
   * A client's Content-Length is a claim, not a promise: never reserve more than this before bytes
   * arrive.
   */
  private static final int MAX_INITIAL_CAPACITY = 65_536;

  private BodyReader() {}

  /** Why a body was not read. */
  enum Refusal {
    TOO_LARGE,
    TOO_SLOW
  }

  /** A body, or why there is none. */
  record Outcome(byte[] body, Refusal refusal) {}

  /**
   * The whole body; or {@link Refusal#TOO_LARGE} when it is larger than {@code limit} bytes, at
   * once when {@code Content-Length} says so, otherwise as soon as the limit is passed; or {@link
   * Refusal#TOO_SLOW} when it has not arrived by {@code deadlineNanos} (a {@link System#nanoTime()}
   * value). A single read blocks at most for the container's idle timeout, so a trickling body is
   * cut off within the deadline plus that timeout.
   */
  static Outcome read(HttpServletRequest request, long limit, long deadlineNanos)
      throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      return new Outcome(null, Refusal.TOO_LARGE);
    }
    int expected = declared > 0 ? (int) Math.min(declared, MAX_INITIAL_CAPACITY) : CHUNK;
    ByteArrayOutputStream body = new ByteArrayOutputStream(expected);
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    InputStream in = request.getInputStream();
    for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
      total += n;
      if (total > limit) {
        return new Outcome(null, Refusal.TOO_LARGE);
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        return new Outcome(null, Refusal.TOO_SLOW);
      }
      body.write(chunk, 0, n);
    }
    return new Outcome(body.toByteArray(), null);
  }
}
