package io.pushback.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes the load benchmark's corpus of unique, pre-signed requests: {@code count} copies of a
 * template body, each with an event id of its own in place of the template's {@code "id"} value,
 * one request per line as {@code <signature> TAB <body>}, the signature being {@code
 * Base64(HMAC-SHA256(secret, body))} as Pushback's {@code signature} method expects in {@code
 * PUSHBACK_SIGNATURE}. Every id has the template id's length, so every body has the template's size
 * and every line the same length. Not part of the test suite; {@code bench/run.sh} runs it.
 *
 * <p>Usage: {@code CorpusWriter <template body> <count> <output file>}, with the HMAC secret in the
 * environment variable {@code BENCH_SECRET} (its UTF-8 bytes are the key, as for {@code openssl
 * dgst -hmac}).
 */
public final class CorpusWriter {
  private static final String ID_FIELD = "\"id\":\"";
  private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int RUN_PREFIX_LENGTH = 8;

  private final byte[] head;
  private final byte[] tail;
  private final String runPrefix;
  private final int counterDigits;
  private final Mac mac;

  private CorpusWriter(String template, byte[] secret, SecureRandom random)
      throws GeneralSecurityException {
    if (template.indexOf('\n') >= 0 || template.indexOf('\t') >= 0) {
      throw new IllegalArgumentException("the template body must be one line without tabs");
    }
    int start = template.indexOf(ID_FIELD);
    int end = start < 0 ? -1 : template.indexOf('"', start + ID_FIELD.length());
    if (end < 0) {
      throw new IllegalArgumentException("the template body has no \"id\":\"...\" field");
    }
    int idLength = end - start - ID_FIELD.length();
    String id = template.substring(start + ID_FIELD.length(), end);
    String prefix = id.substring(0, id.lastIndexOf('_') + 1);
    this.counterDigits = idLength - prefix.length() - RUN_PREFIX_LENGTH;
    if (counterDigits < 7) {
      throw new IllegalArgumentException("the template's id is too short: " + idLength);
    }
    this.head =
        (template.substring(0, start + ID_FIELD.length()) + prefix)
            .getBytes(StandardCharsets.UTF_8);
    this.tail = template.substring(end).getBytes(StandardCharsets.UTF_8);
    StringBuilder run = new StringBuilder(RUN_PREFIX_LENGTH);
    for (int i = 0; i < RUN_PREFIX_LENGTH; i++) {
      run.append(CROCKFORD.charAt(random.nextInt(CROCKFORD.length())));
    }
    this.runPrefix = run.toString();
    this.mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: CorpusWriter <template body> <count> <output file>, secret in BENCH_SECRET");
    }
    String secret = System.getenv("BENCH_SECRET");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("BENCH_SECRET is not set");
    }
    String template = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    int count = Integer.parseInt(args[1]);
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    long started = System.nanoTime();
    CorpusWriter writer =
        new CorpusWriter(template, secret.getBytes(StandardCharsets.UTF_8), new SecureRandom());
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(Path.of(args[2])), 1 << 16)) {
      writer.write(count, out);
    }
    System.out.printf(
        "corpus: %d requests in %s, %d ms%n",
        count, args[2], (System.nanoTime() - started) / 1_000_000);
  }

  private void write(int count, OutputStream out) throws IOException {
    Base64.Encoder base64 = Base64.getEncoder();
    byte[] body = new byte[head.length + RUN_PREFIX_LENGTH + counterDigits + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    byte[] run = runPrefix.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(run, 0, body, head.length, run.length);
    System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
    int lastDigit = head.length + RUN_PREFIX_LENGTH + counterDigits - 1;
    for (int i = 0; i < count; i++) {
      long rest = i;
      for (int at = lastDigit; at > lastDigit - counterDigits; at--) {
        body[at] = (byte) ('0' + rest % 10);
        rest /= 10;
      }
      out.write(base64.encode(mac.doFinal(body)));
      out.write('\t');
      out.write(body);
      out.write('\n');
    }
  }
}
