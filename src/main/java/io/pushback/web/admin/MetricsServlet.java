package io.pushback.web.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /admin/api/v1/metrics}: every meter in the Prometheus text format 0.0.4, behind the
 * admin credential like the rest of the admin API (404 when the admin API is off, 401 without the
 * token). Thread-safe.
 */
public final class MetricsServlet extends HttpServlet {
  /** The servlet mapping: an exact path, which wins over the admin API's {@code /*} mapping. */
  public static final String MAPPING = "/admin/api/v1/metrics";

  /** The Prometheus text exposition format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final long serialVersionUID = 1L;

  private final transient AdminGuard guard;
  private final transient PrometheusMeterRegistry registry;

  MetricsServlet(AdminGuard guard, PrometheusMeterRegistry registry) {
    this.guard = guard;
    this.registry = registry;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (guard.admits(request, response)) {
      super.service(request, response);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(200);
    response.setContentType(CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    try (OutputStream out = response.getOutputStream()) {
      registry.scrape(out, CONTENT_TYPE);
    }
  }
}
