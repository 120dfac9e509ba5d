package io.pushback.blackbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.RIPEMD128Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * What a sender computes: HMACs of raw bytes, written as the endpoint expects. Independent of the
 * main code.
 */
final class Signatures {
  private Signatures() {}

  /**
   * The raw MAC of {@code body} under {@code secret} with a JCA name, or {@code HmacRIPEMD128} via
   * Bouncy Castle.
   */
  static byte[] mac(String algorithm, String secret, byte[] body) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (algorithm.equals("HmacRIPEMD128")) {
      HMac hmac = new HMac(new RIPEMD128Digest());
      hmac.init(new KeyParameter(key));
      hmac.update(body, 0, body.length);
      byte[] out = new byte[hmac.getMacSize()];
      hmac.doFinal(out, 0);
      return out;
    }
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm, e);
    }
  }

  /**
   * The source documents' reference value: {@code Base64(HMAC-SHA256(secret, body))}, standard with
   * padding.
   */
  static String reference(String secret, byte[] body) {
    return Base64.getEncoder().encodeToString(mac("HmacSHA256", secret, body));
  }

  /** {@code prefix} + the MAC in {@code encoding} ({@code base64} or {@code hex}). */
  static String header(
      String algorithm, String encoding, String prefix, String secret, byte[] body) {
    byte[] mac = mac(algorithm, secret, body);
    String text =
        encoding.equals("hex")
            ? HexFormat.of().formatHex(mac)
            : Base64.getEncoder().encodeToString(mac);
    return prefix + text;
  }
}
