package io.pushback.auth;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The security methods an endpoint can demand. There is deliberately no "none". */
public enum SecurityMethod {
  BASIC("basic", List.of(SecuritySettings.USERNAME), List.of(SecuritySettings.PASSWORD)),
  TOKEN_SECRET("token_secret", List.of(), List.of(SecuritySettings.TOKEN, SecuritySettings.SECRET)),
  SIGNATURE(
      "signature",
      List.of(
          SecuritySettings.PRESET,
          SecuritySettings.HEADER,
          SecuritySettings.ALGORITHM,
          SecuritySettings.ENCODING,
          SecuritySettings.PREFIX,
          SecuritySettings.TIMESTAMP_HEADER,
          SecuritySettings.TOLERANCE_SECONDS,
          SecuritySettings.SIGNED_CONTENT,
          SecuritySettings.ID_HEADER,
          SecuritySettings.FORMAT,
          SecuritySettings.KEY_ENCODING),
      List.of(SecuritySettings.SECRET)),
  BEARER("bearer", List.of(), List.of(SecuritySettings.TOKEN));

  private final String wireName;
  private final List<String> publicFields;
  private final List<String> secretFields;

  SecurityMethod(String wireName, List<String> publicFields, List<String> secretFields) {
    this.wireName = wireName;
    this.publicFields = publicFields;
    this.secretFields = secretFields;
  }

  /** The settings of this method that are not secret: shown by the API, changed in place. */
  public List<String> publicFields() {
    return publicFields;
  }

  /** The name used in the admin API and in filter init parameters, e.g. {@code token_secret}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The settings of this method that hold secrets, which rotation replaces and which are never
   * shown twice.
   */
  public List<String> secretFields() {
    return secretFields;
  }

  /** The method named {@code wireName}, matched exactly as documented. */
  public static SecurityMethod fromWireName(String wireName) {
    for (SecurityMethod method : values()) {
      if (method.wireName.equals(wireName)) {
        return method;
      }
    }
    throw new InvalidSettingException(
        SecuritySettings.METHOD, "expected one of " + names() + " but found " + describe(wireName));
  }

  static String names() {
    return Arrays.stream(values()).map(SecurityMethod::wireName).collect(Collectors.joining(", "));
  }

  private static String describe(String value) {
    return value == null ? "nothing" : "'" + value + "'";
  }
}
