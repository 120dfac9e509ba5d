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

  /**
   * Whether {@code headers} carries this family and {@code other} with one identical value each: a
   * sender that sends both (Svix sends {@code svix-*} beside {@code webhook-*}) is accepted, but
   * two families that disagree are refused, so no other component can count a different value.
   */
  boolean agreesWith(SignatureHeaders other, RequestHeaders headers) {
    return sameSingleValue(headers, signature, other.signature)
        && sameOptionalValue(headers, timestamp, other.timestamp)
        && sameOptionalValue(headers, id, other.id);
  }

  private static boolean sameOptionalValue(
      RequestHeaders headers, Optional<String> name, Optional<String> otherName) {
    if (name.isEmpty() || otherName.isEmpty()) {
      return name.isEmpty() && otherName.isEmpty();
    }
    return sameSingleValue(headers, name.get(), otherName.get());
  }

  private static boolean sameSingleValue(RequestHeaders headers, String name, String otherName) {
    Optional<RequestHeaders.Header> value = headers.single(name);
    Optional<RequestHeaders.Header> otherValue = headers.single(otherName);
    return value.isPresent()
        && otherValue.isPresent()
        && value.get().value().strip().equals(otherValue.get().value().strip());
  }

  /** Whether both name the same headers under the aliasing rule of {@link HeaderNames}. */
  boolean sameAs(SignatureHeaders other) {
    return HeaderNames.normalize(signature).equals(HeaderNames.normalize(other.signature))
        && timestamp.map(HeaderNames::normalize).equals(other.timestamp.map(HeaderNames::normalize))
        && id.map(HeaderNames::normalize).equals(other.id.map(HeaderNames::normalize));
  }
}
