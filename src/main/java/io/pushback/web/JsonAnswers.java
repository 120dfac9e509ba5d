package io.pushback.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.ErrorAnswer;
import io.pushback.auth.PushbackException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers, {@code application/json; charset=utf-8}. Thread-safe. */
public final class JsonAnswers {
  private final ObjectMapper json;

  public JsonAnswers(ObjectMapper json) {
    this.json = json;
  }

  /** Sends {@code value} rendered as JSON with {@code status}. */
  public void send(HttpServletResponse response, int status, Object value) throws IOException {
    ErrorAnswer.sendJson(response, status, render(value));
  }

  /** Sends {@code {"error":code,"message":message}}. */
  public void sendError(HttpServletResponse response, int status, String code, String message)
      throws IOException {
    send(response, status, fields("error", code, "message", message));
  }

  public String render(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new PushbackException(
          "cannot render " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** An ordered map of two fields, for small answers. */
  public static Map<String, Object> fields(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
