package io.pushback.auth;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The complete settings of one credential of one security method: the method's public settings and
 * its secrets. Validated when built; immutable and thread-safe. The same field names serve the
 * admin API, the store and the filter's init parameters, and {@link #parse} is the one place that
 * reads them.
 */
public sealed interface SecuritySettings {
  String METHOD = "method";
  String USERNAME = "username";
  String PASSWORD = "password";
  String TOKEN = "token";
  String SECRET = "secret";
  String HEADER = "header";
  String ALGORITHM = "algorithm";
  String ENCODING = "encoding";
  String PREFIX = "prefix";
  String TIMESTAMP_HEADER = "timestampHeader";
  String TOLERANCE_SECONDS = "toleranceSeconds";
  String SIGNED_CONTENT = "signedContent";
  String ID_HEADER = "idHeader";
  String PRESET = "preset";
  String FORMAT = "format";
  String KEY_ENCODING = "keyEncoding";

  /** The tolerance of a timestamped signature when none is set: five minutes, both directions. */
  long DEFAULT_TOLERANCE_SECONDS = 300;

  /** The method these settings configure. */
  SecurityMethod method();

  /**
   * The settings that are not secret, by field name, as the API shows them and the store keeps
   * them.
   */
  Map<String, String> publicFields();

  /**
   * The secret settings, by field name; only for storing and for the one answer that creates them.
   */
  Map<String, Secret> secretFields();

  /** {@code Authorization: Basic base64(username:password)}. */
  record Basic(String username, Secret password) implements SecuritySettings {
    public Basic {
      requireText(USERNAME, username);
      if (username.indexOf(':') >= 0) {
        throw new InvalidSettingException(USERNAME, "must not contain ':'");
      }
      Objects.requireNonNull(password, PASSWORD);
    }

    @Override
    public SecurityMethod method() {
      return SecurityMethod.BASIC;
    }

    @Override
    public Map<String, String> publicFields() {
      return Map.of(USERNAME, username);
    }

    @Override
    public Map<String, Secret> secretFields() {
      return Map.of(PASSWORD, password);
    }
  }

  /** {@code Access-Token} and {@code Access-Secret} headers. */
  record TokenSecret(Secret token, Secret secret) implements SecuritySettings {
    public TokenSecret {
      Objects.requireNonNull(token, TOKEN);
      Objects.requireNonNull(secret, SECRET);
    }

    @Override
    public SecurityMethod method() {
      return SecurityMethod.TOKEN_SECRET;
    }

    @Override
    public Map<String, String> publicFields() {
      return Map.of();
    }

    @Override
    public Map<String, Secret> secretFields() {
      return orderedMap(TOKEN, token, SECRET, secret);
    }
  }

