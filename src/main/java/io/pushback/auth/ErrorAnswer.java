package io.pushback.auth;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON error answer, {@code {"error":"<code>"}}: the fixed bodies of design §5. The code is a
 * constant chosen by Pushback, never anything the caller sent, so no escaping is needed. Immutable.
 *
 * @param status the HTTP status
 * @param code the machine-readable error code
 */
public record ErrorAnswer(int status, String code) {
  public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

  public static final ErrorAnswer UNAUTHORIZED = new ErrorAnswer(401, "unauthorized");
  public static final ErrorAnswer NOT_FOUND = new ErrorAnswer(404, "not_found");
  public static final ErrorAnswer METHOD_NOT_ALLOWED = new ErrorAnswer(405, "method_not_allowed");
  public static final ErrorAnswer PAYLOAD_TOO_LARGE = new ErrorAnswer(413, "payload_too_large");
  public static final ErrorAnswer UNAVAILABLE = new ErrorAnswer(503, "unavailable");

  private static final Map<Integer, String> CODES =
      Map.of(
          400, "bad_request",
          401, "unauthorized",
          403, "forbidden",
          404, "not_found",
          405, "method_not_allowed",
          408, "request_timeout",
          413, "payload_too_large",
          414, "uri_too_long",
          431, "headers_too_large",
          503, "unavailable");

  /**
   * The fixed answer for {@code status}, for errors a container raises itself: nothing of the
   * request in it.
   */
  public static ErrorAnswer forStatus(int status) {
    return new ErrorAnswer(
        status, CODES.getOrDefault(status, status >= 500 ? "internal_error" : "error"));
  }

  public ErrorAnswer {
    Objects.requireNonNull(code, "code");
    if (!code.matches("[a-z_]+")) {
      throw new IllegalArgumentException("error codes are lower-case words: " + code);
    }
  }

  /** The answer's body. */
  public String body() {
    return "{\"error\":\"" + code + "\"}";
  }

  /** Sends this answer unless the response is already committed. */
  public void send(HttpServletResponse response) throws IOException {
    sendJson(response, status, body());
  }

  /** Sends {@code json} with {@code status} as {@code application/json; charset=utf-8}. */
  public static void sendJson(HttpServletResponse response, int status, String json)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(JSON_CONTENT_TYPE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
