package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A secret known only by its keyed hash: it matches its value and gives nothing back. */
final class HashedSecretTest {
  private static final byte[] HASH_KEY = HexFormat.of().parseHex("00".repeat(31) + "01");
  private static final byte[] OTHER_KEY = HexFormat.of().parseHex("00".repeat(31) + "02");

  @Test
  void matchesTheValueItWasHashedFromAndNothingElse() {
    Secret hashed = Secret.hashed(HASH_KEY, Secret.of("p@ss word").keyedHash(HASH_KEY));

    assertThat(hashed.isHashed()).isTrue();
    assertThat(hashed.matches("p@ss word".getBytes(UTF_8))).isTrue();
    assertThat(hashed.matches("p@ss wore".getBytes(UTF_8))).isFalse();
    assertThat(hashed.matches("p@ss word ".getBytes(UTF_8))).isFalse();
    assertThat(hashed.matches(new byte[0])).isFalse();
    assertThat(hashed.matches(null)).isFalse();
  }

  @Test
  void keyedHashIsHmacSha256OfTheValueUnderTheHashKey() {
    // Computed with the JDK's Mac directly, independently of Secret.
    byte[] expected = PushbackTestMacs.hmacSha256(HASH_KEY, "what do ya want".getBytes(UTF_8));

    assertThat(Secret.of("what do ya want").keyedHash(HASH_KEY)).isEqualTo(expected);
  }

  @Test
  void aHashUnderAnotherKeyDoesNotMatch() {
    Secret hashed = Secret.hashed(OTHER_KEY, Secret.of("token").keyedHash(HASH_KEY));

    assertThat(hashed.matches("token".getBytes(UTF_8))).isFalse();
  }

  @Test
  void refusesToGiveAValueItDoesNotHave() {
    Secret hashed = Secret.hashed(HASH_KEY, Secret.of("token").keyedHash(HASH_KEY));

    assertThatThrownBy(hashed::bytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(hashed::reveal).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> hashed.keyedHash(HASH_KEY)).isInstanceOf(IllegalStateException.class);
    assertThat(hashed).hasToString("***");
  }

  @Test
  void refusesShortHashKeysAndDigestsOfAnotherLength() {
    assertThatThrownBy(() -> Secret.of("x").keyedHash(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Secret.hashed(HASH_KEY, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesWhatItIsGiven() {
    byte[] key = HASH_KEY.clone();
    byte[] digest = Secret.of("token").keyedHash(key);
    Secret hashed = Secret.hashed(key, digest);

    Arrays.fill(key, (byte) 7);
    Arrays.fill(digest, (byte) 7);

    assertThat(hashed.matches("token".getBytes(UTF_8))).isTrue();
  }

  @Test
  void aHashedBearerTokenMakesValidSettingsThatVerify() {
    Secret token = Secret.hashed(HASH_KEY, Secret.of("abc.DEF-123").keyedHash(HASH_KEY));

    SecuritySettings settings =
        SecuritySettings.parse(
            field -> SecuritySettings.METHOD.equals(field) ? "bearer" : null,
            Map.of(SecuritySettings.TOKEN, token));

    assertThat(settings).isInstanceOf(SecuritySettings.Bearer.class);
    assertThat(((SecuritySettings.Bearer) settings).token().matches("abc.DEF-123".getBytes(UTF_8)))
        .isTrue();
  }
}
