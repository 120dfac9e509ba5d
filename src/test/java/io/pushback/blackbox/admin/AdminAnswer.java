package io.pushback.blackbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/**
 * One answer of the admin API as a client sees it: status, headers, raw text and the text read as
 * JSON (a missing node when the answer has no body).
 */
record AdminAnswer(int status, HttpHeaders headers, String text, JsonNode json) {
  /** The {@code message} of an error answer, or empty text. */
  String message() {
    return json.path("message").asText("");
  }

  /** The {@code error} code of an error answer, or empty text. */
  String error() {
    return json.path("error").asText("");
  }

  /** The field {@code name} of the JSON body, failing when it is absent. */
  JsonNode field(String name) {
    JsonNode value = json.get(name);
    if (value == null) {
      throw new AssertionError("answer " + status + " has no field '" + name + "': " + text);
    }
    return value;
  }

  @Override
  public String toString() {
    return status + " " + text;
  }
}
