package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

final class SecretTest {

  @Test
  void printsAsThreeStars() {
    Secret secret = Secret.of("hunter2");

    assertThat(secret.toString()).isEqualTo("***");
    assertThat(String.valueOf(secret)).isEqualTo("***");
    assertThat("password=" + secret).isEqualTo("password=***");
  }

  @Test
  void settingsNeverPrintTheirSecrets() {
    SecuritySettings basic = new SecuritySettings.Basic("acme", Secret.of("pw-basic-1"));
    SecuritySettings tokenSecret =
        new SecuritySettings.TokenSecret(Secret.of("tok-ts-1"), Secret.of("sec-ts-1"));
    SecuritySettings signature =
        new SecuritySettings.Signature(
            "PUSHBACK_SIGNATURE",
            HmacAlgorithm.HMAC_SHA256,
            SignatureEncoding.BASE64,
            "",
            Secret.of("hmac-key-1"));
    SecuritySettings bearer = new SecuritySettings.Bearer(Secret.of("bearer-tok-1"));

    assertThat(basic.toString()).contains("acme", "***").doesNotContain("pw-basic-1");
    assertThat(tokenSecret.toString()).contains("***").doesNotContain("tok-ts-1", "sec-ts-1");
    assertThat(signature.toString())
        .contains("PUSHBACK_SIGNATURE", "***")
        .doesNotContain("hmac-key-1");
    assertThat(bearer.toString()).contains("***").doesNotContain("bearer-tok-1");
  }

  @Test
  void matchesExactlyItsOwnBytes() {
    Secret secret = Secret.of("s3cret-välue");

    assertThat(secret.matches("s3cret-välue".getBytes(UTF_8))).isTrue();
    assertThat(secret.matches("s3cret-v".getBytes(UTF_8))).isFalse();
    assertThat(secret.matches("s3cret-välue!".getBytes(UTF_8))).isFalse();
    assertThat(secret.matches("S3CRET-VÄLUE".getBytes(UTF_8))).isFalse();
    assertThat(secret.matches(new byte[0])).isFalse();
    assertThat(secret.matches(null)).isFalse();
  }

  @Test
  void revealsItsTextAndCopiesItsBytes() {
    Secret secret = Secret.of("clé");
    byte[] bytes = secret.bytes();
    bytes[0] = 'X';

    assertThat(secret.reveal()).isEqualTo("clé");
    assertThat(secret.bytes()).isEqualTo("clé".getBytes(UTF_8));
  }

  @Test
  void refusesAnEmptyValue() {
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void generatesUrlSafeSecretsOf256RandomBits() {
    SecureRandom random = new SecureRandom();

    Secret first = Secret.generate(random);
    Secret second = Secret.generate(random);

    // 32 bytes are 43 Base64 characters without padding.
    assertThat(first.reveal()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(second.reveal()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(first.reveal());
  }
}
