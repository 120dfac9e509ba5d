package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.auth.Verdict.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class BasicVerifierTest {
  private static final String USERNAME = "acme";

  /**
   * Holds a colon: only the first colon of the decoded credentials separates user from password.
   */
  private static final String PASSWORD = "correct horse:battery staple";

  private static final String VALID = base64(USERNAME + ":" + PASSWORD);

  private final Verifier verifier =
      VerifierFactory.create(new SecuritySettings.Basic(USERNAME, Secret.of(PASSWORD)));

  @Test
  void acceptsAuthorizationBasic() {
    assertThat(verify("Authorization", "Basic " + VALID)).isEqualTo(Verdict.accepted());
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "BASIC", "Basic"})
  void acceptsSchemeInAnyCase(String scheme) {
    assertThat(verify("Authorization", scheme + " " + VALID)).isEqualTo(Verdict.accepted());
  }

  @Test
  void acceptsCgiSpellingWithScheme() {
    assertThat(verify("HTTP_AUTHORIZATION", "Basic " + VALID)).isEqualTo(Verdict.accepted());
  }

  @Test
  void acceptsCgiSpellingWithoutScheme() {
    assertThat(verify("HTTP_AUTHORIZATION", VALID)).isEqualTo(Verdict.accepted());
  }

  @Test
  void acceptsLowerCaseHeaderName() {
    assertThat(verify("authorization", "Basic " + VALID)).isEqualTo(Verdict.accepted());
  }

  @Test
  void refusesMissingHeader() {
    assertThat(verify("Access-Token", VALID)).isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void refusesWrongPassword() {
    assertThat(verify("Authorization", "Basic " + base64(USERNAME + ":wrong")))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesWrongUsername() {
    assertThat(verify("Authorization", "Basic " + base64("acme2:" + PASSWORD)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesTruncatedPassword() {
    String truncated = PASSWORD.substring(0, PASSWORD.length() - 1);
    assertThat(verify("Authorization", "Basic " + base64(USERNAME + ":" + truncated)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesPasswordWithSomethingAppended() {
    assertThat(verify("Authorization", "Basic " + base64(USERNAME + ":" + PASSWORD + "x")))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesCredentialsSplitAtTheWrongColon() {
    // "acme:correct horse" as user and "battery staple" as password would be another pair.
    assertThat(verify("Authorization", "Basic " + base64("acme:correct horse")))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesBearerScheme() {
    assertThat(verify("Authorization", "Bearer " + VALID))
        .isEqualTo(Verdict.rejected(Reason.WRONG_SCHEME));
  }

  @Test
  void refusesBearerSchemeUnderCgiSpelling() {
    assertThat(verify("HTTP_AUTHORIZATION", "Bearer " + VALID))
        .isEqualTo(Verdict.rejected(Reason.WRONG_SCHEME));
  }

  @Test
  void refusesBareCredentialsUnderTheStandardName() {
    // Only the literal CGI spelling may leave out the scheme.
    assertThat(verify("Authorization", VALID)).isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic", "Basic ", "Basic !!!not-base64!!!", "Basic YWNt ZTpwdw==", ""})
  void refusesMalformedValue(String value) {
    assertThat(verify("Authorization", value)).isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesCredentialsWithoutColon() {
    assertThat(verify("Authorization", "Basic " + base64("acme-without-a-colon")))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesUrlSafeBase64() {
    // "acme:??>" encodes to "YWNtZTo/Pz4=" in the standard alphabet and "YWNtZTo_Pz4=" in the
    // URL-safe one.
    Verifier questionMarks =
        VerifierFactory.create(new SecuritySettings.Basic(USERNAME, Secret.of("??>")));
    assertThat(base64("acme:??>")).isEqualTo("YWNtZTo/Pz4=");

    assertThat(questionMarks.verify(request("Authorization", "Basic YWNtZTo/Pz4=")))
        .isEqualTo(Verdict.accepted());
    assertThat(questionMarks.verify(request("Authorization", "Basic YWNtZTo_Pz4=")))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesSameHeaderTwice() {
    assertThat(verify("Authorization", "Basic " + VALID, "Authorization", "Basic " + VALID))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void refusesStandardAndCgiSpellingTogether() {
    assertThat(verify("Authorization", "Basic " + VALID, "HTTP_AUTHORIZATION", VALID))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void refusesDuplicateEvenWhenOnlyOneIsWrong() {
    assertThat(
            verify(
                "HTTP_AUTHORIZATION",
                "Basic " + base64("acme:x"),
                "Authorization",
                "Basic " + VALID))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void challengesWithBasicRealm() {
    assertThat(verifier.challenge())
        .hasValueSatisfying(c -> assertThat(c).startsWith("Basic realm="));
    assertThat(verifier.credentialHeaders())
        .containsExactly(HeaderNames.normalize("Authorization"));
  }

  private Verdict verify(String... headerNamesAndValues) {
    return verifier.verify(request(headerNamesAndValues));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }

  private static InboundRequest request(String... headerNamesAndValues) {
    List<RequestHeaders.Header> lines = new ArrayList<>();
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      lines.add(new RequestHeaders.Header(headerNamesAndValues[i], headerNamesAndValues[i + 1]));
    }
    return new InboundRequest(
        "POST", "/pushback/key", "", new RequestHeaders(lines), "a=1".getBytes(UTF_8), "192.0.2.1");
  }
}
