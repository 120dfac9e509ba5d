package io.pushback.bench.jmh;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Random;

/** JSON-looking request bodies of an exact size, the same for every run (fixed seed). */
final class Bodies {
  private Bodies() {}

  /** A JSON object of exactly {@code size} ASCII bytes. */
  static byte[] json(int size) {
    String open = "{\"event\":\"benchmark\",\"data\":\"";
    String close = "\"}";
    int fill = size - open.length() - close.length();
    if (fill < 0) {
      throw new IllegalArgumentException("body too small: " + size);
    }
    Random random = new Random(6);
    StringBuilder text = new StringBuilder(size).append(open);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
    for (int i = 0; i < fill; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    byte[] body = text.append(close).toString().getBytes(UTF_8);
    if (body.length != size) {
      throw new IllegalStateException("body of " + body.length + " bytes, wanted " + size);
    }
    return body;
  }
}
