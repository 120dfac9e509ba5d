package io.pushback.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.PushbackException;
import java.util.Map;

/** Text columns that hold a JSON object of strings: security settings and credential secrets. */
public final class JsonColumns {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private final ObjectMapper mapper;

  public JsonColumns(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new PushbackException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public Map<String, String> readStringMap(String column, String text) {
    try {
      return mapper.readValue(text, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new PushbackException(
          "column " + column + " does not hold a JSON object of strings", e);
    }
  }
}
