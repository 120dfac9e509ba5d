package io.pushback.web;

import io.pushback.endpoint.Database;
import io.pushback.endpoint.StoreUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /health}: 200 {@code {"status":"up","store":"up"}} when the store answers, 503 with
 * {@code "store":"down"} and {@code Retry-After} when it does not. Thread-safe.
 */
final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Database database;
  private final transient JsonAnswers answers;

  HealthServlet(Database database, JsonAnswers answers) {
    this.database = database;
    this.answers = answers;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean storeUp;
    try {
      storeUp = database.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (StoreUnavailableException e) {
      storeUp = false;
    }
    response.setHeader("Cache-Control", "no-store");
    if (storeUp) {
      answers.send(response, 200, JsonAnswers.fields("status", "up", "store", "up"));
    } else {
      response.setHeader("Retry-After", "5");
      answers.send(response, 503, JsonAnswers.fields("status", "down", "store", "down"));
    }
  }
}
