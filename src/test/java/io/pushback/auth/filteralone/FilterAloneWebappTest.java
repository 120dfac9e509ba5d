package io.pushback.auth.filteralone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pushback.auth.InvalidSettingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Design §8, end to end: an application's own webapp directory whose {@code web.xml} maps {@code
 * io.pushback.auth.PushbackAuthFilter} with init parameters in front of its own servlet, deployed
 * as a {@link WebAppContext} on a real Jetty and called over a real port. No database, no dispatch
 * servlet.
 */
final class FilterAloneWebappTest {
  /** As in src/test/resources/filter-alone-webapp/WEB-INF/web.xml. */
  private static final String SECRET = "filter-alone-shared-secret";

  private static final String HEADER = "X-Partner-Signature";
  private static final String FORM = "application/x-www-form-urlencoded";

  private static Server server;
  private static URI hooks;
  private static HttpClient client;

  @BeforeAll
  static void deploy() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(webapp(webappDirectory()));
    server.start();
    hooks = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/hooks/loan-status");
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void undeploy() throws Exception {
    server.stop();
  }

  @Test
  void servletSeesParameterAndRawBodyOfSignedFormPost() throws Exception {
    String body = "a=approved&loan=12345&note=caf%C3%A9";

    HttpResponse<String> response = post(FORM, body, HEADER, sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("a=approved\n" + body);
  }

  @Test
  void servletSeesRawBodyOfSignedJsonPost() throws Exception {
    String body = "{\"a\":\"approved\",\"loan\":12345}";

    HttpResponse<String> response = post("application/json", body, HEADER, sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("a=null\n" + body);
  }

  @Test
  void acceptsCgiSpellingOfTheConfiguredHeader() throws Exception {
    String body = "a=1";

    HttpResponse<String> response = post(FORM, body, "HTTP_X_PARTNER_SIGNATURE", sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("a=1\na=1");
  }

  @Test
  void refusesWrongSignatureWith401() throws Exception {
    HttpResponse<String> response = post(FORM, "a=approved", HEADER, sign("a=denied"));

    assertUnauthorized(response);
  }

  @Test
  void refusesMissingSignatureWith401() throws Exception {
    HttpResponse<String> response = post(FORM, "a=approved", "X-Other", "x");

    assertUnauthorized(response);
  }

  @Test
  void refusesBodyOverMaxBodyBytesWith413() throws Exception {
    String body = "a=" + "x".repeat(1023);

    HttpResponse<String> response = post(FORM, body, HEADER, sign(body));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("{\"error\":\"payload_too_large\"}");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json;charset=utf-8");
  }

  @Test
  void acceptsBodyOfExactlyMaxBodyBytes() throws Exception {
    String body = "a=" + "x".repeat(1022);

    HttpResponse<String> response = post(FORM, body, HEADER, sign(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("a=" + "x".repeat(1022) + "\n" + body);
  }

  @Test
  void badInitParameterStopsTheWebappFromStartingAndNamesTheParameter(@TempDir Path copy)
      throws Exception {
    String webXml = Files.readString(webappDirectory().resolve("WEB-INF/web.xml"), UTF_8);
    String withMd5 =
        webXml.replace("<param-value>HmacSHA256</param-value>", "<param-value>MD5</param-value>");
    assertThat(withMd5).isNotEqualTo(webXml);
    Files.createDirectories(copy.resolve("WEB-INF"));
    Files.writeString(copy.resolve("WEB-INF/web.xml"), withMd5, UTF_8);

    Server broken = new Server();
    WebAppContext context = webapp(copy);
    broken.setHandler(context);
    try {
      Throwable failure = catchThrowable(broken::start);

      assertThat(failure).isNotNull();
      assertThat(context.isAvailable()).isFalse();
      assertThat(failure)
          .hasMessageContaining("init parameter algorithm")
          .hasMessageContaining("MD5");
      assertThat(failure).hasRootCauseInstanceOf(InvalidSettingException.class);
      assertThat(((InvalidSettingException) rootCause(failure)).field()).isEqualTo("algorithm");
    } finally {
      broken.stop();
    }
  }

  private static WebAppContext webapp(Path directory) {
    WebAppContext context = new WebAppContext();
    context.setContextPath("/app");
    context.setWar(directory.toString());
    // Fail the start, as a deployer wants, instead of leaving a context that answers 503.
    context.setThrowUnavailableOnStartupException(true);
    return context;
  }

  private static Path webappDirectory() throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(
                FilterAloneWebappTest.class.getResource("/filter-alone-webapp"), "test webapp")
            .toURI());
  }

  private static HttpResponse<String> post(
      String contentType, String body, String header, String value) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(hooks)
            .header("Content-Type", contentType)
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json;charset=utf-8");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Base64(HMAC-SHA256(secret, body)), computed here with the JDK alone. */
  private static String sign(String body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(UTF_8)));
  }
}
