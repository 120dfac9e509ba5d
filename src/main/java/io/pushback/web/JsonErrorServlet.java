package io.pushback.web;

import io.pushback.auth.ErrorAnswer;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page: whatever the container itself refuses (an unmapped path, an ambiguous
 * URI, an uncaught exception) is answered as JSON too, with a fixed code per status and nothing
 * internal. Thread-safe.
 */
final class JsonErrorServlet extends HttpServlet {
  /** Where {@code web.xml} and the embedded server send errors. */
  static final String MAPPING = "/error";

  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer value ? value : 404;
    response.resetBuffer();
    ErrorAnswer.forStatus(code).send(response);
  }
}
