package io.pushback.blackbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four security methods of design §4 as a test uses them: the {@code security} object that
 * creates an endpoint with fixed public settings, the names of the method's secret fields, and the
 * headers a sender adds to a request given the secret values the admin API showed.
 */
enum SecurityKind {
  BASIC("basic", List.of("password")) {
    @Override
    void addPublicSettings(ObjectNode security) {
      security.put("username", USERNAME);
    }

    @Override
    String[] credentialHeaders(Map<String, String> secrets, String body) {
      return new String[] {
        "Authorization", PushbackSender.basic(USERNAME, secrets.get("password"))
      };
    }
  },
  TOKEN_SECRET("token_secret", List.of("token", "secret")) {
    @Override
    String[] credentialHeaders(Map<String, String> secrets, String body) {
      return new String[] {
        "Access-Token", secrets.get("token"), "Access-Secret", secrets.get("secret")
      };
    }
  },
  SIGNATURE("signature", List.of("secret")) {
    @Override
    String[] credentialHeaders(Map<String, String> secrets, String body) {
      return new String[] {
        "PUSHBACK_SIGNATURE", PushbackSender.base64HmacSha256(secrets.get("secret"), body)
      };
    }
  },
  BEARER("bearer", List.of("token")) {
    @Override
    String[] credentialHeaders(Map<String, String> secrets, String body) {
      return new String[] {"Authorization", "Bearer " + secrets.get("token")};
    }
  };

  /** The username of every basic endpoint these tests create. */
  static final String USERNAME = "acme-user";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String wireName;
  private final List<String> secretFields;

  SecurityKind(String wireName, List<String> secretFields) {
    this.wireName = wireName;
    this.secretFields = secretFields;
  }

  String wireName() {
    return wireName;
  }

  List<String> secretFields() {
    return secretFields;
  }

  /**
   * The {@code security} object with the public settings and {@code secrets} (none: all generated).
   */
  String security(Map<String, String> secrets) {
    ObjectNode security = JSON.createObjectNode();
    security.put("method", wireName);
    addPublicSettings(security);
    secrets.forEach(security::put);
    return security.toString();
  }

  /** Given values for every secret field, distinct per call site through {@code seed}. */
  Map<String, String> givenSecrets(String seed) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String field : secretFields) {
      secrets.put(field, "given-" + field + "-" + seed);
    }
    return secrets;
  }

  /** The secret values of a {@code credentials} object shown by the admin API. */
  Map<String, String> secretsOf(JsonNode credentials) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String field : secretFields) {
      JsonNode value = credentials.get(field);
      if (value == null || !value.isTextual()) {
        throw new AssertionError("credentials lack " + field + ": " + credentials);
      }
      secrets.put(field, value.asText());
    }
    return secrets;
  }

  void addPublicSettings(ObjectNode security) {}

  /** The credential headers (name, value, ...) for a request with {@code body}. */
  abstract String[] credentialHeaders(Map<String, String> secrets, String body);
}
