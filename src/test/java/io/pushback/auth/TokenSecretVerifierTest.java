package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.auth.Verdict.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TokenSecretVerifierTest {
  private static final String TOKEN = "tok-4f1c";
  private static final String SECRET = "sec-9a7e-b2";

  private final Verifier verifier =
      VerifierFactory.create(new SecuritySettings.TokenSecret(Secret.of(TOKEN), Secret.of(SECRET)));

  @Test
  void acceptsAccessTokenAndAccessSecret() {
    assertThat(verify("Access-Token", TOKEN, "Access-Secret", SECRET))
        .isEqualTo(Verdict.accepted());
  }

  @ParameterizedTest
  @CsvSource({
    "ACCESS_TOKEN, ACCESS_SECRET",
    "HTTP_ACCESS_TOKEN, HTTP_ACCESS_SECRET",
    "access-token, access-secret",
    "HTTP_ACCESS_TOKEN, Access-Secret",
    "access_token, HTTP-ACCESS-SECRET"
  })
  void acceptsEverySpellingOfTheHeaderNames(String tokenHeader, String secretHeader) {
    assertThat(verify(tokenHeader, TOKEN, secretHeader, SECRET)).isEqualTo(Verdict.accepted());
  }

  @Test
  void refusesMissingToken() {
    assertThat(verify("Access-Secret", SECRET)).isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void refusesMissingSecret() {
    assertThat(verify("Access-Token", TOKEN)).isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void refusesNoCredentialAtAll() {
    assertThat(verify("Content-Type", "application/json"))
        .isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void refusesWrongToken() {
    assertThat(verify("Access-Token", "tok-0000", "Access-Secret", SECRET))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesWrongSecret() {
    assertThat(verify("Access-Token", TOKEN, "Access-Secret", "sec-0000-00"))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesTokenAndSecretSwapped() {
    assertThat(verify("Access-Token", SECRET, "Access-Secret", TOKEN))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesTruncatedSecret() {
    assertThat(
            verify(
                "Access-Token", TOKEN, "Access-Secret", SECRET.substring(0, SECRET.length() - 1)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesSecretInAnotherCase() {
    assertThat(verify("Access-Token", TOKEN, "Access-Secret", SECRET.toUpperCase(Locale.ROOT)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesSameTokenHeaderTwice() {
    assertThat(verify("Access-Token", TOKEN, "Access-Token", TOKEN, "Access-Secret", SECRET))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void refusesTwoSpellingsOfTheTokenHeader() {
    assertThat(verify("Access-Token", TOKEN, "HTTP_ACCESS_TOKEN", TOKEN, "Access-Secret", SECRET))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void refusesTwoSpellingsOfTheSecretHeaderWithDifferentValues() {
    assertThat(verify("Access-Token", TOKEN, "ACCESS_SECRET", "other", "access-secret", SECRET))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void reportsDuplicateRatherThanMissing() {
    assertThat(verify("Access-Secret", SECRET, "HTTP_ACCESS_SECRET", SECRET))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void sendsNoChallengeAndNamesBothCredentialHeaders() {
    assertThat(verifier.challenge()).isEmpty();
    assertThat(verifier.credentialHeaders())
        .containsExactlyInAnyOrder(
            HeaderNames.normalize("Access-Token"), HeaderNames.normalize("Access-Secret"));
  }

  private Verdict verify(String... headerNamesAndValues) {
    return verifier.verify(request(headerNamesAndValues));
  }

  private static InboundRequest request(String... headerNamesAndValues) {
    List<RequestHeaders.Header> lines = new ArrayList<>();
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      lines.add(new RequestHeaders.Header(headerNamesAndValues[i], headerNamesAndValues[i + 1]));
    }
    return new InboundRequest(
        "POST", "/pushback/key", "", new RequestHeaders(lines), "{}".getBytes(UTF_8), "192.0.2.1");
  }
}
