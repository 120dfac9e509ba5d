package io.pushback.web;

import io.pushback.auth.ErrorAnswer;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The container's error page: whatever the container itself refuses (an unmapped path, an ambiguous
 * URI, an uncaught exception) is answered as JSON too, with a fixed code per status and nothing
 * internal. Thread-safe.
 */
final class JsonErrorServlet extends HttpServlet {
  /** Where {@code web.xml} and the embedded server send errors. */
  static final String MAPPING = "/error";

  private static final long serialVersionUID = 1L;
  private static final Map<Integer, String> CODES =
      Map.of(
          400, "bad_request",
          401, "unauthorized",
          403, "forbidden",
          404, "not_found",
          405, "method_not_allowed",
          413, "payload_too_large",
          414, "uri_too_long",
          431, "headers_too_large",
          503, "unavailable");

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer value ? value : 404;
    String error = CODES.getOrDefault(code, code >= 500 ? "internal_error" : "error");
    response.resetBuffer();
    new ErrorAnswer(code, error).send(response);
  }
}
