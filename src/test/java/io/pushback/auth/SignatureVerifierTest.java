package io.pushback.auth;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.auth.Verdict.Reason;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code signature} method. Expected values are computed here with the JDK's own {@link Mac},
 * independently of {@link HmacAlgorithm}; the published vectors are in {@link
 * KnownAnswerVectorsTest}.
 */
final class SignatureVerifierTest {
  private static final String SECRET = "maxwell-shared-secret";
  private static final String BODY = "{\"loanId\":\"12345\",\"status\":\"approved\"}";

  /** Base64(HMAC-SHA256(SECRET, BODY)), also in vectors/source-scheme-hmac-sha256-base64.csv. */
  private static final String SIGNATURE = "V5ujJ5lhK4aHEfRh667abApgW/to0h+sgY/YwJt8ETs=";

  private final Verifier byDefault = verifier("PUSHBACK_SIGNATURE", SignatureEncoding.BASE64, "");

  @Test
  void independentComputationAgreesWithTheRecordedSignature() {
    assertThat(base64(hmacSha256(SECRET, BODY.getBytes(UTF_8)))).isEqualTo(SIGNATURE);
  }

  @Test
  void acceptsBase64HmacSha256OfTheRawBody() {
    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", SIGNATURE)))
        .isEqualTo(Verdict.accepted());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Pushback-Signature",
        "pushback_signature",
        "HTTP_PUSHBACK_SIGNATURE",
        "PUSHBACK-SIGNATURE"
      })
  void acceptsEverySpellingOfTheHeaderName(String spelling) {
    assertThat(byDefault.verify(request(BODY, spelling, SIGNATURE))).isEqualTo(Verdict.accepted());
  }

  @Test
  void readsTheConfiguredHeaderName() {
    Verifier actiGraph = verifier("X-ActiGraph-Signature", SignatureEncoding.BASE64, "");

    assertThat(actiGraph.verify(request(BODY, "x-actigraph-signature", SIGNATURE)))
        .isEqualTo(Verdict.accepted());
    assertThat(actiGraph.verify(request(BODY, "PUSHBACK_SIGNATURE", SIGNATURE)))
        .isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void refusesNonCanonicalBase64WhoseUnusedBitsDiffer() {
    // "...ETs=" and "...ETt=" decode to the same bytes in the JDK; only the canonical spelling
    // counts.
    String altered = SIGNATURE.substring(0, SIGNATURE.length() - 2) + "t=";

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", altered)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void matchesThePrefixExactly() {
    Verifier prefixed = verifier("PUSHBACK_SIGNATURE", SignatureEncoding.BASE64, "sha256=");

    assertThat(prefixed.verify(request(BODY, "PUSHBACK_SIGNATURE", "sha256=" + SIGNATURE)))
        .isEqualTo(Verdict.accepted());
    assertThat(prefixed.verify(request(BODY, "PUSHBACK_SIGNATURE", "SHA256=" + SIGNATURE)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void rejectsSignatureOfAnotherBody() {
    String other =
        base64(hmacSha256(SECRET, "{\"loanId\":\"12345\",\"status\":\"denied\"}".getBytes(UTF_8)));

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", other)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void rejectsBodyChangedByOneTrailingNewline() {
    assertThat(byDefault.verify(request(BODY + "\n", "PUSHBACK_SIGNATURE", SIGNATURE)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void rejectsSignatureUnderAnotherSecret() {
    String other = base64(hmacSha256("maxwell-shared-secreT", BODY.getBytes(UTF_8)));

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", other)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void rejectsDigestOfTheBase64EncodedBody() {
    // The documents' prose ("a Sha256 digest of the Base64 encoded version of the Post body") is
    // not what their code
    // does; the code wins.
    byte[] encodedBody = Base64.getEncoder().encode(BODY.getBytes(UTF_8));
    String prose = base64(hmacSha256(SECRET, encodedBody));

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", prose)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void signsTheRawBytesNotReEncodedText() {
    byte[] latin1 = "status=refusé".getBytes(ISO_8859_1);
    String overRawBytes = base64(hmacSha256(SECRET, latin1));
    String overUtf8Text = base64(hmacSha256(SECRET, "status=refusé".getBytes(UTF_8)));

    assertThat(byDefault.verify(request(latin1, "PUSHBACK_SIGNATURE", overRawBytes)))
        .isEqualTo(Verdict.accepted());
    assertThat(byDefault.verify(request(latin1, "PUSHBACK_SIGNATURE", overUtf8Text)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void acceptsSignatureOfAnEmptyBody() {
    String empty = base64(hmacSha256(SECRET, new byte[0]));

    assertThat(byDefault.verify(request("", "PUSHBACK_SIGNATURE", empty)))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void refusesMissingHeader() {
    assertThat(byDefault.verify(request(BODY, "X-Signature", SIGNATURE)))
        .isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void refusesSameHeaderTwice() {
    assertThat(
            byDefault.verify(
                request(BODY, "PUSHBACK_SIGNATURE", SIGNATURE, "PUSHBACK_SIGNATURE", SIGNATURE)))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void refusesTwoSpellingsOfTheHeader() {
    assertThat(
            byDefault.verify(
                request(BODY, "PUSHBACK_SIGNATURE", SIGNATURE, "Pushback-Signature", SIGNATURE)))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void refusesUrlSafeAlphabetAsMalformed() {
    assertThat(SIGNATURE).contains("+", "/");
    String urlSafe = SIGNATURE.replace('+', '-').replace('/', '_');

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", urlSafe)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesMissingPaddingAsMalformed() {
    assertThat(SIGNATURE).endsWith("=");
    String unpadded = SIGNATURE.substring(0, SIGNATURE.length() - 1);

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", unpadded)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 8, 43})
  void refusesTruncatedSignatureAsMalformed(int removed) {
    String truncated = SIGNATURE.substring(0, SIGNATURE.length() - removed);

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", truncated)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not a signature",
        "V5ujJ5lhK4aHEfRh667abApgW/to0h+sgY/YwJt8ET*=",
        "sha256=" + SIGNATURE
      })
  void refusesValueThatIsNotBase64OfAMacAsMalformed(String value) {
    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", value)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesHexUnderBase64AsMalformed() {
    String hex = HexFormat.of().formatHex(hmacSha256(SECRET, BODY.getBytes(UTF_8)));

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", hex)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesMacOfAnotherLengthAsMalformed() {
    // A 20-byte HMAC-SHA1 where a 32-byte HMAC-SHA256 is expected.
    String sha1 = base64(mac("HmacSHA1", SECRET, BODY.getBytes(UTF_8)));

    assertThat(byDefault.verify(request(BODY, "PUSHBACK_SIGNATURE", sha1)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void acceptsLowerAndUpperCaseHex() {
    Verifier hex = verifier("X-HMAC-HASH", SignatureEncoding.HEX, "");
    String lower = HexFormat.of().formatHex(hmacSha256(SECRET, BODY.getBytes(UTF_8)));

    assertThat(hex.verify(request(BODY, "X-HMAC-HASH", lower))).isEqualTo(Verdict.accepted());
    assertThat(hex.verify(request(BODY, "X-HMAC-HASH", lower.toUpperCase(Locale.ROOT))))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void refusesHexOfAnotherBody() {
    Verifier hex = verifier("X-HMAC-HASH", SignatureEncoding.HEX, "");
    String other = HexFormat.of().formatHex(hmacSha256(SECRET, (BODY + " ").getBytes(UTF_8)));

    assertThat(hex.verify(request(BODY, "X-HMAC-HASH", other)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesMalformedHex() {
    Verifier hex = verifier("X-HMAC-HASH", SignatureEncoding.HEX, "");
    String lower = HexFormat.of().formatHex(hmacSha256(SECRET, BODY.getBytes(UTF_8)));

    assertThat(hex.verify(request(BODY, "X-HMAC-HASH", lower.substring(0, 63))))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
    assertThat(hex.verify(request(BODY, "X-HMAC-HASH", lower.substring(0, 62))))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
    assertThat(hex.verify(request(BODY, "X-HMAC-HASH", "zz" + lower.substring(2))))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
    assertThat(hex.verify(request(BODY, "X-HMAC-HASH", SIGNATURE)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void acceptsValueWithConfiguredPrefix() {
    Verifier github = verifier("X-Hub-Signature-256", SignatureEncoding.HEX, "sha256=");
    String hex = HexFormat.of().formatHex(hmacSha256(SECRET, BODY.getBytes(UTF_8)));

    assertThat(github.verify(request(BODY, "X-Hub-Signature-256", "sha256=" + hex)))
        .isEqualTo(Verdict.accepted());
    assertThat(
            github.verify(
                request(BODY, "X-Hub-Signature-256", "sha256=" + hex.toUpperCase(Locale.ROOT))))
        .isEqualTo(Verdict.accepted());
  }

  @Test
  void refusesValueWithoutTheConfiguredPrefix() {
    Verifier github = verifier("X-Hub-Signature-256", SignatureEncoding.HEX, "sha256=");
    String hex = HexFormat.of().formatHex(hmacSha256(SECRET, BODY.getBytes(UTF_8)));

    assertThat(github.verify(request(BODY, "X-Hub-Signature-256", hex)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
    assertThat(github.verify(request(BODY, "X-Hub-Signature-256", "sha1=" + hex)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
    assertThat(github.verify(request(BODY, "X-Hub-Signature-256", "sha256=")))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesPrefixedValueOfAnotherBody() {
    Verifier github = verifier("X-Hub-Signature-256", SignatureEncoding.HEX, "sha256=");
    String other = HexFormat.of().formatHex(hmacSha256(SECRET, "{}".getBytes(UTF_8)));

    assertThat(github.verify(request(BODY, "X-Hub-Signature-256", "sha256=" + other)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HmacSHA1", "HmacSHA256", "HmacSHA512"})
  void acceptsEachJdkAlgorithmAndRefusesTheOthers(String algorithmName) {
    HmacAlgorithm algorithm = HmacAlgorithm.fromSettingName("algorithm", algorithmName);
    Verifier verifier =
        VerifierFactory.create(
            new SecuritySettings.Signature(
                "PUSHBACK_SIGNATURE", algorithm, SignatureEncoding.BASE64, "", Secret.of(SECRET)));

    for (HmacAlgorithm sender :
        List.of(HmacAlgorithm.HMAC_SHA1, HmacAlgorithm.HMAC_SHA256, HmacAlgorithm.HMAC_SHA512)) {
      String value = base64(mac(sender.settingName(), SECRET, BODY.getBytes(UTF_8)));
      Verdict expected =
          sender == algorithm ? Verdict.accepted() : Verdict.rejected(Reason.MALFORMED);
      assertThat(verifier.verify(request(BODY, "PUSHBACK_SIGNATURE", value)))
          .as(sender.settingName())
          .isEqualTo(expected);
    }
  }

  @Test
  void sendsNoChallengeAndNamesTheSignatureHeader() {
    assertThat(byDefault.challenge()).isEmpty();
    assertThat(byDefault.credentialHeaders())
        .containsExactly(HeaderNames.normalize("Pushback-Signature"));
  }

  private static Verifier verifier(String header, SignatureEncoding encoding, String prefix) {
    return VerifierFactory.create(
        new SecuritySettings.Signature(
            header, HmacAlgorithm.HMAC_SHA256, encoding, prefix, Secret.of(SECRET)));
  }

  private static byte[] hmacSha256(String key, byte[] content) {
    return mac("HmacSHA256", key, content);
  }

  private static byte[] mac(String jdkAlgorithm, String key, byte[] content) {
    try {
      Mac mac = Mac.getInstance(jdkAlgorithm);
      mac.init(new SecretKeySpec(key.getBytes(UTF_8), jdkAlgorithm));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(jdkAlgorithm, e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static InboundRequest request(String body, String... headerNamesAndValues) {
    return request(body.getBytes(UTF_8), headerNamesAndValues);
  }

  private static InboundRequest request(byte[] body, String... headerNamesAndValues) {
    List<RequestHeaders.Header> lines = new ArrayList<>();
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      lines.add(new RequestHeaders.Header(headerNamesAndValues[i], headerNamesAndValues[i + 1]));
    }
    return new InboundRequest(
        "POST", "/pushback/key", "", new RequestHeaders(lines), body, "192.0.2.1");
  }
}
