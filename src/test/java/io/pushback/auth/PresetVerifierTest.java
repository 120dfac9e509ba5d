package io.pushback.auth;

import static io.pushback.auth.PresetFixture.request;
import static io.pushback.auth.PresetFixture.settings;
import static io.pushback.auth.PresetFixture.verifier;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushback.auth.Verdict.Reason;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every preset: the sender's published example where there is one (vectors/preset-examples.csv),
 * and the edge matrix with signatures computed here by the JDK's own {@link Mac}.
 */
final class PresetVerifierTest {
  private static final long NOW = 1_700_000_000L;
  private static final String BODY = "{\"event\":\"ping\",\"n\":1}";
  private static final String TEXT_SECRET = "shared-secret-for-presets";
  private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String STRIPE_SECRET = "whsec_stripe0123456789abcdef";
  private static final String MSG_ID = "msg_2b9Yq0fJ";

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = "/vectors/preset-examples.csv", delimiterString = "|")
  void acceptsTheSendersPublishedExample(
      String preset, String secret, String id, String timestamp, String body, String signature) {
    SecuritySettings.Signature settings = settings(preset, secret, Map.of());
    long now = timestamp == null ? NOW : Long.parseLong(timestamp);
    List<String> headers = new ArrayList<>(List.of(settings.header(), signature));
    settings.timestampHeader().ifPresent(name -> headers.addAll(List.of(name, timestamp)));
    if (settings.signedContent().usesId()) {
      headers.addAll(List.of(settings.idHeader().orElseThrow(), id));
    }
    Verifier verifier = VerifierFactory.create(settings, PresetFixture.clockAt(now));

    assertThat(verifier.verify(request(body, headers.toArray(String[]::new))))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(request(body + " ", headers.toArray(String[]::new))))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void maxwellIsTheSourceDocumentsScheme() {
    String signature = base64(hmac(TEXT_SECRET.getBytes(UTF_8), BODY));

    assertThat(verify("maxwell", TEXT_SECRET, "PUSHBACK_SIGNATURE", signature))
        .isEqualTo(Verdict.accepted());
    assertThat(verify("maxwell", "another-secret", "PUSHBACK_SIGNATURE", signature))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void githubShopifyPatchworksAndActigraphReadTheirHeaders() {
    byte[] mac = hmac(TEXT_SECRET.getBytes(UTF_8), BODY);
    String hex = HexFormat.of().formatHex(mac);

    assertThat(verify("github", TEXT_SECRET, "X-Hub-Signature-256", "sha256=" + hex))
        .isEqualTo(Verdict.accepted());
    assertThat(verify("github", TEXT_SECRET, "X-Hub-Signature-256", hex))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
    assertThat(verify("shopify", TEXT_SECRET, "X-Shopify-Hmac-SHA256", base64(mac)))
        .isEqualTo(Verdict.accepted());
    assertThat(verify("patchworks", TEXT_SECRET, "X-HMAC-HASH", hex)).isEqualTo(Verdict.accepted());
    assertThat(verify("actigraph", TEXT_SECRET, "X-ActiGraph-Signature", base64(mac)))
        .isEqualTo(Verdict.accepted());
    assertThat(verify("github", "wrong-secret", "X-Hub-Signature-256", "sha256=" + hex))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void patchworksTakesRipemd128ThroughTheAlgorithmSetting() {
    Verifier ripemd =
        VerifierFactory.create(
            settings("patchworks", TEXT_SECRET, Map.of("algorithm", "HmacRIPEMD128")),
            PresetFixture.clockAt(NOW));
    String mac =
        HexFormat.of()
            .formatHex(HmacAlgorithm.HMAC_RIPEMD128.sign(TEXT_SECRET.getBytes(UTF_8), bytes(BODY)));

    assertThat(ripemd.verify(request(BODY, "X-HMAC-HASH", mac))).isEqualTo(Verdict.accepted());
    String sha256 = HexFormat.of().formatHex(hmac(TEXT_SECRET.getBytes(UTF_8), BODY));
    assertThat(ripemd.verify(request(BODY, "X-HMAC-HASH", sha256)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void slackSignsVersionTimestampAndBody() {
    Verifier slack = verifier("slack", TEXT_SECRET, NOW);

    assertThat(slack.verify(slackRequest(BODY, NOW))).isEqualTo(Verdict.accepted());
    assertThat(slack.verify(slackRequest(BODY, NOW - 301)))
        .isEqualTo(Verdict.rejected(Reason.STALE));
    assertThat(slack.verify(slackRequest(BODY, NOW + 301)))
        .isEqualTo(Verdict.rejected(Reason.STALE));
    assertThat(slack.verify(slackRequest(BODY, NOW - 300))).isEqualTo(Verdict.accepted());
  }

  @Test
  void standardWebhooksAcceptsAnyV1OfTheListAndIgnoresOtherVersions() {
    Verifier verifier = verifier("standard-webhooks", WHSEC, NOW);
    String good = standardSignature(MSG_ID, NOW, BODY);
    String other = "v1," + base64(new byte[32]);

    assertThat(verifier.verify(standardRequest(BODY, good))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(standardRequest(BODY, other + " " + good)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(standardRequest(BODY, "v1a,c29tZXRoaW5n v2,abc " + good)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(standardRequest(BODY, other)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
    assertThat(verifier.verify(standardRequest("{}", good)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "v1",
        ",abc",
        "v1,",
        "v1,not base64!",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE",
        "v1,g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        "v1a,c29tZXRoaW5n",
        "v2,abc",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=  v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
      })
  void standardWebhooksRefusesMalformedLists(String value) {
    assertThat(verifier("standard-webhooks", WHSEC, NOW).verify(standardRequest(BODY, value)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void standardWebhooksCapsTheList() {
    String good = standardSignature(MSG_ID, NOW, BODY);
    String sixteen = String.join(" ", java.util.Collections.nCopies(15, good)) + " " + good;
    String seventeen = sixteen + " " + good;
    Verifier verifier = verifier("standard-webhooks", WHSEC, NOW);

    assertThat(verifier.verify(standardRequest(BODY, sixteen))).isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(standardRequest(BODY, seventeen)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void standardWebhooksRefusesStaleTimestampsAndAnotherId() {
    Verifier verifier = verifier("standard-webhooks", WHSEC, NOW);
    for (long at : new long[] {NOW - 301, NOW + 301}) {
      String signature = standardSignature(MSG_ID, at, BODY);
      assertThat(
              verifier.verify(
                  request(
                      BODY,
                      "webhook-id",
                      MSG_ID,
                      "webhook-timestamp",
                      Long.toString(at),
                      "webhook-signature",
                      signature)))
          .isEqualTo(Verdict.rejected(Reason.STALE));
    }
    assertThat(
            verifier.verify(
                request(
                    BODY,
                    "webhook-id",
                    "msg_other",
                    "webhook-timestamp",
                    Long.toString(NOW),
                    "webhook-signature",
                    standardSignature(MSG_ID, NOW, BODY))))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void standardWebhooksAcceptsTheSvixHeadersAndBothFamiliesOnlyWhenTheyAgree() {
    Verifier verifier = verifier("standard-webhooks", WHSEC, NOW);
    String signature = standardSignature(MSG_ID, NOW, BODY);
    String now = Long.toString(NOW);

    assertThat(
            verifier.verify(
                request(
                    BODY, "svix-id", MSG_ID, "svix-timestamp", now, "svix-signature", signature)))
        .isEqualTo(Verdict.accepted());
    assertThat(
            verifier.verify(
                request(
                    BODY,
                    "svix-id",
                    MSG_ID,
                    "svix-timestamp",
                    now,
                    "svix-signature",
                    signature,
                    "webhook-id",
                    MSG_ID,
                    "webhook-timestamp",
                    now,
                    "webhook-signature",
                    signature)))
        .isEqualTo(Verdict.accepted());
    assertThat(
            verifier.verify(
                request(
                    BODY,
                    "svix-id",
                    MSG_ID,
                    "webhook-timestamp",
                    now,
                    "svix-signature",
                    signature)))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
    assertThat(
            verifier.verify(
                request(
                    BODY,
                    "svix-id",
                    MSG_ID,
                    "svix-timestamp",
                    now,
                    "svix-signature",
                    signature,
                    "webhook-id",
                    "msg_another",
                    "webhook-timestamp",
                    now,
                    "webhook-signature",
                    signature)))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
    assertThat(verifier.credentialHeaders()).contains("webhook-signature", "svix-signature");
  }

  @Test
  void standardWebhooksWantsAWhsecKey() {
    assertThatThrownBy(() -> settings("standard-webhooks", "plain-text-secret", Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("secret: expected whsec_ followed by Base64");
    assertThatThrownBy(() -> settings("standard-webhooks", "whsec_***", Map.of()))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void stripeCountsOnlyV1AndReadsTheTimeFromItsOwnHeader() {
    Verifier stripe = verifier("stripe", STRIPE_SECRET, NOW);
    String v1 = stripeMac(NOW, BODY);
    String other = HexFormat.of().formatHex(new byte[32]);

    assertThat(stripe.verify(stripeRequest("t=" + NOW + ",v1=" + v1)))
        .isEqualTo(Verdict.accepted());
    assertThat(
            stripe.verify(stripeRequest("t=" + NOW + ",v1=" + other + ",v1=" + v1 + ",v0=" + v1)))
        .isEqualTo(Verdict.accepted());
    assertThat(stripe.verify(stripeRequest("t=" + NOW + ",v0=" + v1)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
    assertThat(stripe.verify(stripeRequest("t=" + NOW + ",v1=" + other)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
    assertThat(stripe.verify(stripeRequest("t=" + (NOW + 1) + ",v1=" + v1)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
    String stale = stripeMac(NOW - 301, BODY);
    assertThat(stripe.verify(stripeRequest("t=" + (NOW - 301) + ",v1=" + stale)))
        .isEqualTo(Verdict.rejected(Reason.STALE));
    String future = stripeMac(NOW + 301, BODY);
    assertThat(stripe.verify(stripeRequest("t=" + (NOW + 301) + ",v1=" + future)))
        .isEqualTo(Verdict.rejected(Reason.STALE));
    assertThat(
            verifier("stripe", "whsec_another", NOW)
                .verify(stripeRequest("t=" + NOW + ",v1=" + v1)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "t=",
        "v1=",
        "t=1700000000",
        "t=1700000000,",
        "t=abc,v1=00",
        "t=-5,v1=00",
        "t=1700000000,t=1700000000,v1=00",
        "=1700000000,v1=00",
        "t=1700000000,v1=zz",
        "t=1700000000,v1=00",
        "t=1700000000;v1=00",
        "t=1700000000, v1=00",
        "t=99999999999999999999,v1=00"
      })
  void stripeRefusesMalformedHeaders(String value) {
    assertThat(verifier("stripe", STRIPE_SECRET, NOW).verify(stripeRequest(value)))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void anySettingMayBeOverridden() {
    SecuritySettings.Signature github =
        settings(
            "github",
            TEXT_SECRET,
            Map.of("header", "X-Hub-Signature", "algorithm", "HmacSHA1", "prefix", "sha1="));

    assertThat(github.header()).isEqualTo("X-Hub-Signature");
    assertThat(github.algorithm()).isEqualTo(HmacAlgorithm.HMAC_SHA1);
    assertThat(github.encoding()).isEqualTo(SignatureEncoding.HEX);
    assertThat(github.preset()).contains(SignaturePreset.GITHUB);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "maxwell",
        "standard-webhooks",
        "github",
        "stripe",
        "shopify",
        "slack",
        "patchworks",
        "actigraph"
      })
  void publicFieldsParseBackToTheSameSettings(String preset) {
    String secret = preset.equals("standard-webhooks") ? WHSEC : TEXT_SECRET;
    SecuritySettings.Signature first = settings(preset, secret, Map.of());
    Map<String, String> fields = new java.util.HashMap<>(first.publicFields());
    fields.put("method", "signature");
    fields.put("secret", secret);

    SecuritySettings again = SecuritySettings.parse(fields::get);

    assertThat(again.publicFields()).isEqualTo(first.publicFields());
    assertThat(first.publicFields()).containsEntry("preset", preset);
  }

  @Test
  void aClearedPresetSettingStaysClearedWhenParsedAgain() {
    SecuritySettings.Signature slack =
        settings("slack", TEXT_SECRET, Map.of("timestampHeader", "", "signedContent", "{body}"));
    Map<String, String> fields = new java.util.HashMap<>(slack.publicFields());
    fields.put("method", "signature");
    fields.put("secret", TEXT_SECRET);

    assertThat(slack.timestampHeader()).isEmpty();
    SecuritySettings.Signature again =
        (SecuritySettings.Signature) SecuritySettings.parse(fields::get);
    assertThat(again.timestampHeader()).isEmpty();
    assertThat(again.publicFields()).isEqualTo(slack.publicFields());
  }

  @Test
  void unknownPresetIsRefusedNamingTheChoices() {
    assertThatThrownBy(() -> settings("gitlab", TEXT_SECRET, Map.of()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("preset: expected one of maxwell, standard-webhooks, github");
  }

  @Test
  void generatedSecretsFitTheKeyEncoding() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    Map<String, String> fields = Map.of("method", "signature", "preset", "standard-webhooks");

    Secret generated = SecuritySettings.generateSecret(fields::get, random);

    assertThat(generated.reveal()).startsWith("whsec_");
    assertThat(KeyEncoding.WHSEC_BASE64.key(generated.reveal()).orElseThrow()).hasSize(32);
  }

  private static Verdict verify(String preset, String secret, String header, String value) {
    return verifier(preset, secret, NOW).verify(request(BODY, header, value));
  }

  private static InboundRequest slackRequest(String body, long at) {
    String mac =
        HexFormat.of().formatHex(hmac(TEXT_SECRET.getBytes(UTF_8), "v0:" + at + ":" + body));
    return request(
        body, "X-Slack-Request-Timestamp", Long.toString(at), "X-Slack-Signature", "v0=" + mac);
  }

  private static InboundRequest standardRequest(String body, String signature) {
    return request(
        body,
        "webhook-id",
        MSG_ID,
        "webhook-timestamp",
        Long.toString(NOW),
        "webhook-signature",
        signature);
  }

  private static String standardSignature(String id, long at, String body) {
    byte[] key = Base64.getDecoder().decode(WHSEC.substring("whsec_".length()));
    return "v1," + base64(hmac(key, id + "." + at + "." + body));
  }

  private static InboundRequest stripeRequest(String value) {
    return request(BODY, "Stripe-Signature", value);
  }

  private static String stripeMac(long at, String body) {
    return HexFormat.of().formatHex(hmac(STRIPE_SECRET.getBytes(UTF_8), at + "." + body));
  }

  private static byte[] hmac(byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(bytes(content));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
