package io.pushback.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One admin API call: its path variables, query parameters and JSON body. */
final class ApiRequest {
  private final Map<String, String> pathVariables;
  private final Map<String, List<String>> query;
  private final byte[] body;
  private final ObjectMapper json;

  ApiRequest(
      Map<String, String> pathVariables,
      Map<String, List<String>> query,
      byte[] body,
      ObjectMapper json) {
    this.pathVariables = Map.copyOf(pathVariables);
    this.query = query;
    this.body = body;
    this.json = json;
  }

  String path(String name) {
    String value = pathVariables.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no path variable " + name);
    }
    return value;
  }

  /** The path variable {@code name} as an id; an unusable id is an unknown thing. */
  long pathId(String name, String what) {
    try {
      return Long.parseLong(path(name));
    } catch (NumberFormatException e) {
      throw ApiException.notFound(what + " " + path(name));
    }
  }

  Optional<String> query(String name) {
    List<String> values = query.getOrDefault(name, List.of());
    return values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }

  /** The body as a JSON object; anything else is a 400. */
  JsonFields body() {
    if (body.length == 0) {
      throw ApiException.badRequest("body", "expected a JSON object but the body is empty");
    }
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("body", "is not valid JSON");
    }
    if (tree == null || !tree.isObject()) {
      throw ApiException.badRequest("body", "expected a JSON object");
    }
    return new JsonFields("", tree);
  }

  /** The body as a JSON object, or an empty object when there is no body. */
  JsonFields optionalBody() {
    return body.length == 0 ? new JsonFields("", json.createObjectNode()) : body();
  }
}
