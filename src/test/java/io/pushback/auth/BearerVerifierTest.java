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

final class BearerVerifierTest {
  private static final String TOKEN = "mF_9.B5f-4.1JqM";

  private final Verifier verifier =
      VerifierFactory.create(new SecuritySettings.Bearer(Secret.of(TOKEN)));

  @Test
  void acceptsAuthorizationBearer() {
    assertThat(verify("Authorization", "Bearer " + TOKEN)).isEqualTo(Verdict.accepted());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer", "BEARER"})
  void acceptsSchemeInAnyCase(String scheme) {
    assertThat(verify("Authorization", scheme + " " + TOKEN)).isEqualTo(Verdict.accepted());
  }

  @Test
  void acceptsCgiSpelling() {
    assertThat(verify("HTTP_AUTHORIZATION", "Bearer " + TOKEN)).isEqualTo(Verdict.accepted());
  }

  @Test
  void refusesMissingHeader() {
    assertThat(verify("X-Token", TOKEN)).isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void refusesWrongToken() {
    assertThat(verify("Authorization", "Bearer mF_9.B5f-4.1JqX"))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesTruncatedToken() {
    assertThat(verify("Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1)))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesTokenWithSomethingAppended() {
    assertThat(verify("Authorization", "Bearer " + TOKEN + "0"))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesBasicScheme() {
    String basic = Base64.getEncoder().encodeToString(("user:" + TOKEN).getBytes(UTF_8));
    assertThat(verify("Authorization", "Basic " + basic))
        .isEqualTo(Verdict.rejected(Reason.WRONG_SCHEME));
  }

  @Test
  void refusesTheTokenUnderAnotherScheme() {
    assertThat(verify("Authorization", "Token " + TOKEN))
        .isEqualTo(Verdict.rejected(Reason.WRONG_SCHEME));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "Bearer ", TOKEN, "Bearer " + TOKEN + " extra", ""})
  void refusesMalformedValue(String value) {
    assertThat(verify("Authorization", value)).isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesBareTokenEvenUnderCgiSpelling() {
    // Leaving out the scheme is a Basic-only allowance of the source documents.
    assertThat(verify("HTTP_AUTHORIZATION", TOKEN)).isEqualTo(Verdict.rejected(Reason.MALFORMED));
  }

  @Test
  void refusesSameHeaderTwice() {
    assertThat(verify("Authorization", "Bearer " + TOKEN, "authorization", "Bearer " + TOKEN))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void refusesStandardAndCgiSpellingTogether() {
    assertThat(verify("HTTP_AUTHORIZATION", "Bearer " + TOKEN, "Authorization", "Bearer " + TOKEN))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
  }

  @Test
  void challengesWithBearerRealm() {
    assertThat(verifier.challenge())
        .hasValueSatisfying(c -> assertThat(c).startsWith("Bearer realm="));
    assertThat(verifier.credentialHeaders())
        .containsExactly(HeaderNames.normalize("Authorization"));
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