  /**
   * An HMAC in a header of configurable name, encoding and prefix, over the signed content: the raw
   * body bytes, or a template such as {@code {timestamp}.{body}} when a timestamp header makes the
   * signature expire.
   *
   * @param prefix what precedes the encoded MAC; in a list or Stripe header, the version tag of the
   *     elements that count ({@code v1,}, {@code v1=})
   * @param timestampHeader the header holding the signing time in epoch seconds, if the signature
   *     has one in a header of its own
   * @param toleranceSeconds how far that time may be from now, either way
   * @param signedContent a template over {@code {id}}, {@code {timestamp}} and {@code {body}}
   * @param idHeader the header holding the message id that {@code {id}} stands for, if the template
   *     uses it
   * @param format how the signature header is laid out
   * @param keyEncoding how the secret becomes the HMAC key
   * @param preset the named template these settings started from, if any
   */
  record Signature(
      String header,
      HmacAlgorithm algorithm,
      SignatureEncoding encoding,
      String prefix,
      Secret secret,
      Optional<String> timestampHeader,
      long toleranceSeconds,
      SignedContent signedContent,
      Optional<String> idHeader,
      SignatureFormat format,
      KeyEncoding keyEncoding,
      Optional<SignaturePreset> preset)
      implements SecuritySettings {
    private static final Pattern TOKEN_CHARS = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public Signature {
      requireHeaderName(HEADER, header);
      Objects.requireNonNull(algorithm, ALGORITHM);
      Objects.requireNonNull(encoding, ENCODING);
      Objects.requireNonNull(prefix, PREFIX);
      Objects.requireNonNull(secret, SECRET);
      Objects.requireNonNull(format, FORMAT);
      Objects.requireNonNull(keyEncoding, KEY_ENCODING);
      Objects.requireNonNull(preset, PRESET);
      keyEncoding.keyOf(SECRET, secret);
      timestampHeader.ifPresent(name -> requireHeaderName(TIMESTAMP_HEADER, name));
      idHeader.ifPresent(name -> requireHeaderName(ID_HEADER, name));
      if (toleranceSeconds < 1 || toleranceSeconds > 86_400) {
        throw new InvalidSettingException(
            TOLERANCE_SECONDS, "expected 1 to 86400 seconds but found " + toleranceSeconds);
      }
      if (format != SignatureFormat.SINGLE && prefix.isEmpty()) {
        throw new InvalidSettingException(
            PREFIX, "must name the version that counts in a " + format.settingName() + " header");
      }
      if (format.carriesTimestamp() && timestampHeader.isPresent()) {
        throw new InvalidSettingException(
            TIMESTAMP_HEADER,
            "must be empty: the " + format.settingName() + " format carries the time itself");
      }
      boolean timestamped = timestampHeader.isPresent() || format.carriesTimestamp();
      if (signedContent.usesTimestamp() && !timestamped) {
        throw new InvalidSettingException(
            SIGNED_CONTENT, "uses {timestamp} but no timestampHeader is set");
      }
      if (signedContent.usesId() && idHeader.isEmpty()) {
        throw new InvalidSettingException(SIGNED_CONTENT, "uses {id} but no idHeader is set");
      }
      if (timestamped && !signedContent.usesTimestamp()) {
        throw new InvalidSettingException(
            SIGNED_CONTENT,
            "must contain {timestamp} when the signature is timestamped, or the time is not signed");
      }
    }

    /** A single-value signature under a text key, without preset. */
    public Signature(
        String header,
        HmacAlgorithm algorithm,
        SignatureEncoding encoding,
        String prefix,
        Secret secret,
        Optional<String> timestampHeader,
        long toleranceSeconds,
        SignedContent signedContent,
        Optional<String> idHeader) {
      this(
          header,
          algorithm,
          encoding,
          prefix,
          secret,
          timestampHeader,
          toleranceSeconds,
          signedContent,
          idHeader,
          SignatureFormat.SINGLE,
          KeyEncoding.TEXT,
          Optional.empty());
    }

    /** A signature of the raw body alone, without timestamp. */
    public Signature(
        String header,
        HmacAlgorithm algorithm,
        SignatureEncoding encoding,
        String prefix,
        Secret secret) {
      this(
          header,
          algorithm,
          encoding,
          prefix,
          secret,
          Optional.empty(),
          DEFAULT_TOLERANCE_SECONDS,
          SignedContent.BODY_ONLY,
          Optional.empty());
    }

    /** Whether the signing time is signed and checked against the tolerance. */
    public boolean timestamped() {
      return timestampHeader.isPresent() || format.carriesTimestamp();
    }

    /** The HMAC key the secret spells. */
    byte[] key() {
      return keyEncoding.keyOf(SECRET, secret);
    }

    /** The headers these settings name. */
    SignatureHeaders headers() {
      return new SignatureHeaders(header, timestampHeader, idHeader);
    }

    private static void requireHeaderName(String field, String name) {
      requireText(field, name);
      if (!TOKEN_CHARS.matcher(name).matches()) {
        throw new InvalidSettingException(field, "must be a valid HTTP header name");
      }
    }

    @Override
    public SecurityMethod method() {
      return SecurityMethod.SIGNATURE;
    }

    @Override
    public Map<String, String> publicFields() {
      Map<String, String> fields = new LinkedHashMap<>();
      preset.ifPresent(named -> fields.put(PRESET, named.settingName()));
      fields.put(HEADER, header);
      fields.put(ALGORITHM, algorithm.settingName());
      fields.put(ENCODING, encoding.settingName());
      fields.put(PREFIX, prefix);
      if (format != SignatureFormat.SINGLE || preset.isPresent()) {
        fields.put(FORMAT, format.settingName());
      }
      if (keyEncoding != KeyEncoding.TEXT || preset.isPresent()) {
        fields.put(KEY_ENCODING, keyEncoding.settingName());
      }
      fields.put(SIGNED_CONTENT, signedContent.template());
      timestampHeader.ifPresent(name -> fields.put(TIMESTAMP_HEADER, name));
      if (timestamped()) {
        fields.put(TOLERANCE_SECONDS, Long.toString(toleranceSeconds));
      }
      idHeader.ifPresent(name -> fields.put(ID_HEADER, name));
      // A preset setting that was cleared stays cleared when these fields are parsed again.
      preset.ifPresent(named -> named.settings().keySet().forEach(k -> fields.putIfAbsent(k, "")));
      return fields;
    }

    @Override
    public Map<String, Secret> secretFields() {
      return Map.of(SECRET, secret);
    }
  }

