package io.pushback.durable;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.auth.HmacAlgorithm;
import io.pushback.auth.InboundRequest;
import io.pushback.auth.RequestHeaders;
import io.pushback.auth.Secret;
import io.pushback.auth.SecuritySettings;
import io.pushback.auth.SignatureEncoding;
import io.pushback.auth.SignedContent;
import io.pushback.auth.Verdict;
import io.pushback.auth.Verdict.Reason;
import io.pushback.auth.Verifier;
import io.pushback.auth.VerifierFactory;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay window of timestamped signatures, on a fixed clock: the edges of the tolerance,
 * malformed timestamps (always a verdict, never an exception), and signed-content templates.
 * Expected signatures are computed here with the JDK's {@link Mac}, independently of the verifier.
 */
final class ReplayWindowTest {
  private static final long NOW = 1_700_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String SECRET = "replay-window-secret";
  private static final String BODY = "{\"loanId\":\"12345\",\"status\":\"approved\"}";
  private static final String SIGNATURE = "X-Signature";
  private static final String TIMESTAMP = "X-Timestamp";
  private static final String ID = "Webhook-Id";

  private final Verifier byDefault =
      verifier(SignedContent.TIMESTAMP_DOT_BODY, 300, Optional.empty());

  @Test
  void acceptsTimestampsExactlyAtTheToleranceEitherWay() {
    for (long offset : new long[] {300, -300, 0}) {
      String timestamp = String.valueOf(NOW + offset);

      assertThat(byDefault.verify(signedAt(timestamp)))
          .as("offset %d s", offset)
          .isEqualTo(Verdict.accepted());
    }
  }

  @Test
  void refusesTimestampsOneSecondOutsideTheToleranceAsStale() {
    for (long offset : new long[] {301, -301, 86_400, -NOW}) {
      String timestamp = String.valueOf(NOW + offset);

      assertThat(byDefault.verify(signedAt(timestamp)))
          .as("offset %d s", offset)
          .isEqualTo(Verdict.rejected(Reason.STALE));
    }
  }

