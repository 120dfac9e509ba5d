package io.pushback.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's files over HTTP: their types, a strict Content-Security-Policy, nothing outside
 * {@code /console/}, and the other routes untouched.
 */
final class ConsoleFilesIT {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "/console/, text/html",
    "/console/index.html, text/html",
    "/console/console.css, text/css",
    "/console/js/app.js, text/javascript",
    "/console/favicon.svg, image/svg+xml"
  })
  void servesConsoleFilesWithTheirTypeAndAStrictPolicy(String path, String type) throws Exception {
    HttpResponse<String> answer = get(path);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> t.startsWith(type));
    assertThat(answer.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'"));
    assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void pageLoadsOnlyItsOwnFilesWithoutInlineScript() throws Exception {
    String page = get("/console/").body();

    assertThat(page).contains("<script type=\"module\" src=\"js/app.js\"></script>");
    assertThat(page).doesNotContain("http://", "https://", "<script>", "style=", "onclick");
  }

  @Test
  void redirectsTheBareFolderToItsIndex() throws Exception {
    HttpResponse<String> answer = get("/console");

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location"))
        .hasValueSatisfying(l -> l.endsWith("/console/"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/console/missing.js",
        "/console/js",
        "/console/README",
        "/console/../WEB-INF/web.xml",
        "/console/%2e%2e/WEB-INF/web.xml",
        "/console/js/../../WEB-INF/web.xml",
        "/console/.hidden.js"
      })
  void answersJsonNotFoundForAnythingButAConsoleFile(String path) throws Exception {
    HttpResponse<String> answer = get(path);

    assertThat(answer.statusCode()).isIn(400, 404);
    assertThat(answer.body()).doesNotContain("<web-app", "PushbackBootstrap");
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
  }

  @Test
  void leavesHealthAndUnknownRoutesAsTheyWere() throws Exception {
    assertThat(get("/health").body()).contains("\"status\":\"up\"");
    HttpResponse<String> unknown = get("/index.html");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"not_found\"}");
    assertThat(get("/src/main/webapp/console/index.html").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return server.send(HttpRequest.newBuilder(server.uri(path)).GET().build());
  }
}
