package io.pushback.blackbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An endpoint as the admin API answered its creation, with the one-time {@code credentials}.
 *
 * @param partner the owning partner's slug
 * @param answer the whole creation answer
 */
record CreatedEndpoint(String partner, JsonNode answer) {
  long id() {
    return answer.get("id").asLong();
  }

  String key() {
    return answer.get("key").asText();
  }

  /** {@code /pushback/<key>}. */
  String path() {
    return answer.get("path").asText();
  }

  /** A secret value from the creation answer, e.g. {@code password}. */
  String credential(String field) {
    JsonNode value = answer.path("credentials").get(field);
    if (value == null || !value.isTextual()) {
      throw new AssertionError("no credential '" + field + "' in " + answer);
    }
    return value.asText();
  }

  /** A public security setting, e.g. {@code username}. */
  String setting(String field) {
    return answer.path("security").path(field).asText();
  }
}
