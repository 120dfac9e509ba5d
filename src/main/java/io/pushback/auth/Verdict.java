package io.pushback.auth;

import java.util.Objects;

/**
 * What a verifier decided about a request: accepted, or rejected for a reason meant for operators
 * only.
 */
public sealed interface Verdict {
  /** Why a request was rejected. Never sent to the caller, who always sees the same 401. */
  enum Reason {
    /** A credential header was absent. */
    MISSING,
    /** A credential header appeared more than once, under one spelling or several. */
    DUPLICATED,
    /** A credential header could not be parsed or decoded. */
    MALFORMED,
    /** The Authorization header named another scheme than the method expects. */
    WRONG_SCHEME,
    /** The credential was well formed but wrong. */
    MISMATCH,
    /** A signed timestamp was outside the tolerance window. */
    STALE
  }

  /** The request carried a valid credential. */
  record Accepted() implements Verdict {}

  /** The request did not carry a valid credential. */
  record Rejected(Reason reason) implements Verdict {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static Verdict accepted() {
    return new Accepted();
  }

  static Rejected rejected(Reason reason) {
    return new Rejected(reason);
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }
}
