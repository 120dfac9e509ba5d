package io.pushback.auth.filteralone;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application's own servlet behind the filter, declared in the test webapp's {@code web.xml}.
 * It asks for a parameter first (which, on a form post, a container answers by consuming the body)
 * and then reads the body from the input stream, and answers both as text: {@code a=<parameter a>},
 * a newline, then the body.
 */
public final class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String a = request.getParameter("a");
    String body = new String(request.getInputStream().readAllBytes(), UTF_8);
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().print("a=" + a + "\n" + body);
  }
}
