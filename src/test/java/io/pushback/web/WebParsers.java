package io.pushback.web;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Optional;

/**
 * The package-private {@link RequestParameters}, opened to the property tests in {@code
 * io.pushback.fuzz} with the object mapper the application builds.
 */
public final class WebParsers {
  private static final RequestParameters PARAMETERS =
      new RequestParameters(JsonMapper.builder().build());

  private WebParsers() {}

  /** {@link RequestParameters#parse}. */
  public static Map<String, Object> parameters(
      String query, Optional<String> contentType, byte[] body) {
    return PARAMETERS.parse(query, contentType, body);
  }
}
