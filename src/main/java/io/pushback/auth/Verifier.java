package io.pushback.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request carries a valid credential for one security method. Implementations are
 * immutable and thread-safe, compare credentials in constant time, and never throw for anything a
 * client can send.
 */
public interface Verifier {
  /** The verdict on {@code request}; never null. */
  Verdict verify(InboundRequest request);

  /**
   * The normalized names (see {@link HeaderNames#normalize}) of the headers that carry this
   * method's credential.
   */
  Set<String> credentialHeaders();

  /** The {@code WWW-Authenticate} value to send with a 401, for methods that define one. */
  Optional<String> challenge();
}
