package io.pushback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pushback.auth.AuthParsers;
import io.pushback.auth.HmacAlgorithm;
import io.pushback.auth.InboundRequest;
import io.pushback.auth.InvalidSettingException;
import io.pushback.auth.RequestHeaders;
import io.pushback.auth.SecuritySettings;
import io.pushback.auth.SignatureEncoding;
import io.pushback.auth.SignedContent;
import io.pushback.auth.Verdict;
import io.pushback.auth.VerifierFactory;
import io.pushback.fuzz.SignatureSchemes.Scheme;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The signature method over every algorithm, encoding, prefix and signed-content template, and its
 * parsers (Base64 and hex values, timestamps, templates, settings): a self-signed request verifies,
 * one bit changed anywhere in body, signature, secret or timestamp does not, and hostile values are
 * refused without an exception.
 */
class SignatureFuzzTest {
  private static final int TRIES = 1000;
  private static final long NOW = 1_750_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(id|timestamp|body)\\}");

  /** A signed request to one scheme, with the values it was built from. */
  record Signed(Scheme scheme, byte[] body, String id, String timestamp, String signature) {
    Signed withBody(byte[] other) {
      return new Signed(scheme, other, id, timestamp, signature);
    }

    Signed withSignature(String other) {
      return new Signed(scheme, body, id, timestamp, other);
    }

    Signed withTimestamp(String other) {
      return new Signed(scheme, body, id, other, signature);
    }

    Signed withId(String other) {
      return new Signed(scheme, body, other, timestamp, signature);
    }

    InboundRequest request() {
      List<RequestHeaders.Header> lines = new ArrayList<>();
      lines.add(new RequestHeaders.Header(spelled(scheme.header()), signature));
      if (scheme.timestamped()) {
        lines.add(new RequestHeaders.Header(SignatureSchemes.TIMESTAMP_HEADER, timestamp));
      }
      if (scheme.identified()) {
        lines.add(new RequestHeaders.Header(SignatureSchemes.ID_HEADER, id));
      }
      return CredentialFuzzTest.request(lines, body);
    }

    /** Another spelling of the same header name, chosen by the body so it varies. */
    private String spelled(String name) {
      return switch (body.length % 3) {
        case 0 -> name;
        case 1 -> name.toLowerCase(Locale.ROOT);
        default -> name.toUpperCase(Locale.ROOT).replace('-', '_');
      };
    }

    Verdict verify() {
      return VerifierFactory.create(scheme.settings(), CLOCK).verify(request());
    }
  }

  @Provide
  Arbitrary<Scheme> schemes() {
    Arbitrary<String> secrets =
        Arbitraries.oneOf(
            List.of(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                // Longer than the hash block: HMAC hashes such keys first.
                Arbitraries.strings().ascii().ofMinLength(129).ofMaxLength(300)));
    return Combinators.combine(
            Arbitraries.of(HmacAlgorithm.class),
            Arbitraries.of(SignatureEncoding.class),
            Arbitraries.of("PUSHBACK_SIGNATURE", "X-Hub-Signature-256", "X-Slack-Signature"),
            Arbitraries.of("", "sha256=", "sha1=", "v0=", "v1,"),
            Arbitraries.of(
                "{body}",
                "{timestamp}.{body}",
                "v0:{timestamp}:{body}",
                "{id}.{timestamp}.{body}",
                "{timestamp}{body}{id}",
                "{body}.{id}"),
            Arbitraries.of(1L, 300L, 86_400L),
            secrets)
        .as(Scheme::new);
  }

  @Provide
  Arbitrary<Signed> signed() {
    Arbitrary<byte[]> bodies =
        Arbitraries.oneOf(
            List.of(
                Inputs.bytes(512),
                Arbitraries.strings().all().ofMaxLength(200).map(SignatureFuzzTest::utf8),
                Inputs.large(65_536, 262_144)));
    Arbitrary<String> ids =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .withChars("_-.")
            .ofMinLength(1)
            .ofMaxLength(40);
    return Combinators.combine(schemes(), bodies, ids, Arbitraries.longs().between(-86_400, 86_400))
        .as(
            (scheme, body, id, offset) -> {
              long within =
                  Math.max(-scheme.toleranceSeconds(), Math.min(offset, scheme.toleranceSeconds()));
              String timestamp = Long.toString(NOW + within);
              String usedId = scheme.identified() ? id : "";
              String usedTimestamp = scheme.timestamped() ? timestamp : "";
              return new Signed(
                  scheme,
                  body,
                  usedId,
                  usedTimestamp,
                  scheme.sign(scheme.key(), usedId, usedTimestamp, body));
            });
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // (b) self-signed

  @Property(tries = TRIES)
  void aRequestSignedByTheSenderVerifies(@ForAll("signed") Signed signed) {
    assertThat(signed.verify()).isEqualTo(Verdict.accepted());
  }

  // (c) one bit changed

  @Property(tries = TRIES)
  void oneBitChangedInTheBodyIsAMismatch(
      @ForAll("signed") Signed signed, @ForAll @IntRange(max = Integer.MAX_VALUE) int position) {
    Assume.that(signed.body().length > 0);
    byte[] changed = Inputs.flip(signed.body(), position % (signed.body().length * 8));

    assertThat(signed.withBody(changed).verify())
        .isEqualTo(Verdict.rejected(Verdict.Reason.MISMATCH));
  }

  @Property(tries = TRIES)
  void oneBitChangedInTheMacIsAMismatch(
      @ForAll("signed") Signed signed, @ForAll @IntRange(max = Integer.MAX_VALUE) int position) {
    Scheme scheme = signed.scheme();
    byte[] mac =
        scheme.mac(scheme.key(), scheme.content(signed.id(), signed.timestamp(), signed.body()));
    String changed = scheme.prefix() + scheme.encode(Inputs.flip(mac, position % (mac.length * 8)));

    assertThat(signed.withSignature(changed).verify())
        .isEqualTo(Verdict.rejected(Verdict.Reason.MISMATCH));
  }

  @Property(tries = TRIES)
  void oneBitChangedInTheSignatureTextIsRefused(
      @ForAll("signed") Signed signed, @ForAll @IntRange(max = Integer.MAX_VALUE) int position) {
    String original = signed.signature();
    int bit = position % (original.length() * 8);
    String changed = Inputs.flip(original, bit);

    Verdict verdict = signed.withSignature(changed).verify();

    // The one tolerated change: the case of a hex digit, which spells the same MAC.
    boolean sameHexMac =
        signed.scheme().encoding() == SignatureEncoding.HEX
            && bit / 8 >= signed.scheme().prefix().length()
            && changed.equalsIgnoreCase(original);
    assertThat(verdict.isAccepted()).as("accepted %s", changed).isEqualTo(sameHexMac);
  }

  @Property(tries = TRIES)
  void oneBitChangedInTheSecretIsAMismatch(
      @ForAll("signed") Signed signed, @ForAll @IntRange(max = Integer.MAX_VALUE) int position) {
    Scheme scheme = signed.scheme();
    byte[] key = Inputs.flip(scheme.key(), position % (scheme.key().length * 8));
    String signature = scheme.sign(key, signed.id(), signed.timestamp(), signed.body());

    assertThat(signed.withSignature(signature).verify())
        .isEqualTo(Verdict.rejected(Verdict.Reason.MISMATCH));
  }

  @Property(tries = TRIES)
  void oneBitChangedInTheTimestampValueIsRefused(
      @ForAll("signed") Signed signed, @ForAll @IntRange(max = 62) int bit) {
    Assume.that(signed.scheme().timestamped());
    long changed = Long.parseLong(signed.timestamp()) ^ (1L << bit);

    Verdict verdict = signed.withTimestamp(Long.toString(changed)).verify();

    assertThat(verdict)
        .isIn(
            Verdict.rejected(Verdict.Reason.MISMATCH),
            Verdict.rejected(Verdict.Reason.STALE),
            Verdict.rejected(Verdict.Reason.MALFORMED));
  }

  @Property(tries = TRIES)
  void oneBitChangedInTheTimestampOrIdTextIsRefused(
      @ForAll("signed") Signed signed,
      @ForAll boolean inId,
      @ForAll @IntRange(max = Integer.MAX_VALUE) int position) {
    Assume.that(inId ? signed.scheme().identified() : signed.scheme().timestamped());
    String original = inId ? signed.id() : signed.timestamp();
    String flipped = Inputs.flip(original, position % (original.length() * 8));
    Signed changed = inId ? signed.withId(flipped) : signed.withTimestamp(flipped);

    assertThat(changed.verify()).isInstanceOf(Verdict.Rejected.class);
  }

  // Timestamps

  @Provide
  Arbitrary<String> timestamps() {
    return Arbitraries.oneOf(
        List.of(
            Inputs.hostileText(),
            Arbitraries.of(
                "",
                "abc",
                "1e9",
                "-1",
                "0",
                "12345678901234567890",
                "+" + NOW,
                " " + NOW + " ",
                "\t" + NOW,
                "00" + NOW,
                NOW + ".0",
                "0x" + Long.toHexString(NOW),
                "١٧٥٠٠٠٠٠٠٠",
                "１７５００００００００",
                Long.toString(NOW - 300),
                Long.toString(NOW + 300),
                Long.toString(NOW - 301),
                Long.toString(NOW + 301),
                Long.toString(Long.MAX_VALUE),
                Long.toString(Long.MIN_VALUE)),
            Arbitraries.longs().between(NOW - 400, NOW + 400).map(String::valueOf),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25)));
  }

  @Property(tries = TRIES)
  void aTimestampCountsOnlyAsAsciiEpochSecondsWithinTheTolerance(
      @ForAll("timestamps") String timestamp) {
    Scheme scheme =
        new Scheme(
            HmacAlgorithm.HMAC_SHA256,
            SignatureEncoding.BASE64,
            "Webhook-Signature",
            "",
            "{timestamp}.{body}",
            300,
            "whsec-0123456789");
    String signedTimestamp = timestamp.strip();
    byte[] body = utf8("{\"event\":\"ping\"}");
    Signed signed =
        new Signed(
            scheme, body, "", timestamp, scheme.sign(scheme.key(), "", signedTimestamp, body));

    Verdict verdict = signed.verify();

    Matcher epoch = EPOCH_SECONDS.matcher(signedTimestamp);
    if (!epoch.matches()) {
      assertThat(verdict).isEqualTo(Verdict.rejected(Verdict.Reason.MALFORMED));
    } else if (Math.abs(Long.parseLong(signedTimestamp) - NOW) > 300) {
      assertThat(verdict).isEqualTo(Verdict.rejected(Verdict.Reason.STALE));
    } else {
      assertThat(verdict).isEqualTo(Verdict.accepted());
    }
  }

  // Hostile values in every header the method reads

  @Property(tries = TRIES)
  void hostileSignatureTimestampAndIdValuesAreRefused(
      @ForAll("schemes") Scheme scheme,
      @ForAll("signatureValues") String signature,
      @ForAll("timestamps") String timestamp,
      @ForAll("signatureValues") String id) {
    Signed signed = new Signed(scheme, utf8("{}"), id, timestamp, signature);

    assertThat(signed.verify()).isInstanceOf(Verdict.Rejected.class);
  }

  @Provide
  Arbitrary<String> signatureValues() {
    return Arbitraries.oneOf(
        List.of(
            Inputs.hostileText(),
            Inputs.bytes(80).map(b -> Base64.getEncoder().encodeToString(b)),
            Inputs.bytes(80).map(b -> Base64.getUrlEncoder().encodeToString(b)),
            Inputs.bytes(80).map(b -> "sha256=" + HexFormat.of().formatHex(b)),
            Inputs.hostileText().map(v -> "sha256=" + v),
            Inputs.hostileText().map(v -> "v1," + v)));
  }

  // Encodings

  @Property(tries = TRIES)
  void decodingArbitraryTextYieldsAMacOfTheLengthAskedOrNothing(
      @ForAll("signatureValues") String text,
      @ForAll SignatureEncoding encoding,
      @ForAll("macLengths") int macLength) {
    Optional<byte[]> decoded = encoding.decode(text, macLength);

    decoded.ifPresent(
        mac -> {
          assertThat(mac).hasSize(macLength);
          if (encoding == SignatureEncoding.HEX) {
            assertThat(encoding.encode(mac)).isEqualToIgnoringCase(text);
          } else {
            assertThat(encoding.encode(mac)).isEqualTo(text);
          }
        });
  }

  @Provide
  Arbitrary<Integer> macLengths() {
    return Arbitraries.oneOf(
        List.of(Arbitraries.of(16, 20, 32, 64), Arbitraries.integers().between(0, 100)));
  }

  @Property(tries = TRIES)
  void everyMacRoundTripsAndOnlyItsCanonicalSpellingDecodes(
      @ForAll("macs") byte[] mac, @ForAll SignatureEncoding encoding) {
    String text = encoding.encode(mac);

    assertThat(encoding.decode(text, mac.length))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(mac));
    assertThat(encoding.decode(text, mac.length + 1)).isEmpty();
    assertThat(encoding.decode(text.substring(0, text.length() - 1), mac.length)).isEmpty();
    String urlSafe = Base64.getUrlEncoder().encodeToString(mac);
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(mac);
    if (encoding == SignatureEncoding.BASE64) {
      assertThat(encoding.decode(urlSafe, mac.length).isPresent()).isEqualTo(urlSafe.equals(text));
      assertThat(encoding.decode(unpadded, mac.length).isPresent())
          .isEqualTo(unpadded.equals(text));
      assertThat(SignatureEncoding.HEX.decode(text, mac.length)).isEmpty();
    } else {
      assertThat(SignatureEncoding.BASE64.decode(text, mac.length)).isEmpty();
    }
  }

  @Provide
  Arbitrary<byte[]> macs() {
    return Arbitraries.of(16, 20, 32, 64)
        .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
  }

  // Signed-content templates

  @Provide
  Arbitrary<String> templates() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            List.of(
                Arbitraries.of(
                    "{body}", "{timestamp}", "{id}", "{", "}", "{x}", "{BODY}", ".", ":"),
                Arbitraries.strings().all().ofMaxLength(6)));
    return Arbitraries.oneOf(
        List.of(
            pieces.list().ofMaxSize(8).map(list -> String.join("", list)), Inputs.hostileText()));
  }

  @Property(tries = TRIES)
  void aTemplateParsesOrIsRefusedAsASettingAndRendersWhatItSays(
      @ForAll("templates") String template,
      @ForAll("signatureValues") String id,
      @ForAll("timestamps") String timestamp,
      @ForAll("smallBodies") byte[] body) {
    SignedContent content;
    try {
      content = SignedContent.parse("signedContent", template);
    } catch (InvalidSettingException e) {
      assertThat(e.getMessage()).contains("signedContent");
      return;
    }

    assertThat(content.template()).isEqualTo(template);
    assertThat(AuthParsers.render(content, id, timestamp, body))
        .isEqualTo(expectedRendering(template, id, timestamp, body));
  }

  @Provide
  Arbitrary<byte[]> smallBodies() {
    return Inputs.bytes(64);
  }

  /** The template with its placeholders filled in, computed apart from the main code. */
  private static byte[] expectedRendering(
      String template, String id, String timestamp, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Matcher matcher = PLACEHOLDER.matcher(template);
    int position = 0;
    while (matcher.find()) {
      out.writeBytes(utf8(template.substring(position, matcher.start())));
      switch (matcher.group(1)) {
        case "body" -> out.writeBytes(body);
        case "timestamp" -> out.writeBytes(timestamp.getBytes(StandardCharsets.US_ASCII));
        default -> out.writeBytes(utf8(id));
      }
      position = matcher.end();
    }
    out.writeBytes(utf8(template.substring(position)));
    return out.toByteArray();
  }

  // Settings

  @Provide
  Arbitrary<Map<String, String>> settingFields() {
    Arbitrary<String> values =
        Arbitraries.oneOf(
            List.of(
                Inputs.hostileText(),
                Arbitraries.of(
                    "signature",
                    "basic",
                    "bearer",
                    "token_secret",
                    "HmacSHA256",
                    "hmacripemd128",
                    "hex",
                    "BASE64",
                    "{timestamp}.{body}",
                    "{id}.{body}",
                    "X-Timestamp",
                    "300",
                    "0",
                    "-5",
                    "99999999999999999999",
                    " 30 ",
                    "")));
    Arbitrary<String> fields =
        Arbitraries.of(
            SecuritySettings.METHOD,
            SecuritySettings.USERNAME,
            SecuritySettings.PASSWORD,
            SecuritySettings.TOKEN,
            SecuritySettings.SECRET,
            SecuritySettings.HEADER,
            SecuritySettings.ALGORITHM,
            SecuritySettings.ENCODING,
            SecuritySettings.PREFIX,
            SecuritySettings.TIMESTAMP_HEADER,
            SecuritySettings.TOLERANCE_SECONDS,
            SecuritySettings.SIGNED_CONTENT,
            SecuritySettings.ID_HEADER);
    return Combinators.combine(
            Arbitraries.of("signature", "basic", "bearer", "token_secret", "none"),
            Arbitraries.maps(fields, values).ofMaxSize(13))
        .as(
            (method, map) -> {
              Map<String, String> all = new HashMap<>(map);
              all.putIfAbsent(SecuritySettings.METHOD, method);
              return all;
            });
  }

  @Property(tries = TRIES)
  void settingsParseOrNameTheFieldThatIsWrong(@ForAll("settingFields") Map<String, String> fields) {
    Throwable thrown = catchThrowable(() -> SecuritySettings.parse(fields::get));

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(InvalidSettingException.class);
    }
  }

  @Property(tries = 10)
  void aTemplateWithoutItsBodyIsRefused(@ForAll("ids") String text) {
    assertThatThrownBy(() -> SignedContent.parse("signedContent", text))
        .isInstanceOf(InvalidSettingException.class);
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().alpha().ofMaxLength(10);
  }
}
