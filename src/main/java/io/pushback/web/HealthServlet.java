package io.pushback.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /health}, liveness: 200 {@code {"status":"up"}} whenever the node can answer at all.
 * It never touches the store, so a store outage does not get a live node restarted; {@code GET
 * /ready} ({@link ReadyServlet}) says whether to send it traffic. Thread-safe.
 */
final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient JsonAnswers answers;

  HealthServlet(JsonAnswers answers) {
    this.answers = answers;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    answers.send(response, 200, Map.of("status", "up"));
  }
}
