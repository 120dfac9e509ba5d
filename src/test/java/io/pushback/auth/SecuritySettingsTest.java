package io.pushback.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SecuritySettingsTest {

  @Test
  void signatureDefaultsToPushbackSignatureHmacSha256Base64WithoutPrefix() {
    SecuritySettings parsed = parse("method", "signature", "secret", "k3y");

    assertThat(parsed).isInstanceOf(SecuritySettings.Signature.class);
    SecuritySettings.Signature signature = (SecuritySettings.Signature) parsed;
    assertThat(signature.header()).isEqualTo("PUSHBACK_SIGNATURE");
    assertThat(signature.algorithm()).isEqualTo(HmacAlgorithm.HMAC_SHA256);
    assertThat(signature.encoding()).isEqualTo(SignatureEncoding.BASE64);
    assertThat(signature.prefix()).isEmpty();
    assertThat(signature.secret().reveal()).isEqualTo("k3y");
    assertThat(signature.method()).isEqualTo(SecurityMethod.SIGNATURE);
  }

  @Test
  void signatureReadsEveryField() {
    SecuritySettings.Signature signature =
        (SecuritySettings.Signature)
            parse(
                "method", "signature",
                "header", "X-Hub-Signature-256",
                "algorithm", "HmacSHA512",
                "encoding", "hex",
                "prefix", "sha512=",
                "secret", "k3y");

    assertThat(signature.header()).isEqualTo("X-Hub-Signature-256");
    assertThat(signature.algorithm()).isEqualTo(HmacAlgorithm.HMAC_SHA512);
    assertThat(signature.encoding()).isEqualTo(SignatureEncoding.HEX);
    assertThat(signature.prefix()).isEqualTo("sha512=");
    assertThat(signature.publicFields())
        .containsExactly(
            Map.entry("header", "X-Hub-Signature-256"),
            Map.entry("algorithm", "HmacSHA512"),
            Map.entry("encoding", "hex"),
            Map.entry("prefix", "sha512="),
            Map.entry("signedContent", "{body}"));
    assertThat(signature.secretFields()).containsOnlyKeys("secret");
  }

  @Test
  void readsRipemd128() {
    SecuritySettings.Signature signature =
        (SecuritySettings.Signature)
            parse("method", "signature", "algorithm", "HmacRIPEMD128", "secret", "k3y");

    assertThat(signature.algorithm()).isEqualTo(HmacAlgorithm.HMAC_RIPEMD128);
  }

  @Test
  void readsBasic() {
    SecuritySettings parsed = parse("method", "basic", "username", "acme", "password", "pw");

    assertThat(parsed).isInstanceOf(SecuritySettings.Basic.class);
    SecuritySettings.Basic basic = (SecuritySettings.Basic) parsed;
    assertThat(basic.username()).isEqualTo("acme");
    assertThat(basic.password().reveal()).isEqualTo("pw");
    assertThat(basic.publicFields()).containsExactly(Map.entry("username", "acme"));
    assertThat(basic.secretFields()).containsOnlyKeys("password");
  }

  @Test
  void readsTokenSecret() {
    SecuritySettings parsed = parse("method", "token_secret", "token", "t", "secret", "s");

    assertThat(parsed).isInstanceOf(SecuritySettings.TokenSecret.class);
    assertThat(parsed.publicFields()).isEmpty();
    assertThat(parsed.secretFields()).containsOnlyKeys("token", "secret");
    assertThat(parsed.method().secretFields()).containsExactly("token", "secret");
  }

  @Test
  void readsBearer() {
    SecuritySettings parsed = parse("method", "bearer", "token", "mF_9.B5f-4.1JqM");

    assertThat(parsed).isInstanceOf(SecuritySettings.Bearer.class);
    assertThat(((SecuritySettings.Bearer) parsed).token().reveal()).isEqualTo("mF_9.B5f-4.1JqM");
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "", "Basic", "hmac", "token-secret"})
  void refusesUnknownMethod(String method) {
    assertThat(failure("method", method).field()).isEqualTo("method");
  }

  @Test
  void unknownMethodMessageQuotesTheValueAsGiven() {
    InvalidSettingException e = failure("method", "Basic");

    assertThat(e.getMessage())
        .isEqualTo(
            "method: expected one of basic, token_secret, signature, bearer but found 'Basic'");
  }

  @Test
  void refusesMissingMethod() {
    assertThat(failure("secret", "k3y").field()).isEqualTo("method");
  }

  @Test
  void refusesSignatureWithoutSecret() {
    assertThat(failure("method", "signature").field()).isEqualTo("secret");
    assertThat(failure("method", "signature", "secret", "").field()).isEqualTo("secret");
    assertThat(failure("method", "signature", "secret", "   ").field()).isEqualTo("secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"MD5", "HmacMD5", "SHA256", "HmacSHA384"})
  void refusesUnsupportedAlgorithm(String algorithm) {
    InvalidSettingException e =
        failure("method", "signature", "algorithm", algorithm, "secret", "k3y");

    assertThat(e.field()).isEqualTo("algorithm");
    assertThat(e.getMessage()).startsWith("algorithm").contains(algorithm).doesNotContain("k3y");
  }

  @Test
  void refusesUnknownEncoding() {
    assertThat(failure("method", "signature", "encoding", "base32", "secret", "k3y").field())
        .isEqualTo("encoding");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X Signature", "X-Signature:", "   "})
  void refusesHeaderThatIsNotAHeaderName(String header) {
    assertThat(failure("method", "signature", "header", header, "secret", "k3y").field())
        .isEqualTo("header");
  }

  @Test
  void refusesBasicWithoutUsernameOrPassword() {
    assertThat(failure("method", "basic", "password", "pw").field()).isEqualTo("username");
    assertThat(failure("method", "basic", "username", "acme").field()).isEqualTo("password");
  }

  @Test
  void refusesUsernameWithColon() {
    assertThat(failure("method", "basic", "username", "ac:me", "password", "pw").field())
        .isEqualTo("username");
  }

  @Test
  void refusesTokenSecretWithoutEitherPart() {
    assertThat(failure("method", "token_secret", "secret", "s").field()).isEqualTo("token");
    assertThat(failure("method", "token_secret", "token", "t").field()).isEqualTo("secret");
  }

  @Test
  void refusesBearerTokenOutsideTheRfc6750AlphabetWithoutEchoingIt() {
    InvalidSettingException e = failure("method", "bearer", "token", "not a token");

    assertThat(e.field()).isEqualTo("token");
    assertThat(e.getMessage()).doesNotContain("not a token");
    assertThat(failure("method", "bearer").field()).isEqualTo("token");
  }

  private static SecuritySettings parse(String... namesAndValues) {
    return SecuritySettings.parse(fields(namesAndValues)::get);
  }

  private static InvalidSettingException failure(String... namesAndValues) {
    Map<String, String> fields = fields(namesAndValues);
    InvalidSettingException e =
        catchThrowableOfType(
            InvalidSettingException.class, () -> SecuritySettings.parse(fields::get));
    assertThat(e).as("parse(%s) should fail", fields.keySet()).isNotNull();
    assertThat(e.getMessage()).startsWith(e.field() + ": ");
    return e;
  }

  private static Map<String, String> fields(String... namesAndValues) {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }
}