  /** {@code Authorization: Bearer <token>} (OAuth2 bearer, RFC 6750). */
  record Bearer(Secret token) implements SecuritySettings {
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    public Bearer {
      Objects.requireNonNull(token, TOKEN);
      // A hashed token was checked when it was set; only its keyed hash is left to compare.
      if (!token.isHashed() && !B64TOKEN.matcher(token.reveal()).matches()) {
        throw new InvalidSettingException(
            TOKEN, "must use only the characters RFC 6750 allows in a bearer token");
      }
    }

    @Override
    public SecurityMethod method() {
      return SecurityMethod.BEARER;
    }

    @Override
    public Map<String, String> publicFields() {
      return Map.of();
    }

    @Override
    public Map<String, Secret> secretFields() {
      return Map.of(TOKEN, token);
    }
  }

  /**
   * Reads settings by field name; {@code field} answers null for a field that is not set. Unset
   * optional fields take their documented defaults; a missing or unusable field throws {@link
   * InvalidSettingException} naming it.
   */
  static SecuritySettings parse(Function<String, String> field) {
    return parse(field, Map.of());
  }

  /**
   * As {@link #parse(Function)}, but a secret field found in {@code secrets} is taken as it is
   * (such as a hashed secret read back from a store) instead of from its text.
   */
  static SecuritySettings parse(Function<String, String> field, Map<String, Secret> secrets) {
    return parseFields(new SecretFields(field, secrets));
  }

  private static SecuritySettings parseFields(Function<String, String> field) {
    SecurityMethod method = SecurityMethod.fromWireName(field.apply(METHOD));
    return switch (method) {
      case BASIC -> new Basic(field.apply(USERNAME), secret(field, PASSWORD));
      case TOKEN_SECRET -> new TokenSecret(secret(field, TOKEN), secret(field, SECRET));
      case SIGNATURE -> signature(field);
      case BEARER -> new Bearer(secret(field, TOKEN));
    };
  }

  /**
   * A new random value for the secret of the settings {@code field} describes, in the form their
   * key encoding reads.
   */
  static Secret generateSecret(Function<String, String> field, SecureRandom random) {
    if (!SecurityMethod.SIGNATURE.wireName().equals(field.apply(METHOD))) {
      return Secret.generate(random);
    }
    return keyEncoding(SignaturePreset.withDefaults(field)).generate(random);
  }

  private static KeyEncoding keyEncoding(Function<String, String> field) {
    return KeyEncoding.fromSettingName(
        KEY_ENCODING, orDefault(field.apply(KEY_ENCODING), KeyEncoding.TEXT.settingName()));
  }

  private static Signature signature(Function<String, String> given) {
    Function<String, String> field = SignaturePreset.withDefaults(given);
    SignatureFormat format =
        SignatureFormat.fromSettingName(
            FORMAT, orDefault(field.apply(FORMAT), SignatureFormat.SINGLE.settingName()));
    Optional<String> timestampHeader = optional(field.apply(TIMESTAMP_HEADER));
    boolean timestamped = timestampHeader.isPresent() || format.carriesTimestamp();
    String template = field.apply(SIGNED_CONTENT);
    return new Signature(
        orDefault(field.apply(HEADER), HeaderNames.DEFAULT_SIGNATURE),
        HmacAlgorithm.fromSettingName(
            ALGORITHM, orDefault(field.apply(ALGORITHM), HmacAlgorithm.HMAC_SHA256.settingName())),
        SignatureEncoding.fromSettingName(
            ENCODING, orDefault(field.apply(ENCODING), SignatureEncoding.BASE64.settingName())),
        orDefault(field.apply(PREFIX), ""),
        // From the settings as given: a preset has no secret, and its defaults hide typed secrets.
        secret(given, SECRET),
        timestampHeader,
        wholeNumber(TOLERANCE_SECONDS, field.apply(TOLERANCE_SECONDS), DEFAULT_TOLERANCE_SECONDS),
        template == null || template.isEmpty()
            ? (timestamped ? SignedContent.TIMESTAMP_DOT_BODY : SignedContent.BODY_ONLY)
            : SignedContent.parse(SIGNED_CONTENT, template),
        optional(field.apply(ID_HEADER)),
        format,
        keyEncoding(field),
        optional(field.apply(PRESET)).map(name -> SignaturePreset.fromSettingName(PRESET, name)));
  }

  private static Optional<String> optional(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static long wholeNumber(String name, String value, long fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(name, "expected a whole number but found '" + value + "'");
    }
  }

  private static Secret secret(Function<String, String> field, String name) {
    if (field instanceof SecretFields typed && typed.secrets().containsKey(name)) {
      return typed.secrets().get(name);
    }
    String value = field.apply(name);
    requireText(name, value);
    return Secret.of(value);
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidSettingException(name, "is required");
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static Map<String, Secret> orderedMap(String k1, Secret v1, String k2, Secret v2) {
    Map<String, Secret> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
