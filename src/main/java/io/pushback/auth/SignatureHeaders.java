package io.pushback.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The headers one family of a signature scheme uses: the signature itself, and the signing time and
 * message id when the scheme signs them.
 */
record SignatureHeaders(String signature, Optional<String> timestamp, Optional<String> id) {
  SignatureHeaders {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(id, "id");
  }

  /** How many of these headers {@code headers} carries, counting every line. */
  int presentIn(RequestHeaders headers) {
    return headers.all(signature).size()
        + timestamp.map(name -> headers.all(name).size()).orElse(0)
        + id.map(name -> headers.all(name).size()).orElse(0);
  }

  /** Whether both name the same headers under the aliasing rule of {@link HeaderNames}. */
  boolean sameAs(SignatureHeaders other) {
    return HeaderNames.normalize(signature).equals(HeaderNames.normalize(other.signature))
        && timestamp.map(HeaderNames::normalize).equals(other.timestamp.map(HeaderNames::normalize))
        && id.map(HeaderNames::normalize).equals(other.id.map(HeaderNames::normalize));
  }
}
