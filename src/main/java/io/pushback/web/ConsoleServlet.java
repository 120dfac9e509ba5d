package io.pushback.web;

import io.pushback.auth.ErrorAnswer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /console/...}: the admin console's static files, read from the web application's own
 * {@code /console/} folder ({@code src/main/webapp/console/}) through {@link
 * jakarta.servlet.ServletContext#getResourceAsStream}, so the WAR on any container and the embedded
 * server serve them alike, without relying on a container's default servlet, welcome files or MIME
 * table. Only plain file names with a known extension are served; every answer carries a strict
 * Content-Security-Policy. The console holds no secret itself: it calls the admin API with the
 * token its user types in. Thread-safe.
 */
final class ConsoleServlet extends HttpServlet {
  static final String MAPPING = "/console/*";

  /** Where the files are, relative to the web application's root. */
  static final String FOLDER = "/console";

  /** Scripts and styles from this origin only; no inline code, no framing, no other hosts. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final long serialVersionUID = 1L;
  private static final String INDEX = "/index.html";
  private static final Pattern FILE =
      Pattern.compile("(/[a-z0-9][a-z0-9_-]*)*/[a-z0-9][a-z0-9_-]*\\.[a-z]+");
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) {
      response.sendRedirect(request.getContextPath() + FOLDER + "/");
      return;
    }
    if (path.equals("/")) {
      path = INDEX;
    }
    Optional<String> contentType = contentType(path);
    InputStream file =
        contentType.isEmpty() ? null : getServletContext().getResourceAsStream(FOLDER + path);
    if (file == null) {
      ErrorAnswer.NOT_FOUND.send(response);
      return;
    }
    try (InputStream in = file) {
      response.setStatus(200);
      response.setContentType(contentType.get());
      response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setHeader("Cache-Control", "no-cache");
      try (OutputStream out = response.getOutputStream()) {
        in.transferTo(out);
      }
    }
  }

  /** The type of a plain file name with a known extension; empty for anything else. */
  static Optional<String> contentType(String path) {
    if (!FILE.matcher(path).matches()) {
      return Optional.empty();
    }
    String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return Optional.ofNullable(CONTENT_TYPES.get(extension));
  }
}
