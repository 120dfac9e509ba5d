package io.pushback.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Hostile input shared by the property tests: text with control characters, lone surrogates,
 * non-UTF-8 bytes read as Latin-1 or as UTF-8, and lengths far beyond any real credential.
 */
final class Inputs {
  /** Longest generated text: well over any header a container would pass on. */
  static final int LONG = 20_000;

  private Inputs() {}

  /** Any text a header value or query string could hold once a container has decoded it. */
  static Arbitrary<String> hostileText() {
    return Arbitraries.frequencyOf(
        List.of(
            weighted(4, Arbitraries.strings().all().ofMaxLength(64)),
            weighted(3, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(64)),
            weighted(2, bytes(96).map(b -> new String(b, StandardCharsets.ISO_8859_1))),
            weighted(2, bytes(96).map(b -> new String(b, StandardCharsets.UTF_8))),
            weighted(
                2,
                Arbitraries.strings()
                    .withChars("\r\n\t\u0000 ,;=:\"'\\%+&{}/.")
                    .withCharRange('0', '9')
                    .ofMaxLength(32)),
            weighted(
                1,
                large(1_000, LONG)
                    .map(b -> new String(b, StandardCharsets.ISO_8859_1).replace('\n', 'n')))));
  }

  /** Any bytes, mostly short, sometimes large. */
  static Arbitrary<byte[]> bytes(int maxSize) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
  }

  /**
   * Random bytes of {@code minSize} to {@code maxSize}, drawn from a generated seed: jqwik would
   * generate (and try to shrink) each byte of a large array alone, which takes seconds.
   */
  static Arbitrary<byte[]> large(int minSize, int maxSize) {
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.integers().between(minSize, maxSize))
        .as(
            (seed, size) -> {
              byte[] bytes = new byte[size];
              new Random(seed).nextBytes(bytes);
              return bytes;
            });
  }

  /** {@code bytes} with bit {@code bit} (counted from the first byte's lowest bit) inverted. */
  static byte[] flip(byte[] bytes, int bit) {
    byte[] flipped = bytes.clone();
    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
    return flipped;
  }

  /** {@code text}, read as Latin-1 bytes, with one bit inverted: a corrupted header value. */
  static String flip(String text, int bit) {
    return new String(
        flip(text.getBytes(StandardCharsets.ISO_8859_1), bit), StandardCharsets.ISO_8859_1);
  }

  private static Tuple2<Integer, Arbitrary<String>> weighted(
      int weight, Arbitrary<String> arbitrary) {
    return Tuple.of(weight, arbitrary);
  }
}
