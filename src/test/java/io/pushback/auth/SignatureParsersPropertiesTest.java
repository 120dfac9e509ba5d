package io.pushback.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the list and Stripe header parsers and of {@code whsec_} keys: random input never
 * throws; a self-signed request verifies; a single flipped bit in body, signature, secret or
 * timestamp fails.
 */
final class SignatureParsersPropertiesTest {
  private static final long NOW = 1_700_000_000L;
  private static final String MSG_ID = "msg_property";

  @Property(tries = 1000)
  void parsersNeverThrowOnRandomValues(@ForAll("headerValues") String value) {
    for (SignatureFormat format : SignatureFormat.values()) {
      for (SignatureEncoding encoding : SignatureEncoding.values()) {
        format.parse(value, format == SignatureFormat.STRIPE ? "v1=" : "v1,", encoding, 32);
      }
    }
    assertThat(KeyEncoding.WHSEC_BASE64.key(value)).isNotNull();
    for (String preset : List.of("standard-webhooks", "stripe", "slack", "github")) {
      Verdict verdict =
          PresetFixture.verifier(preset, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", NOW)
              .verify(
                  PresetFixture.request(
                      "{}",
                      "webhook-id",
                      value,
                      "webhook-timestamp",
                      value,
                      "webhook-signature",
                      value,
                      "Stripe-Signature",
                      value,
                      "X-Slack-Request-Timestamp",
                      value,
                      "X-Slack-Signature",
                      value,
                      "X-Hub-Signature-256",
                      value));
      assertThat(verdict.isAccepted()).isFalse();
    }
  }

  @Property(tries = 500)
  void selfSignedStandardWebhookVerifiesAndAnyFlippedBitFails(
      @ForAll @Size(min = 1, max = 64) byte[] key,
      @ForAll @Size(max = 256) byte[] body,
      @ForAll @LongRange(min = NOW - 300, max = NOW + 300) long at,
      @ForAll @IntRange(min = 0, max = 10_000) int bit) {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    Verifier verifier = PresetFixture.verifier("standard-webhooks", secret, NOW);
    byte[] mac = sign(key, content(MSG_ID + "." + at + ".", body, ""));
    String signature = "v1," + Base64.getEncoder().encodeToString(mac);

    assertThat(verifier.verify(standard(body, at, signature))).isEqualTo(Verdict.accepted());
    if (body.length > 0) {
      assertThat(verifier.verify(standard(flip(body, bit), at, signature)).isAccepted()).isFalse();
    }
    String flippedMac = "v1," + Base64.getEncoder().encodeToString(flip(mac, bit));
    assertThat(verifier.verify(standard(body, at, flippedMac)).isAccepted()).isFalse();
    String flippedKey = "whsec_" + Base64.getEncoder().encodeToString(flip(key, bit));
    assertThat(
            PresetFixture.verifier("standard-webhooks", flippedKey, NOW)
                .verify(standard(body, at, signature))
                .isAccepted())
        .isFalse();
    assertThat(verifier.verify(standard(body, at ^ (1L << (bit % 9)), signature)).isAccepted())
        .isFalse();
  }

  @Property(tries = 500)
  void selfSignedStripeHeaderVerifiesAndAnyFlippedBitFails(
      @ForAll @Size(min = 1, max = 64) byte[] secretBytes,
      @ForAll @Size(max = 256) byte[] body,
      @ForAll @LongRange(min = NOW - 300, max = NOW + 300) long at,
      @ForAll @IntRange(min = 0, max = 10_000) int bit) {
    String secret = "whsec_" + HexFormat.of().formatHex(secretBytes);
    Verifier verifier = PresetFixture.verifier("stripe", secret, NOW);
    byte[] mac = sign(secret.getBytes(StandardCharsets.UTF_8), content(at + ".", body, ""));
    String header = "t=" + at + ",v1=" + HexFormat.of().formatHex(mac);

    assertThat(verifier.verify(stripe(body, header))).isEqualTo(Verdict.accepted());
    if (body.length > 0) {
      assertThat(verifier.verify(stripe(flip(body, bit), header)).isAccepted()).isFalse();
    }
    String flippedMac = "t=" + at + ",v1=" + HexFormat.of().formatHex(flip(mac, bit));
    assertThat(verifier.verify(stripe(body, flippedMac)).isAccepted()).isFalse();
    byte[] secretFlipped = flip(secret.getBytes(StandardCharsets.UTF_8), bit);
    String otherSecret = new String(secretFlipped, StandardCharsets.ISO_8859_1);
    assertThat(
            PresetFixture.verifier("stripe", otherSecret, NOW)
                .verify(stripe(body, header))
                .isAccepted())
        .isFalse();
    String otherTime = "t=" + (at ^ (1L << (bit % 9))) + ",v1=" + HexFormat.of().formatHex(mac);
    assertThat(verifier.verify(stripe(body, otherTime)).isAccepted()).isFalse();
  }

  @Property(tries = 500)
  void whsecKeysDecodeToWhatWasEncoded(@ForAll @Size(min = 1, max = 64) byte[] key) {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);

    assertThat(KeyEncoding.WHSEC_BASE64.key(secret))
        .hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
    assertThat(KeyEncoding.WHSEC_BASE64.key(secret.substring(1))).isEmpty();
  }

  @Provide
  Arbitrary<String> headerValues() {
    Arbitrary<String> alphabet =
        Arbitraries.strings().withChars("tv01=, ;+/_-whsecabcdefAZ9\t\u00e9").ofMaxLength(120);
    Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(200);
    Arbitrary<String> elements =
        Arbitraries.of("t=1700000000", "v1=", "v1,", "v0=00", "t=", ",", " ", "v1,AAAA", "v1=zz")
            .list()
            .ofMaxSize(40)
            .map(list -> String.join("", list));
    return Arbitraries.oneOf(alphabet, anything, elements);
  }

  private static InboundRequest standard(byte[] body, long at, String signature) {
    return PresetFixture.request(
        body,
        "webhook-id",
        MSG_ID,
        "webhook-timestamp",
        Long.toString(at),
        "webhook-signature",
        signature);
  }

  private static InboundRequest stripe(byte[] body, String header) {
    return PresetFixture.request(body, "Stripe-Signature", header);
  }

  private static byte[] content(String before, byte[] body, String after) {
    byte[] head = before.getBytes(StandardCharsets.UTF_8);
    byte[] tail = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
    return all;
  }

  private static byte[] sign(byte[] key, byte[] content) {
    return HmacAlgorithm.HMAC_SHA256.sign(key, content);
  }

  /** {@code bytes} with one bit flipped, chosen by {@code bit}; empty stays empty. */
  private static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    if (copy.length > 0) {
      int index = (bit / 8) % copy.length;
      copy[index] ^= (byte) (1 << (bit % 8));
    }
    return copy;
  }
}
