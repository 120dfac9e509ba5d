package io.pushback.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to the fields of a JSON object in a request, each failure a 400 naming the field by
 * its full path (e.g. {@code security.secret}). A field set to null counts as absent.
 */
final class JsonFields {
  private final String path;
  private final JsonNode node;

  JsonFields(String path, JsonNode node) {
    this.path = path;
    this.node = node;
  }

  /** Refuses any field not in {@code known}, so that a misspelt setting is not silently ignored. */
  JsonFields allowOnly(Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ApiException.badRequest(name(name), "is not a known field; expected one of " + known);
      }
    }
    return this;
  }

  /** Whether the object names {@code field} at all, even as null (which resets, in a PATCH). */
  boolean present(String field) {
    return node.has(field);
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  Optional<String> text(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      throw ApiException.badRequest(name(field), "expected a string");
    }
    return Optional.of(value.asText());
  }

  String requiredText(String field) {
    String value =
        text(field).orElseThrow(() -> ApiException.badRequest(name(field), "is required"));
    if (value.isBlank()) {
      throw ApiException.badRequest(name(field), "must not be blank");
    }
    return value;
  }

  /** A string, or a whole number given as a JSON number, as text. */
  Optional<String> textOrWholeNumber(String field) {
    if (has(field) && node.get(field).isIntegralNumber()) {
      return Optional.of(node.get(field).asText());
    }
    return text(field);
  }

  Optional<Boolean> bool(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isBoolean()) {
      throw ApiException.badRequest(name(field), "expected true or false");
    }
    return Optional.of(value.asBoolean());
  }

  Optional<Long> wholeNumber(String field, long min, long max) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.asLong() < min
        || value.asLong() > max) {
      throw ApiException.badRequest(
          name(field), "expected a whole number from " + min + " to " + max);
    }
    return Optional.of(value.asLong());
  }

  /** The nested object {@code field}; a value of another type is a 400. */
  Optional<JsonFields> object(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isObject()) {
      throw ApiException.badRequest(name(field), "expected a JSON object");
    }
    return Optional.of(new JsonFields(name(field), value));
  }

  /** The raw JSON of {@code field}, for values kept as JSON (saga settings). */
  Optional<JsonNode> raw(String field) {
    return has(field) ? Optional.of(node.get(field)) : Optional.empty();
  }

  Iterator<String> fieldNames() {
    return node.fieldNames();
  }

  /** The full path of {@code field}, as error messages name it. */
  String name(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