  @Test
  void honoursAConfiguredTolerance() {
    Verifier tenSeconds = verifier(SignedContent.TIMESTAMP_DOT_BODY, 10, Optional.empty());

    assertThat(tenSeconds.verify(signedAt(String.valueOf(NOW - 10)))).isEqualTo(Verdict.accepted());
    assertThat(tenSeconds.verify(signedAt(String.valueOf(NOW + 10)))).isEqualTo(Verdict.accepted());
    assertThat(tenSeconds.verify(signedAt(String.valueOf(NOW - 11))))
        .isEqualTo(Verdict.rejected(Reason.STALE));
    assertThat(tenSeconds.verify(signedAt(String.valueOf(NOW + 11))))
        .isEqualTo(Verdict.rejected(Reason.STALE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "abc",
        "1.5",
        "1700000000.0",
        "-5",
        "+1700000000",
        "0x6553f100",
        "1e9",
        "99999999999999999999999999999999",
        "9223372036854775808",
        "1700000000000",
        "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660",
        "1700000000 1700000000",
        "1700000000,1700000001"
      })
  void refusesAMalformedTimestampAsMalformedWithoutThrowing(String timestamp) {
    // Signed correctly over the malformed value, so only the timestamp itself can be the reason.
    assertThat(byDefault.verify(signedAt(timestamp))).isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesATimestampSentTwiceAsDuplicated() {
    String timestamp = String.valueOf(NOW);
    String signature = sign(timestamp + "." + BODY);

    assertThat(
            byDefault.verify(
                request(SIGNATURE, signature, TIMESTAMP, timestamp, TIMESTAMP, timestamp)))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
    assertThat(
            byDefault.verify(
                request(SIGNATURE, signature, TIMESTAMP, timestamp, "x_timestamp", timestamp)))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void refusesAMissingTimestampAsMissing() {
    assertThat(byDefault.verify(request(SIGNATURE, sign(BODY))))
        .isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void signsTheTimestampSoThatAnotherTimestampDoesNotMatch() {
    String signedTimestamp = String.valueOf(NOW);
    String signature = sign(signedTimestamp + "." + BODY);

    assertThat(byDefault.verify(request(SIGNATURE, signature, TIMESTAMP, String.valueOf(NOW + 1))))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
    assertThat(byDefault.verify(request(SIGNATURE, sign(BODY), TIMESTAMP, signedTimestamp)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void signsACustomTemplateWithTimestamp() {
    Verifier slackLike =
        verifier(
            SignedContent.parse("signedContent", "v0:{timestamp}:{body}"), 300, Optional.empty());
    String timestamp = String.valueOf(NOW - 300);

    assertThat(
            slackLike.verify(
                request(SIGNATURE, sign("v0:" + timestamp + ":" + BODY), TIMESTAMP, timestamp)))
        .isEqualTo(Verdict.accepted());
    assertThat(
            slackLike.verify(
                request(SIGNATURE, sign(timestamp + "." + BODY), TIMESTAMP, timestamp)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
    String stale = String.valueOf(NOW + 301);
    assertThat(
            slackLike.verify(
                request(SIGNATURE, sign("v0:" + stale + ":" + BODY), TIMESTAMP, stale)))
        .isEqualTo(Verdict.rejected(Reason.STALE));
  }

  @Test
  void signsACustomTemplateWithIdAndTimestamp() {
    Verifier standardWebhooks =
        verifier(
            SignedContent.parse("signedContent", "{id}.{timestamp}.{body}"), 300, Optional.of(ID));
    String timestamp = String.valueOf(NOW + 300);
    String signature = sign("msg_2Lh9." + timestamp + "." + BODY);

    assertThat(
            standardWebhooks.verify(
                request(SIGNATURE, signature, TIMESTAMP, timestamp, ID, "msg_2Lh9")))
        .isEqualTo(Verdict.accepted());
    assertThat(
            standardWebhooks.verify(
                request(SIGNATURE, signature, TIMESTAMP, timestamp, ID, "msg_other")))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
    assertThat(standardWebhooks.verify(request(SIGNATURE, signature, TIMESTAMP, timestamp)))
        .isEqualTo(Verdict.rejected(Reason.MISSING));
    assertThat(
            standardWebhooks.verify(
                request(
                    SIGNATURE,
                    signature,
                    TIMESTAMP,
                    timestamp,
                    ID,
                    "msg_2Lh9",
                    "webhook_id",
                    "msg_2Lh9")))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
    String stale = String.valueOf(NOW - 301);
    assertThat(
            standardWebhooks.verify(
                request(
                    SIGNATURE,
                    sign("msg_2Lh9." + stale + "." + BODY),
                    TIMESTAMP,
                    stale,
                    ID,
                    "msg_2Lh9")))
        .isEqualTo(Verdict.rejected(Reason.STALE));
  }

  /** A request signed over {@code {timestamp}.{body}} with {@code timestamp} as sent. */
  private static InboundRequest signedAt(String timestamp) {
    return request(SIGNATURE, sign(timestamp + "." + BODY), TIMESTAMP, timestamp);
  }

  private static Verifier verifier(
      SignedContent content, long toleranceSeconds, Optional<String> idHeader) {
    return VerifierFactory.create(
        new SecuritySettings.Signature(
            SIGNATURE,
            HmacAlgorithm.HMAC_SHA256,
            SignatureEncoding.BASE64,
            "",
            Secret.of(SECRET),
            Optional.of(TIMESTAMP),
            toleranceSeconds,
            content,
            idHeader),
        CLOCK);
  }

  /** A POST of {@link #BODY} with the header pairs {@code headers} (name, value, ...). */
  private static InboundRequest request(String... headers) {
    List<RequestHeaders.Header> lines = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      lines.add(new RequestHeaders.Header(headers[i], headers[i + 1]));
    }
    return new InboundRequest(
        "POST", "/pushback/key", "", new RequestHeaders(lines), BODY.getBytes(UTF_8), "192.0.2.1");
  }

  private static String sign(String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
