package io.pushback.fuzz;

import io.pushback.auth.HmacAlgorithm;
import io.pushback.auth.Secret;
import io.pushback.auth.SecuritySettings;
import io.pushback.auth.SignatureEncoding;
import io.pushback.auth.SignedContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.RIPEMD128Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Signature settings as generated data, and a sender that signs for them without the main code: its
 * own HMAC, encoding and template rendering, so a property compares two implementations.
 */
final class SignatureSchemes {
  static final String TIMESTAMP_HEADER = "X-Pushback-Timestamp";
  static final String ID_HEADER = "X-Pushback-Id";

  private SignatureSchemes() {}

  /** HMAC-SHA256 in hex with {@code prefix} over {@code {timestamp}.{body}}, ±300 s. */
  static SecuritySettings.Signature timestamped(String header, String prefix, String secret) {
    return new Scheme(
            HmacAlgorithm.HMAC_SHA256,
            SignatureEncoding.HEX,
            header,
            prefix,
            "{timestamp}.{body}",
            300,
            secret)
        .settings();
  }

  /** One configuration of the signature method. */
  record Scheme(
      HmacAlgorithm algorithm,
      SignatureEncoding encoding,
      String header,
      String prefix,
      String template,
      long toleranceSeconds,
      String secret) {
    boolean timestamped() {
      return template.contains("{timestamp}");
    }

    boolean identified() {
      return template.contains("{id}");
    }

    SecuritySettings.Signature settings() {
      return new SecuritySettings.Signature(
          header,
          algorithm,
          encoding,
          prefix,
          Secret.of(secret),
          timestamped() ? Optional.of(TIMESTAMP_HEADER) : Optional.empty(),
          toleranceSeconds,
          SignedContent.parse("signedContent", template),
          identified() ? Optional.of(ID_HEADER) : Optional.empty());
    }

    byte[] key() {
      return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value a sender computes with {@code key}. */
    String sign(byte[] key, String id, String timestamp, byte[] body) {
      return prefix + encode(mac(key, content(id, timestamp, body)));
    }

    String encode(byte[] mac) {
      return encoding == SignatureEncoding.HEX
          ? HexFormat.of().formatHex(mac)
          : Base64.getEncoder().encodeToString(mac);
    }

    /** The template filled in: text around the body as UTF-8, the body as it is. */
    byte[] content(String id, String timestamp, byte[] body) {
      int at = template.indexOf("{body}");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(fill(template.substring(0, at), id, timestamp));
      out.writeBytes(body);
      out.writeBytes(fill(template.substring(at + "{body}".length()), id, timestamp));
      return out.toByteArray();
    }

    private static byte[] fill(String text, String id, String timestamp) {
      return text.replace("{id}", id)
          .replace("{timestamp}", timestamp)
          .getBytes(StandardCharsets.UTF_8);
    }

    byte[] mac(byte[] key, byte[] content) {
      if (algorithm == HmacAlgorithm.HMAC_RIPEMD128) {
        HMac hmac = new HMac(new RIPEMD128Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(content, 0, content.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
      }
      try {
        Mac mac = Mac.getInstance(algorithm.settingName());
        mac.init(new SecretKeySpec(key, algorithm.settingName()));
        return mac.doFinal(content);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(algorithm.settingName(), e);
      }
    }
  }
}
