package io.pushback.web.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One admin API route: a method and a path template such as {@code /partners/{partner}/sites}. */
record Route(String method, String template, Handler handler) {
  /** Serves one call; throws {@link ApiException} for a refusal. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiRequest request);
  }

  /** The path variables if {@code segments} fit the template, whatever the method. */
  Optional<Map<String, String>> match(List<String> segments) {
    String[] parts = template.substring(1).split("/");
    if (parts.length != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      String segment = segments.get(i);
      if (part.startsWith("{")) {
        if (segment.isEmpty()) {
          return Optional.empty();
        }
        variables.put(part.substring(1, part.length() - 1), segment);
      } else if (!part.equals(segment)) {
        return Optional.empty();
      }
    }
    return Optional.of(variables);
  }
}
