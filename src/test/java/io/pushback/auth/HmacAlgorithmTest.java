package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names, lengths and determinism of the algorithms; their outputs are checked against RFC vectors
 * elsewhere.
 */
final class HmacAlgorithmTest {

  @ParameterizedTest
  @EnumSource(HmacAlgorithm.class)
  void producesMacsOfTheDeclaredLength(HmacAlgorithm algorithm) {
    byte[] mac = algorithm.sign("key".getBytes(UTF_8), "body".getBytes(UTF_8));

    assertThat(mac).hasSize(algorithm.macLength());
    assertThat(algorithm.sign("key".getBytes(UTF_8), "body".getBytes(UTF_8))).isEqualTo(mac);
    assertThat(algorithm.sign("key".getBytes(UTF_8), "bodY".getBytes(UTF_8))).isNotEqualTo(mac);
    assertThat(algorithm.sign("kez".getBytes(UTF_8), "body".getBytes(UTF_8))).isNotEqualTo(mac);
  }

  @ParameterizedTest
  @EnumSource(HmacAlgorithm.class)
  void readsItsOwnSettingName(HmacAlgorithm algorithm) {
    assertThat(HmacAlgorithm.fromSettingName("algorithm", algorithm.settingName()))
        .isEqualTo(algorithm);
  }

  @Test
  void declaresTheDocumentedSettingNamesAndLengths() {
    assertThat(HmacAlgorithm.HMAC_SHA256.settingName()).isEqualTo("HmacSHA256");
    assertThat(HmacAlgorithm.HMAC_SHA1.settingName()).isEqualTo("HmacSHA1");
    assertThat(HmacAlgorithm.HMAC_SHA512.settingName()).isEqualTo("HmacSHA512");
    assertThat(HmacAlgorithm.HMAC_RIPEMD128.settingName()).isEqualTo("HmacRIPEMD128");
    assertThat(HmacAlgorithm.HMAC_SHA256.macLength()).isEqualTo(32);
    assertThat(HmacAlgorithm.HMAC_SHA1.macLength()).isEqualTo(20);
    assertThat(HmacAlgorithm.HMAC_SHA512.macLength()).isEqualTo(64);
    assertThat(HmacAlgorithm.HMAC_RIPEMD128.macLength()).isEqualTo(16);
  }

  @Test
  void readsSettingNamesInAnyCase() {
    assertThat(HmacAlgorithm.fromSettingName("algorithm", "hmacsha256"))
        .isEqualTo(HmacAlgorithm.HMAC_SHA256);
    assertThat(HmacAlgorithm.fromSettingName("algorithm", "HMACRIPEMD128"))
        .isEqualTo(HmacAlgorithm.HMAC_RIPEMD128);
  }

  @ParameterizedTest
  @ValueSource(strings = {"MD5", "HmacMD5", "sha256", ""})
  void refusesOtherAlgorithmsNamingTheField(String name) {
    InvalidSettingException e =
        catchThrowableOfType(
            InvalidSettingException.class, () -> HmacAlgorithm.fromSettingName("algorithm", name));

    assertThat(e.field()).isEqualTo("algorithm");
  }
}
