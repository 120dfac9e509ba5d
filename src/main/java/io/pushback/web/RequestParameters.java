package io.pushback.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.ContentType;
import io.pushback.auth.FormDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters a saga receives: the query string merged with a form or JSON body. Parsed
 * strictly, only after the credentials were verified: a body that claims JSON or form encoding and
 * is malformed is a {@link BadRequestException}. Thread-safe.
 */
final class RequestParameters {

  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  private final ObjectMapper json;

  RequestParameters(ObjectMapper json) {
    this.json = json;
  }

  Map<String, Object> parse(String query, Optional<String> contentType, byte[] body) {
    ContentType type = ContentType.parse(contentType.orElse(null));
    Charset charset = charset(type);
    Map<String, Object> parameters = new LinkedHashMap<>();
    try {
      putAll(parameters, FormDecoder.decode(query, StandardCharsets.UTF_8, true));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("the query string is malformed: " + e.getMessage(), e);
    }
    if (body.length == 0) {
      return parameters;
    }
    if (type.isJson()) {
      mergeJson(parameters, body);
    } else if (type.isForm()) {
      try {
        putAll(parameters, FormDecoder.decode(decodeText(body, charset, "form"), charset, true));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("the form body is malformed: " + e.getMessage(), e);
      }
    }
    return parameters;
  }

  private void mergeJson(Map<String, Object> parameters, byte[] body) {
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (JsonProcessingException e) {
      // A parser limit (nesting depth, number length) is reported without a location.
      JsonLocation at = e.getLocation();
      throw new BadRequestException(
          at == null
              ? "the JSON body is malformed or exceeds the parser's limits"
              : "the JSON body is malformed at line "
                  + at.getLineNr()
                  + ", column "
                  + at.getColumnNr(),
          e);
    } catch (IOException e) {
      throw new BadRequestException("the JSON body cannot be read", e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new BadRequestException("the JSON body is empty");
    }
    if (tree.isObject()) {
      parameters.putAll(json.convertValue(tree, JSON_OBJECT));
    } else {
      parameters.put("body", json.convertValue(tree, Object.class));
    }
  }

  /**
   * Adds decoded parameters; a name already present keeps its values first, as a repeated
   * parameter.
   */
  private static void putAll(Map<String, Object> target, Map<String, List<String>> decoded) {
    decoded.forEach(
        (name, values) -> {
          List<String> all = new ArrayList<>();
          Object earlier = target.get(name);
          if (earlier instanceof String single) {
            all.add(single);
          } else if (earlier instanceof List<?> list) {
            list.forEach(value -> all.add(String.valueOf(value)));
          }
          all.addAll(values);
          target.put(name, all.size() == 1 ? all.get(0) : all);
        });
  }

  private static String decodeText(byte[] body, Charset charset, String what) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequestException("the " + what + " body is not valid " + charset.name(), e);
    }
  }

  /** The body's charset: UTF-8 unless the sender named another; one the JVM lacks is a 400. */
  private static Charset charset(ContentType type) {
    if (type.charsetName().isEmpty()) {
      return StandardCharsets.UTF_8;
    }
    return type.charset()
        .orElseThrow(
            () ->
                new BadRequestException(
                    "the charset '" + type.charsetName().get() + "' is not supported"));
  }
}
