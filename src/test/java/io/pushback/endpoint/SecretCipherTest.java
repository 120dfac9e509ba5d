package io.pushback.endpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing: round trip, fresh nonces, and refusal of anything altered or foreign. */
final class SecretCipherTest {
  private static final String PURPOSE = "credential.hmac-key";
  private static final byte[] HMAC_KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes(UTF_8);

  private final SecureRandom random = new SecureRandom();
  private final SecretCipher cipher = new SecretCipher(MasterKey.generate(random), random);

  @Test
  void opensWhatItSealed() {
    byte[] sealed = cipher.seal(HMAC_KEY, PURPOSE);

    assertThat(cipher.open(sealed, PURPOSE)).isEqualTo(HMAC_KEY);
    assertThat(sealed).hasSize(SecretCipher.NONCE_BYTES + HMAC_KEY.length + 16);
  }

  @Test
  void sealedValueDoesNotContainThePlaintext() {
    String sealed = HexFormat.of().formatHex(cipher.seal(HMAC_KEY, PURPOSE));

    assertThat(sealed).doesNotContain(HexFormat.of().formatHex(HMAC_KEY).substring(0, 8));
  }

  @Test
  void everySealingUsesAFreshNonce() {
    Set<String> nonces = new HashSet<>();
    Set<String> sealedValues = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      byte[] sealed = cipher.seal(HMAC_KEY, PURPOSE);
      nonces.add(HexFormat.of().formatHex(Arrays.copyOf(sealed, SecretCipher.NONCE_BYTES)));
      sealedValues.add(HexFormat.of().formatHex(sealed));
    }

    assertThat(nonces).hasSize(1_000);
    assertThat(sealedValues).hasSize(1_000);
  }

  @Test
  void refusesAnyAlteredByte() {
    byte[] sealed = cipher.seal(HMAC_KEY, PURPOSE);

    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> cipher.open(tampered, PURPOSE))
          .as("byte %d flipped", i)
          .isInstanceOf(UnreadableSecretException.class);
    }
  }

  @Test
  void refusesATruncatedValue() {
    byte[] sealed = cipher.seal(HMAC_KEY, PURPOSE);

    assertThatThrownBy(() -> cipher.open(Arrays.copyOf(sealed, sealed.length - 1), PURPOSE))
        .isInstanceOf(UnreadableSecretException.class);
    assertThatThrownBy(() -> cipher.open(new byte[10], PURPOSE))
        .isInstanceOf(UnreadableSecretException.class);
  }

  @Test
  void refusesAValueSealedUnderAnotherKey() {
    SecretCipher other = new SecretCipher(MasterKey.generate(random), random);

    byte[] sealed = other.seal(HMAC_KEY, PURPOSE);

    assertThatThrownBy(() -> cipher.open(sealed, PURPOSE))
        .isInstanceOf(UnreadableSecretException.class)
        .hasMessageContaining("another key sealed it, or it was altered")
        .hasMessageNotContaining(new String(HMAC_KEY, UTF_8));
  }

  @Test
  void refusesAValueSealedForAnotherPurpose() {
    byte[] sealed = cipher.seal(HMAC_KEY, PURPOSE);

    assertThatThrownBy(() -> cipher.open(sealed, "key_material.hash-key"))
        .isInstanceOf(UnreadableSecretException.class);
  }

  @Test
  void masterKeyParsesOnlyBase64Of32BytesAndNeverShowsIt() {
    MasterKey key = MasterKey.generate(random);

    assertThat(MasterKey.fromBase64(" " + key.toBase64() + "\n").sameAs(key)).isTrue();
    assertThat(key).hasToString("***");
    assertThatThrownBy(() -> MasterKey.fromBase64("not base64 at all!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not standard Base64")
        .hasMessageNotContaining("at all");
    assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 5 bytes");
  }
}
