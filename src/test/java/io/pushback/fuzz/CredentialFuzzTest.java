package io.pushback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.auth.AuthParsers;
import io.pushback.auth.HeaderNames;
import io.pushback.auth.HmacAlgorithm;
import io.pushback.auth.InboundRequest;
import io.pushback.auth.RequestHeaders;
import io.pushback.auth.Secret;
import io.pushback.auth.SecuritySettings;
import io.pushback.auth.SignatureEncoding;
import io.pushback.auth.Verdict;
import io.pushback.auth.Verifier;
import io.pushback.auth.VerifierFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Basic, Bearer, token/secret and the parsers under them ({@code Authorization} values, header name
 * aliasing, header lookup) fed hostile input: a verifier always answers with a verdict, a request
 * its owner signed is accepted, and a credential with one bit changed is not.
 */
class CredentialFuzzTest {
  private static final int TRIES = 1000;
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_750_000_000L), ZoneOffset.UTC);

  /** One verifier of every method, including the signature variants, with fixed secrets. */
  private static final List<Verifier> VERIFIERS =
      List.of(
          VerifierFactory.create(new SecuritySettings.Basic("acme", Secret.of("pw-0123456789"))),
          VerifierFactory.create(new SecuritySettings.Bearer(Secret.of("bearer-0123456789"))),
          VerifierFactory.create(
              new SecuritySettings.TokenSecret(
                  Secret.of("token-0123456789"), Secret.of("secret-0123456789"))),
          VerifierFactory.create(
              new SecuritySettings.Signature(
                  HeaderNames.DEFAULT_SIGNATURE,
                  HmacAlgorithm.HMAC_SHA256,
                  SignatureEncoding.BASE64,
                  "",
                  Secret.of("hmac-0123456789")),
              CLOCK),
          VerifierFactory.create(
              SignatureSchemes.timestamped("X-Hub-Signature-256", "sha256=", "hmac-0123456789"),
              CLOCK));

  private static final List<String> CREDENTIAL_NAMES =
      List.of(
          "Authorization",
          "authorization",
          "HTTP_AUTHORIZATION",
          "Http-Authorization",
          "Access-Token",
          "ACCESS_SECRET",
          "HTTP_ACCESS_TOKEN",
          "PUSHBACK_SIGNATURE",
          "X-Hub-Signature-256",
          SignatureSchemes.TIMESTAMP_HEADER,
          SignatureSchemes.ID_HEADER);

  static InboundRequest request(List<RequestHeaders.Header> lines, byte[] body) {
    return new InboundRequest(
        "POST", "/pushback/key", "", new RequestHeaders(lines), body, "127.0.0.1");
  }

  static InboundRequest request(String name, String value) {
    return request(List.of(new RequestHeaders.Header(name, value)), new byte[0]);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] join(byte[] user, byte[] password) {
    byte[] pair = new byte[user.length + 1 + password.length];
    System.arraycopy(user, 0, pair, 0, user.length);
    pair[user.length] = ':';
    System.arraycopy(password, 0, pair, user.length + 1, password.length);
    return pair;
  }

  // Arbitrary input: a verdict, never an exception, never an acceptance

  @Provide
  Arbitrary<List<RequestHeaders.Header>> headerLines() {
    Arbitrary<String> names =
        Arbitraries.oneOf(List.of(Arbitraries.of(CREDENTIAL_NAMES), Inputs.hostileText()));
    Arbitrary<String> values =
        Arbitraries.oneOf(
            List.of(
                Inputs.hostileText(),
                Inputs.hostileText().map(v -> "Basic " + v),
                Inputs.hostileText().map(v -> "Bearer " + v),
                Inputs.bytes(64).map(b -> "Basic " + base64(b)),
                Inputs.bytes(64).map(b -> "sha256=" + base64(b)),
                Arbitraries.longs().map(String::valueOf)));
    return Combinators.combine(names, values).as(RequestHeaders.Header::new).list().ofMaxSize(6);
  }

  @Property(tries = TRIES)
  void everyVerifierAnswersArbitraryHeadersWithARefusal(
      @ForAll("headerLines") List<RequestHeaders.Header> lines) {
    InboundRequest request = request(lines, utf8("{}"));

    for (Verifier verifier : VERIFIERS) {
      Verdict verdict = verifier.verify(request);

      assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    }
  }

  @Property(tries = TRIES)
  void basicRefusesArbitraryDecodedCredentialBytes(@ForAll("credentialBytes") byte[] decoded) {
    Verdict verdict = VERIFIERS.get(0).verify(request("Authorization", "Basic " + base64(decoded)));

    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
  }

  @Provide
  Arbitrary<byte[]> credentialBytes() {
    return Arbitraries.oneOf(
        List.of(
            Inputs.bytes(256),
            Inputs.bytes(64).map(b -> join(utf8("acme"), b)),
            Inputs.bytes(64).map(b -> join(b, utf8("pw-0123456789")))));
  }

  // Basic

  @Provide
  Arbitrary<String> usernames() {
    return Arbitraries.strings()
        .all()
        .ofMinLength(1)
        .ofMaxLength(40)
        .filter(name -> !name.isBlank() && name.indexOf(':') < 0);
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80);
  }

  @Property(tries = TRIES)
  void basicAcceptsTheCredentialsItWasGivenUnderEverySpelling(
      @ForAll("usernames") String username,
      @ForAll("secrets") String password,
      @ForAll @IntRange(max = 3) int spelling) {
    Verifier verifier =
        VerifierFactory.create(new SecuritySettings.Basic(username, Secret.of(password)));
    String encoded = base64(join(utf8(username), utf8(password)));
    InboundRequest request =
        switch (spelling) {
          case 0 -> request("Authorization", "Basic " + encoded);
          case 1 -> request("authorization", "bASIC " + encoded);
          case 2 -> request("HTTP_AUTHORIZATION", "Basic " + encoded);
          default -> request("HTTP_AUTHORIZATION", encoded);
        };

    assertThat(verifier.verify(request).isAccepted()).isTrue();
  }

  @Property(tries = TRIES)
  void basicRefusesAUsernameOrPasswordWithOneBitChanged(
      @ForAll("usernames") String username,
      @ForAll("secrets") String password,
      @ForAll @IntRange(max = Integer.MAX_VALUE) int position) {
    Verifier verifier =
        VerifierFactory.create(new SecuritySettings.Basic(username, Secret.of(password)));
    byte[] pair = join(utf8(username), utf8(password));
    byte[] changed = Inputs.flip(pair, position % (pair.length * 8));

    Verdict verdict = verifier.verify(request("Authorization", "Basic " + base64(changed)));

    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
  }

  // Bearer

  @Provide
  Arbitrary<String> bearerTokens() {
    Arbitrary<String> body =
        Arbitraries.strings()
            .withCharRange('A', 'Z')
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .withChars("._~+/-")
            .ofMinLength(1)
            .ofMaxLength(200);
    return Combinators.combine(body, Arbitraries.integers().between(0, 2))
        .as((token, padding) -> token + "=".repeat(padding));
  }

  @Property(tries = TRIES)
  void bearerAcceptsItsToken(@ForAll("bearerTokens") String token) {
    Verifier verifier = VerifierFactory.create(new SecuritySettings.Bearer(Secret.of(token)));

    assertThat(verifier.verify(request("Authorization", "Bearer " + token)).isAccepted()).isTrue();
    assertThat(verifier.verify(request("authorization", "bearer  " + token + " ")).isAccepted())
        .isTrue();
  }

  @Property(tries = TRIES)
  void bearerRefusesATokenWithOneBitChanged(
      @ForAll("bearerTokens") String token,
      @ForAll @IntRange(max = Integer.MAX_VALUE) int position) {
    Verifier verifier = VerifierFactory.create(new SecuritySettings.Bearer(Secret.of(token)));
    String changed = Inputs.flip(token, position % (token.length() * 8));

    Verdict verdict = verifier.verify(request("Authorization", "Bearer " + changed));

    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
  }

  // token_secret

  @Provide
  Arbitrary<String> headerSecrets() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80);
  }

  @Property(tries = TRIES)
  void tokenSecretAcceptsItsPairAndRefusesEitherWithOneBitChanged(
      @ForAll("headerSecrets") String token,
      @ForAll("headerSecrets") String secret,
      @ForAll boolean changeToken,
      @ForAll @IntRange(max = Integer.MAX_VALUE) int position) {
    Verifier verifier =
        VerifierFactory.create(
            new SecuritySettings.TokenSecret(Secret.of(token), Secret.of(secret)));
    List<RequestHeaders.Header> lines = new ArrayList<>();
    lines.add(new RequestHeaders.Header("ACCESS_TOKEN", token));
    lines.add(new RequestHeaders.Header("Access-Secret", secret));
    assertThat(verifier.verify(request(lines, new byte[0])).isAccepted()).isTrue();

    int index = changeToken ? 0 : 1;
    String original = lines.get(index).value();
    String changed = Inputs.flip(original, position % (original.length() * 8));
    lines.set(index, new RequestHeaders.Header(lines.get(index).name(), changed));

    assertThat(verifier.verify(request(lines, new byte[0]))).isInstanceOf(Verdict.Rejected.class);
  }

  @Property(tries = TRIES)
  void tokenSecretTakesAnyTextAsItIs(
      @ForAll("secrets") String token, @ForAll("secrets") String secret) {
    Verifier verifier =
        VerifierFactory.create(
            new SecuritySettings.TokenSecret(Secret.of(token), Secret.of(secret)));

    Verdict verdict =
        verifier.verify(
            request(
                List.of(
                    new RequestHeaders.Header("Access-Token", token),
                    new RequestHeaders.Header("HTTP_ACCESS_SECRET", secret)),
                new byte[0]));

    assertThat(verdict.isAccepted()).isTrue();
  }

  // Authorization values

  @Property(tries = TRIES)
  void authorizationValuesSplitIntoOneSchemeAndOneCredential(
      @ForAll("authorizationValues") String value) {
    Optional<String[]> parsed = AuthParsers.authorization(value);

    parsed.ifPresent(
        parts -> {
          assertThat(parts[0]).isNotEmpty().doesNotContain(" ");
          assertThat(parts[1]).isNotEmpty().doesNotContain(" ").isEqualTo(parts[1].strip());
          String[] again = AuthParsers.authorization(parts[0] + " " + parts[1]).orElseThrow();
          assertThat(again).containsExactly(parts);
        });
  }

  @Provide
  Arbitrary<String> authorizationValues() {
    return Arbitraries.oneOf(
        List.of(
            Inputs.hostileText(),
            Combinators.combine(Inputs.hostileText(), Inputs.hostileText())
                .as((a, b) -> a + " " + b),
            Inputs.hostileText().map(v -> "Basic " + v)));
  }

  // Header names and lookup

  @Property(tries = TRIES)
  void normalizingANameNeverThrowsAndFoldsCaseAndUnderscores(@ForAll("names") String name) {
    String normalized = HeaderNames.normalize(name);

    assertThat(normalized).doesNotContain("_").isEqualTo(normalized.strip());
    assertThat(normalized).isEqualTo(normalized.toLowerCase(Locale.ROOT));
    assertThat(HeaderNames.normalize(asciiUpperCase(name).replace('-', '_')))
        .isEqualTo(HeaderNames.normalize(name.replace('_', '-')));
  }

  /**
   * Header names are ASCII tokens: only ASCII letters fold (Unicode case mapping does not
   * round-trip, e.g. µ).
   */
  private static String asciiUpperCase(String text) {
    StringBuilder upper = new StringBuilder(text.length());
    text.chars().forEach(c -> upper.append((char) (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c)));
    return upper.toString();
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        List.of(
            Inputs.hostileText(),
            Arbitraries.of(CREDENTIAL_NAMES),
            Arbitraries.strings().withChars("HTPhtp_-Aa ").ofMaxLength(12)));
  }

  @Property(tries = TRIES)
  void theCgiSpellingOfATokenNameIsTheSameHeader(@ForAll("tokenNames") String name) {
    assertThat(HeaderNames.normalize("HTTP_" + name.replace('-', '_')))
        .isEqualTo(HeaderNames.normalize(name));
  }

  @Provide
  Arbitrary<String> tokenNames() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars("-_")
        .ofMinLength(1)
        .ofMaxLength(30)
        .filter(name -> !HeaderNames.normalize(name).startsWith("http-"));
  }

  @Property(tries = TRIES)
  void lookupFindsEveryLineUnderAnySpelling(
      @ForAll("headerLines") List<RequestHeaders.Header> lines, @ForAll("names") String name) {
    RequestHeaders headers = new RequestHeaders(lines);

    List<RequestHeaders.Header> found = headers.all(name);

    assertThat(found)
        .containsExactlyElementsOf(
            lines.stream()
                .filter(l -> HeaderNames.normalize(l.name()).equals(HeaderNames.normalize(name)))
                .toList());
    assertThat(headers.single(name).isPresent()).isEqualTo(found.size() == 1);
    assertThat(headers.requireSingle(name).isEmpty()).isEqualTo(found.size() == 1);
  }

  @Provide
  Arbitrary<String> hugeValues() {
    return Inputs.large(100_000, 300_000).map(b -> new String(b, StandardCharsets.ISO_8859_1));
  }

  @Property(tries = 100)
  void hugeHeaderValuesAreRefusedNotThrown(@ForAll("hugeValues") String value) {
    for (String scheme : List.of("", "Basic ", "Bearer ", "sha256=")) {
      InboundRequest request =
          request(
              List.of(
                  new RequestHeaders.Header("Authorization", scheme + value),
                  new RequestHeaders.Header("Access-Token", value),
                  new RequestHeaders.Header("Access-Secret", value),
                  new RequestHeaders.Header("PUSHBACK_SIGNATURE", scheme + value),
                  new RequestHeaders.Header("X-Hub-Signature-256", scheme + value),
                  new RequestHeaders.Header(SignatureSchemes.TIMESTAMP_HEADER, value)),
              new byte[0]);
      for (Verifier verifier : VERIFIERS) {
        assertThat(verifier.verify(request)).isInstanceOf(Verdict.Rejected.class);
      }
    }
  }
}
