package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.RIPEMD128Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
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
  void aKeyedMacAgreesWithAFreshOneCallAfterCallWhateverTheKeyLengthAndSplit(
      HmacAlgorithm algorithm) {
    Random random = new Random(6);
    for (int keyLength : new int[] {1, 16, 63, 64, 65, 80, 128, 200}) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      HmacAlgorithm.Keyed keyed = algorithm.keyed(key);
      for (int bodyLength : new int[] {0, 1, 55, 64, 1000, 65_536}) {
        byte[] body = new byte[bodyLength];
        random.nextBytes(body);
        byte[] reference = reference(algorithm, key, body);
        int split = bodyLength / 3;
        byte[] head = Arrays.copyOfRange(body, 0, split);
        byte[] tail = Arrays.copyOfRange(body, split, bodyLength);

        assertThat(keyed.sign(body)).isEqualTo(reference);
        assertThat(keyed.sign(head, new byte[0], tail)).isEqualTo(reference);
        assertThat(keyed.sign(body)).isEqualTo(reference);
        assertThat(algorithm.sign(key, body)).isEqualTo(reference);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HmacAlgorithm.class)
  void oneKeyedMacServesManyThreadsAtOnce(HmacAlgorithm algorithm) throws Exception {
    byte[] key = "shared key".getBytes(UTF_8);
    HmacAlgorithm.Keyed keyed = algorithm.keyed(key);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      bodies.add(("body " + i).repeat(i * 7 + 1).getBytes(UTF_8));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        for (byte[] body : bodies) {
          results.add(
              pool.submit(() -> Arrays.equals(keyed.sign(body), reference(algorithm, key, body))));
        }
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The MAC as computed before keyed MACs: a new JDK Mac, or Bouncy Castle's own HMac. */
  private static byte[] reference(HmacAlgorithm algorithm, byte[] key, byte[] body) {
    if (algorithm == HmacAlgorithm.HMAC_RIPEMD128) {
      HMac mac = new HMac(new RIPEMD128Digest());
      mac.init(new KeyParameter(key));
      mac.update(body, 0, body.length);
      byte[] out = new byte[mac.getMacSize()];
      mac.doFinal(out, 0);
      return out;
    }
    try {
      Mac mac = Mac.getInstance(algorithm.settingName());
      mac.init(new SecretKeySpec(key, algorithm.settingName()));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
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
