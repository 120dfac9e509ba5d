package io.pushback.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** Assertions on the JSON answers of design §5. */
final class Answers {
  static final String UNAUTHORIZED = "{\"error\":\"unauthorized\"}";
  static final String NOT_FOUND = "{\"error\":\"not_found\"}";
  static final String METHOD_NOT_ALLOWED = "{\"error\":\"method_not_allowed\"}";
  static final String PAYLOAD_TOO_LARGE = "{\"error\":\"payload_too_large\"}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  /**
   * Asserts the answer is {@code application/json} with {@code charset=utf-8}, whatever the spacing
   * and case.
   */
  static void assertJsonContentType(HttpResponse<String> response) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    String[] parts = contentType.split(";");
    assertThat(parts[0].strip().toLowerCase(Locale.ROOT))
        .as("media type of %s", contentType)
        .isEqualTo("application/json");
    List<String> charsets = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      int equals = parameter.indexOf('=');
      if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
        charsets.add(
            parameter.substring(equals + 1).strip().replace("\"", "").toLowerCase(Locale.ROOT));
      }
    }
    assertThat(charsets).as("charset of %s", contentType).containsExactly("utf-8");
  }

  /** Asserts status, JSON content type and the exact body bytes. */
  static void assertAnswer(HttpResponse<String> response, int status, String exactBody) {
    assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(status);
    assertJsonContentType(response);
    assertThat(response.body()).isEqualTo(exactBody);
  }

  /**
   * Asserts a 401 with the one body; with a challenge of {@code scheme} when it is not null, else
   * none required.
   */
  static void assertUnauthorized(HttpResponse<String> response, String scheme) {
    assertAnswer(response, 401, UNAUTHORIZED);
    if (scheme != null) {
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .as("WWW-Authenticate")
          .hasValueSatisfying(
              c ->
                  assertThat(c.toLowerCase(Locale.ROOT))
                      .startsWith(scheme.toLowerCase(Locale.ROOT)));
    }
  }

  /** Asserts {@code 200 {"status":"success","delivery":"<id>"}} and returns the delivery id. */
  static String assertSuccess(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("status; body %s", response.body()).isEqualTo(200);
    assertJsonContentType(response);
    JsonNode answer = json(response);
    assertThat(fieldNames(answer)).containsExactly("status", "delivery");
    assertThat(answer.get("status").asText()).isEqualTo("success");
    assertThat(answer.get("delivery").isTextual()).as("delivery is a string").isTrue();
    assertThat(answer.get("delivery").asText()).matches("\\d+");
    return answer.get("delivery").asText();
  }

  static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
