package io.pushback.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Told of every request the filter refuses after resolving it, so that a server can record the
 * refusal. Called on the request thread before the answer is sent; implementations must be
 * thread-safe and must not throw.
 */
public interface AuthListener {
  /** A listener that does nothing. */
  AuthListener NONE = new AuthListener() {};

  /** {@code request} failed verification; {@code inbound} is what the verifier read. */
  default void rejected(
      HttpServletRequest request,
      InboundRequest inbound,
      Verifier verifier,
      Verdict.Rejected verdict) {}

  /**
   * {@code request}, with {@code headers}, announced or sent a body over the limit; its body was
   * not kept.
   */
  default void tooLarge(
      HttpServletRequest request, RequestHeaders headers, Verifier verifier, long limit) {}
}
