package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer vectors kept as data files under {@code src/test/resources/vectors}: the published
 * HMAC test cases for every algorithm, and the signatures the source documents' own code produces.
 */
final class KnownAnswerVectorsTest {
  private static final String RFC4231_SHA256 = "/vectors/rfc4231-hmac-sha256.csv";
  private static final String RFC2286_RIPEMD128 = "/vectors/rfc2286-hmac-ripemd128.csv";
  private static final String SHA1_SHA512 = "/vectors/hmac-sha1-sha512.csv";
  private static final String SOURCE_SCHEME = "/vectors/source-scheme-hmac-sha256-base64.csv";
  private static final String ACTIGRAPH = "/vectors/actigraph-example.csv";

  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "{0} case {1}")
  @CsvFileSource(resources = {RFC4231_SHA256, RFC2286_RIPEMD128, SHA1_SHA512})
  void hmacMatchesPublishedTestCase(
      String algorithmName, int testCase, String keyHex, String dataHex, String macHex) {
    HmacAlgorithm algorithm = HmacAlgorithm.fromSettingName("algorithm", algorithmName);

    byte[] mac = algorithm.sign(HEX.parseHex(keyHex), HEX.parseHex(dataHex));

    assertThat(HEX.formatHex(mac)).isEqualTo(macHex);
    assertThat(mac).hasSize(algorithm.macLength());
  }

  @Test
  void vectorFilesCoverEveryAlgorithm() {
    List<String> algorithms = new ArrayList<>();
    for (String resource : List.of(RFC4231_SHA256, RFC2286_RIPEMD128, SHA1_SHA512)) {
      readRows(resource).forEach(row -> algorithms.add(row.get(0)));
    }
    assertThat(algorithms)
        .containsAll(Stream.of(HmacAlgorithm.values()).map(HmacAlgorithm::settingName).toList());
  }

  @ParameterizedTest(name = "{2}")
  @CsvFileSource(resources = {SOURCE_SCHEME, ACTIGRAPH})
  void sourceDocumentsSchemeIsBase64OfHmacSha256OfTheBody(
      String secret, String body, String signature) {
    byte[] mac = HmacAlgorithm.HMAC_SHA256.sign(secret.getBytes(UTF_8), body.getBytes(UTF_8));

    assertThat(Base64.getEncoder().encodeToString(mac)).isEqualTo(signature);
    assertThat(SignatureEncoding.BASE64.encode(mac)).isEqualTo(signature);
  }

  @ParameterizedTest(name = "{2}")
  @CsvFileSource(resources = {SOURCE_SCHEME, ACTIGRAPH})
  void defaultSignatureSettingsAcceptTheSourceDocumentsSignature(
      String secret, String body, String signature) {
    SecuritySettings settings =
        SecuritySettings.parse(Map.of("method", "signature", "secret", secret)::get);
    Verifier verifier = VerifierFactory.create(settings);

    assertThat(verifier.verify(request(body.getBytes(UTF_8), "PUSHBACK_SIGNATURE", signature)))
        .isEqualTo(Verdict.accepted());
    assertThat(
            verifier.verify(request((body + " ").getBytes(UTF_8), "PUSHBACK_SIGNATURE", signature)))
        .isEqualTo(Verdict.rejected(Verdict.Reason.MISMATCH));
  }

  @ParameterizedTest(name = "{2}")
  @CsvFileSource(resources = ACTIGRAPH)
  void acceptsActiGraphWorkedExampleUnderItsOwnHeader(
      String secret, String body, String signature) {
    SecuritySettings settings =
        SecuritySettings.parse(
            Map.of("method", "signature", "header", "X-ActiGraph-Signature", "secret", secret)
                ::get);

    assertThat(
            VerifierFactory.create(settings)
                .verify(request(body.getBytes(UTF_8), "X-ActiGraph-Signature", signature)))
        .isEqualTo(Verdict.accepted());
  }

  /**
   * Each algorithm's "Jefe" test case (case 2 of every RFC): a key that is text, as a configured
   * secret is.
   */
  static Stream<Arguments> textKeyVectors() {
    List<Arguments> arguments = new ArrayList<>();
    for (String resource : List.of(RFC4231_SHA256, RFC2286_RIPEMD128, SHA1_SHA512)) {
      for (List<String> row : readRows(resource)) {
        if (row.get(1).equals("2")) {
          String key = new String(HEX.parseHex(row.get(2)), UTF_8);
          byte[] data = HEX.parseHex(row.get(3));
          byte[] mac = HEX.parseHex(row.get(4));
          arguments.add(
              Arguments.of(
                  row.get(0), key, data, "base64", Base64.getEncoder().encodeToString(mac)));
          arguments.add(Arguments.of(row.get(0), key, data, "hex", HEX.formatHex(mac)));
          arguments.add(
              Arguments.of(
                  row.get(0), key, data, "hex", HEX.formatHex(mac).toUpperCase(Locale.ROOT)));
        }
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} {3} {4}")
  @MethodSource("textKeyVectors")
  void signatureVerifierAcceptsEachAlgorithmInEachEncoding(
      String algorithm, String key, byte[] data, String encoding, String headerValue) {
    Verifier verifier =
        VerifierFactory.create(
            SecuritySettings.parse(
                Map.of(
                        "method",
                        "signature",
                        "algorithm",
                        algorithm,
                        "encoding",
                        encoding,
                        "secret",
                        key)
                    ::get));
    byte[] changed = data.clone();
    changed[0] ^= 1;

    assertThat(verifier.verify(request(data, "PUSHBACK_SIGNATURE", headerValue)))
        .isEqualTo(Verdict.accepted());
    assertThat(verifier.verify(request(changed, "PUSHBACK_SIGNATURE", headerValue)))
        .isEqualTo(Verdict.rejected(Verdict.Reason.MISMATCH));
  }

  @Test
  void textKeyVectorsExistForEveryAlgorithm() {
    assertThat(textKeyVectors().map(arguments -> arguments.get()[0]).distinct())
        .containsExactlyInAnyOrder("HmacSHA256", "HmacRIPEMD128", "HmacSHA1", "HmacSHA512");
  }

  private static InboundRequest request(byte[] body, String header, String value) {
    return new InboundRequest(
        "POST",
        "/pushback/key",
        "",
        new RequestHeaders(List.of(new RequestHeaders.Header(header, value))),
        body,
        "192.0.2.1");
  }

  /**
   * The rows of a vector file whose fields hold no quotes or commas (the hex files): comments
   * skipped.
   */
  private static List<List<String>> readRows(String resource) {
    try (InputStream in =
            Objects.requireNonNull(
                KnownAnswerVectorsTest.class.getResourceAsStream(resource), resource);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8))) {
      List<List<String>> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(List.of(line.split(",", -1)));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
