package com.example.hooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application's own servlet, behind {@code io.pushback.auth.PushbackAuthFilter} (see {@code
 * WEB-INF/web.xml}). It only runs for a request whose signature the filter verified, and it sees
 * that request whole: the form parameter {@code status} through {@code getParameter}, and the raw
 * body again through {@code getInputStream}. It answers both as text: {@code status=<status>}, a
 * newline, then the body.
 */
public final class LoanStatusServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String status = request.getParameter("status");
    String body = new String(request.getInputStream().readAllBytes(), UTF_8);
    response.setContentType("text/plain; charset=utf-8");
    response.getWriter().print("status=" + status + "\n" + body);
  }
}
