package io.pushback.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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

  /** An HMAC of the raw body bytes in a header of configurable name, encoding and prefix. */
  record Signature(
      String header,
      HmacAlgorithm algorithm,
      SignatureEncoding encoding,
      String prefix,
      Secret secret)
      implements SecuritySettings {
    private static final Pattern TOKEN_CHARS = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public Signature {
      requireText(HEADER, header);
      if (!TOKEN_CHARS.matcher(header).matches()) {
        throw new InvalidSettingException(HEADER, "must be a valid HTTP header name");
      }
      Objects.requireNonNull(algorithm, ALGORITHM);
      Objects.requireNonNull(encoding, ENCODING);
      Objects.requireNonNull(prefix, PREFIX);
      Objects.requireNonNull(secret, SECRET);
    }

    @Override
    public SecurityMethod method() {
      return SecurityMethod.SIGNATURE;
    }

    @Override
    public Map<String, String> publicFields() {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put(HEADER, header);
      fields.put(ALGORITHM, algorithm.settingName());
      fields.put(ENCODING, encoding.settingName());
      fields.put(PREFIX, prefix);
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
      if (!B64TOKEN.matcher(token.reveal()).matches()) {
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
    SecurityMethod method = SecurityMethod.fromWireName(field.apply(METHOD));
    return switch (method) {
      case BASIC -> new Basic(field.apply(USERNAME), secret(field, PASSWORD));
      case TOKEN_SECRET -> new TokenSecret(secret(field, TOKEN), secret(field, SECRET));
      case SIGNATURE ->
          new Signature(
              orDefault(field.apply(HEADER), HeaderNames.DEFAULT_SIGNATURE),
              HmacAlgorithm.fromSettingName(
                  ALGORITHM,
                  orDefault(field.apply(ALGORITHM), HmacAlgorithm.HMAC_SHA256.settingName())),
              SignatureEncoding.fromSettingName(
                  ENCODING,
                  orDefault(field.apply(ENCODING), SignatureEncoding.BASE64.settingName())),
              orDefault(field.apply(PREFIX), ""),
              secret(field, SECRET));
      case BEARER -> new Bearer(secret(field, TOKEN));
    };
  }

  private static Secret secret(Function<String, String> field, String name) {
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
