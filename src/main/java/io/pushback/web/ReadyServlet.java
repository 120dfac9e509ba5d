package io.pushback.web;

import io.pushback.endpoint.Database;
import io.pushback.endpoint.Migrations;
import io.pushback.endpoint.StoreUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /ready}, readiness: 200 {@code {"status":"ready","store":"up","schema":"2"}} when the
 * store answers within its timeout and its schema is at the version this node migrated it to at
 * start; otherwise 503 with {@code Retry-After} and {@code "status":"unready"}, saying whether the
 * store is {@code down} or which schema version it has ({@code "schema"}) against the one expected
 * ({@code "expected"}). Asks the store on every call. Thread-safe.
 */
final class ReadyServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Database database;
  private final transient String expectedSchema;
  private final transient JsonAnswers answers;

  ReadyServlet(Database database, String expectedSchema, JsonAnswers answers) {
    this.database = database;
    this.expectedSchema = expectedSchema;
    this.answers = answers;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    Optional<String> schema;
    try {
      schema = Migrations.appliedVersion(database);
    } catch (StoreUnavailableException e) {
      unready(response, JsonAnswers.fields("status", "unready", "store", "down"));
      return;
    }
    boolean ready = schema.isPresent() && schema.get().equals(expectedSchema);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", ready ? "ready" : "unready");
    answer.put("store", "up");
    answer.put("schema", schema.orElse(null));
    if (ready) {
      answers.send(response, 200, answer);
    } else {
      answer.put("expected", expectedSchema);
      unready(response, answer);
    }
  }

  private void unready(HttpServletResponse response, Map<String, Object> answer)
      throws IOException {
    response.setHeader("Retry-After", EndpointResolver.RETRY_AFTER_SECONDS);
    answers.send(response, 503, answer);
  }
}
