package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushback.auth.Verdict.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mapping settings to verifiers, and rotation: several active credentials of one endpoint. */
final class VerifierFactoryTest {
  private static final String BODY = "a=1&b=2";

  @Test
  void rotatedSignatureSecretsAcceptEitherAndRefuseAThird() {
    Verifier rotating =
        VerifierFactory.anyOf(List.of(signature("old-secret"), signature("new-secret")));

    assertThat(rotating.verify(signed("old-secret"))).isEqualTo(Verdict.accepted());
    assertThat(rotating.verify(signed("new-secret"))).isEqualTo(Verdict.accepted());
    assertThat(rotating.verify(signed("third-secret")))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void rotatedBearerTokensAcceptEitherAndRefuseAThird() {
    Verifier rotating =
        VerifierFactory.anyOf(
            List.of(
                new SecuritySettings.Bearer(Secret.of("token-a")),
                new SecuritySettings.Bearer(Secret.of("token-b"))));

    assertThat(rotating.verify(request("Authorization", "Bearer token-a")))
        .isEqualTo(Verdict.accepted());
    assertThat(rotating.verify(request("Authorization", "Bearer token-b")))
        .isEqualTo(Verdict.accepted());
    assertThat(rotating.verify(request("Authorization", "Bearer token-c")))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
    assertThat(rotating.challenge()).hasValueSatisfying(c -> assertThat(c).startsWith("Bearer "));
  }

  @Test
  void rotatedBasicPasswordsAcceptEitherAndRefuseAThird() {
    Verifier rotating =
        VerifierFactory.anyOf(
            List.of(
                new SecuritySettings.Basic("acme", Secret.of("pw-1")),
                new SecuritySettings.Basic("acme", Secret.of("pw-2"))));

    assertThat(rotating.verify(request("Authorization", basic("acme:pw-1"))))
        .isEqualTo(Verdict.accepted());
    assertThat(rotating.verify(request("Authorization", basic("acme:pw-2"))))
        .isEqualTo(Verdict.accepted());
    assertThat(rotating.verify(request("Authorization", basic("acme:pw-3"))))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void rotatedTokenSecretPairsDoNotMix() {
    Verifier rotating =
        VerifierFactory.anyOf(
            List.of(
                new SecuritySettings.TokenSecret(Secret.of("token-1"), Secret.of("secret-1")),
                new SecuritySettings.TokenSecret(Secret.of("token-2"), Secret.of("secret-2"))));

    assertThat(rotating.verify(request("Access-Token", "token-2", "Access-Secret", "secret-2")))
        .isEqualTo(Verdict.accepted());
    assertThat(rotating.verify(request("Access-Token", "token-1", "Access-Secret", "secret-2")))
        .isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void rotationStillRefusesDuplicatedHeaders() {
    Verifier rotating =
        VerifierFactory.anyOf(List.of(signature("old-secret"), signature("new-secret")));
    String valid = sign("new-secret");

    assertThat(
            rotating.verify(request("PUSHBACK_SIGNATURE", valid, "HTTP_PUSHBACK_SIGNATURE", valid)))
        .isEqualTo(Verdict.rejected(Reason.DUPLICATED));
    assertThat(rotating.verify(request("Content-Type", "text/plain")))
        .isEqualTo(Verdict.rejected(Reason.MISSING));
  }

  @Test
  void triesEveryCredentialEvenAfterOneAccepts() {
    List<String> asked = new ArrayList<>();
    Verifier first = recording("first", asked, VerifierFactory.create(signature("old-secret")));
    Verifier second = recording("second", asked, VerifierFactory.create(signature("new-secret")));

    Verdict verdict =
        new AnyCredentialVerifier(List.of(first, second)).verify(signed("old-secret"));

    assertThat(verdict).isEqualTo(Verdict.accepted());
    assertThat(asked).containsExactly("first", "second");
  }

  @Test
  void oneCredentialBehavesLikeCreate() {
    Verifier single = VerifierFactory.anyOf(List.of(signature("only-secret")));

    assertThat(single.verify(signed("only-secret"))).isEqualTo(Verdict.accepted());
    assertThat(single.verify(signed("other-secret"))).isEqualTo(Verdict.rejected(Reason.MISMATCH));
  }

  @Test
  void refusesNoCredentials() {
    assertThatThrownBy(() -> VerifierFactory.anyOf(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesCredentialsOfDifferentMethods() {
    List<SecuritySettings> mixed =
        List.of(signature("secret-1"), new SecuritySettings.Bearer(Secret.of("token-1")));

    assertThatThrownBy(() -> VerifierFactory.anyOf(mixed))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesCredentialsWithDifferentPublicSettings() {
    List<SecuritySettings> differentHeaders =
        List.of(
            signature("secret-1"),
            new SecuritySettings.Signature(
                "X-Other-Signature",
                HmacAlgorithm.HMAC_SHA256,
                SignatureEncoding.BASE64,
                "",
                Secret.of("secret-2")));

    assertThatThrownBy(() -> VerifierFactory.anyOf(differentHeaders))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void challengesOnlyForBasicAndBearer() {
    assertThat(
            VerifierFactory.create(new SecuritySettings.Basic("acme", Secret.of("pw"))).challenge())
        .hasValueSatisfying(c -> assertThat(c).startsWith("Basic "));
    assertThat(VerifierFactory.create(new SecuritySettings.Bearer(Secret.of("tok"))).challenge())
        .hasValueSatisfying(c -> assertThat(c).startsWith("Bearer "));
    assertThat(
            VerifierFactory.create(new SecuritySettings.TokenSecret(Secret.of("t"), Secret.of("s")))
                .challenge())
        .isEmpty();
    assertThat(VerifierFactory.create(signature("s")).challenge()).isEmpty();
  }

  private static Verifier recording(String name, List<String> asked, Verifier delegate) {
    return new Verifier() {
      @Override
      public Verdict verify(InboundRequest request) {
        asked.add(name);
        return delegate.verify(request);
      }

      @Override
      public Set<String> credentialHeaders() {
        return delegate.credentialHeaders();
      }

      @Override
      public Optional<String> challenge() {
        return delegate.challenge();
      }
    };
  }

  private static SecuritySettings signature(String secret) {
    return new SecuritySettings.Signature(
        "PUSHBACK_SIGNATURE",
        HmacAlgorithm.HMAC_SHA256,
        SignatureEncoding.BASE64,
        "",
        Secret.of(secret));
  }

  private static String sign(String secret) {
    return Base64.getEncoder()
        .encodeToString(
            HmacAlgorithm.HMAC_SHA256.sign(secret.getBytes(UTF_8), BODY.getBytes(UTF_8)));
  }

  private static InboundRequest signed(String secret) {
    return request("PUSHBACK_SIGNATURE", sign(secret));
  }

  private static String basic(String userColonPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(UTF_8));
  }

  private static InboundRequest request(String... headerNamesAndValues) {
    List<RequestHeaders.Header> lines = new ArrayList<>();
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      lines.add(new RequestHeaders.Header(headerNamesAndValues[i], headerNamesAndValues[i + 1]));
    }
    return new InboundRequest(
        "POST", "/pushback/key", "", new RequestHeaders(lines), BODY.getBytes(UTF_8), "192.0.2.1");
  }
}
