package io.pushback.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

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

  /**
   * The whole body, or empty when it is larger than {@code limit} bytes: at once when {@code
   * Content-Length} says so, otherwise as soon as the limit is passed while reading.
   */
  static Optional<byte[]> read(HttpServletRequest request, long limit) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      return Optional.empty();
    }
    int expected = declared > 0 ? (int) Math.min(declared, MAX_INITIAL_CAPACITY) : CHUNK;
    ByteArrayOutputStream body = new ByteArrayOutputStream(expected);
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    InputStream in = request.getInputStream();
    for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
      total += n;
      if (total > limit) {
        return Optional.empty();
      }
      body.write(chunk, 0, n);
    }
    return Optional.of(body.toByteArray());
  }
}
