package io.pushback.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SignatureEncodingTest {
  /** 32 bytes whose standard Base64 holds both '+' and '/'. */
  private static final byte[] MAC =
      HexFormat.of().parseHex("579ba32799612b868711f461ebaeda6c0a605bfb68d21fac818fd8c09b7c113b");

  private static final String BASE64 = "V5ujJ5lhK4aHEfRh667abApgW/to0h+sgY/YwJt8ETs=";
  private static final String HEX =
      "579ba32799612b868711f461ebaeda6c0a605bfb68d21fac818fd8c09b7c113b";

  @Test
  void encodesStandardBase64WithPadding() {
    assertThat(SignatureEncoding.BASE64.encode(MAC)).isEqualTo(BASE64);
  }

  @Test
  void encodesLowerCaseHex() {
    assertThat(SignatureEncoding.HEX.encode(MAC)).isEqualTo(HEX);
  }

  @Test
  void decodesWhatItEncodes() {
    assertThat(SignatureEncoding.BASE64.decode(BASE64, 32)).hasValue(MAC);
    assertThat(SignatureEncoding.HEX.decode(HEX, 32)).hasValue(MAC);
    assertThat(SignatureEncoding.HEX.decode(HEX.toUpperCase(Locale.ROOT), 32)).hasValue(MAC);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "V5ujJ5lhK4aHEfRh667abApgW_to0h-sgY_YwJt8ETs=", // URL-safe alphabet
        "V5ujJ5lhK4aHEfRh667abApgW/to0h+sgY/YwJt8ETs", // padding left out
        "V5ujJ5lhK4aHEfRh667abApgW/to0h+sgY/YwJt8", // truncated
        "V5ujJ5lhK4aHEfRh667abApgW/to0h+sgY/YwJt8ETs==", // one '=' too many
        " V5ujJ5lhK4aHEfRh667abApgW/to0h+sgY/YwJt8ETs", // a space in place of padding
        ""
      })
  void decodesNoForeignOrDamagedBase64(String text) {
    assertThat(SignatureEncoding.BASE64.decode(text, 32)).isEmpty();
  }

  @Test
  void decodesNoBase64OfAnotherLength() {
    assertThat(SignatureEncoding.BASE64.decode(BASE64, 20)).isEmpty();
    assertThat(SignatureEncoding.BASE64.decode(BASE64, 64)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "579ba32799612b868711f461ebaeda6c0a605bfb68d21fac818fd8c09b7c113", // odd length
        "579ba32799612b868711f461ebaeda6c0a605bfb68d21fac818fd8c09b7c11", // truncated
        "579ba32799612b868711f461ebaeda6c0a605bfb68d21fac818fd8c09b7c113g", // not hex
        "0x9ba32799612b868711f461ebaeda6c0a605bfb68d21fac818fd8c09b7c113b", // 0x prefix
        "V5ujJ5lhK4aHEfRh667abApgW/to0h+sgY/YwJt8ETs="
      })
  void decodesNoForeignOrDamagedHex(String text) {
    assertThat(SignatureEncoding.HEX.decode(text, 32)).isEmpty();
  }

  @Test
  void readsSettingNamesInAnyCase() {
    assertThat(SignatureEncoding.fromSettingName("encoding", "BASE64"))
        .isEqualTo(SignatureEncoding.BASE64);
    assertThat(SignatureEncoding.fromSettingName("encoding", "Hex"))
        .isEqualTo(SignatureEncoding.HEX);
  }

  @Test
  void refusesUnknownSettingNameNamingTheField() {
    InvalidSettingException e =
        catchThrowableOfType(
            InvalidSettingException.class,
            () -> SignatureEncoding.fromSettingName("encoding", "base64url"));

    assertThat(e.field()).isEqualTo("encoding");
  }
}
