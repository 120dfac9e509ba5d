package io.pushback.web.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.ErrorAnswer;
import io.pushback.auth.FormDecoder;
import io.pushback.endpoint.DuplicateException;
import io.pushback.endpoint.StoreUnavailableException;
import io.pushback.web.JsonAnswers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API v1: off (404 for everything) without an admin token; otherwise every call needs
 * {@code Authorization: Bearer <token>}, then is routed to its handler. Thread-safe.
 */
public final class AdminApiServlet extends HttpServlet {
  /** The servlet mapping of the admin API. */
  public static final String MAPPING = "/admin/api/v1/*";

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AdminApiServlet.class);
  private static final int MAX_BODY_BYTES = 1_048_576;
  private static final long MAX_DRAINED_BYTES = 16L * 1_048_576;

  private final transient AdminGuard guard;
  private final transient List<Route> routes;
  private final transient ObjectMapper json;
  private final transient JsonAnswers answers;

  /** An admin API behind {@code guard} serving {@code routes}. */
  AdminApiServlet(AdminGuard guard, List<Route> routes, ObjectMapper json) {
    this.guard = guard;
    this.routes = List.copyOf(routes);
    this.json = json;
    this.answers = new JsonAnswers(json);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!guard.admits(request, response)) {
      return;
    }
    try {
      ApiResponse answer = route(request);
      if (answer.body() == null) {
        response.setStatus(answer.status());
      } else {
        answers.send(response, answer.status(), answer.body());
      }
    } catch (ApiException e) {
      answers.sendError(response, e.status(), e.code(), e.getMessage());
    } catch (DuplicateException e) {
      answers.sendError(response, 409, "conflict", e.field() + " is already taken");
    } catch (StoreUnavailableException e) {
      LOG.warn("admin API: store unavailable: {}", e.getMessage());
      response.setHeader("Retry-After", "5");
      ErrorAnswer.UNAVAILABLE.send(response);
    }
  }

  private ApiResponse route(HttpServletRequest request) throws IOException {
    String pathInfo = request.getPathInfo() == null ? "/" : request.getPathInfo();
    List<String> segments = Arrays.asList(pathInfo.substring(1).split("/", -1));
    List<Route> fitting = routes.stream().filter(r -> r.match(segments).isPresent()).toList();
    if (fitting.isEmpty()) {
      throw new ApiException(404, "not_found", "no admin API route " + pathInfo);
    }
    for (Route route : fitting) {
      if (route.method().equals(request.getMethod())) {
        Map<String, String> variables = route.match(segments).orElseThrow();
        byte[] body = body(request);
        Map<String, List<String>> query =
            FormDecoder.decode(request.getQueryString(), StandardCharsets.UTF_8, false);
        return route.handler().handle(new ApiRequest(variables, query, body, json));
      }
    }
    String allowed =
        fitting.stream().map(Route::method).distinct().collect(Collectors.joining(", "));
    throw new ApiException(
        405, "method_not_allowed", request.getMethod() + " is not allowed here; use " + allowed);
  }

  /**
   * The request body, at most {@link #MAX_BODY_BYTES}. A larger one is refused with 413, after
   * reading and dropping up to {@link #MAX_DRAINED_BYTES} of it: an authenticated operator's client
   * that is still sending would otherwise see the connection reset instead of the answer.
   */
  private static byte[] body(HttpServletRequest request) throws IOException {
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        drain(in);
        throw new ApiException(
            413,
            "payload_too_large",
            "admin API bodies are limited to " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] chunk = new byte[8192];
    long drained = 0;
    for (int n = in.read(chunk); n != -1 && drained < MAX_DRAINED_BYTES; n = in.read(chunk)) {
      drained += n;
    }
  }
}
