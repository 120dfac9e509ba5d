package io.pushback.auth;

import java.util.Map;
import java.util.Objects;

/**
 * The answer of a {@link SecurityResolver}: verify the request with a verifier, or refuse it
 * outright.
 */
public sealed interface Resolution {
  /**
   * Verify the request with {@code verifier} after reading at most {@code maxBodyBytes} of its
   * body.
   *
   * @param verifier the verifier of the endpoint's active credentials
   * @param maxBodyBytes the largest body accepted; a larger one is answered 413 before any
   *     verification
   */
  record Protect(Verifier verifier, long maxBodyBytes) implements Resolution {
    public Protect {
      Objects.requireNonNull(verifier, "verifier");
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
      }
    }
  }

  /** Answer at once with {@code answer} and extra response headers; nothing is read or verified. */
  record Refuse(ErrorAnswer answer, Map<String, String> headers) implements Resolution {
    public Refuse {
      Objects.requireNonNull(answer, "answer");
      headers = Map.copyOf(headers);
    }
  }

  static Resolution protect(Verifier verifier, long maxBodyBytes) {
    return new Protect(verifier, maxBodyBytes);
  }

  static Resolution refuse(ErrorAnswer answer) {
    return new Refuse(answer, Map.of());
  }
}
