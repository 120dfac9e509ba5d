package io.pushback.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter in a real Jetty, in memory: {@link PushbackAuthFilter} built with a resolver lambda in
 * front of a servlet, driven through a {@link LocalConnector}. Each path of the test server has its
 * own security method.
 */
final class PushbackAuthFilterTest {
  private static final String SECRET = "filter-test-secret";
  private static final String TOKEN = "tok-81f2";
  private static final String ACCESS_SECRET = "sec-03aa";
  private static final String UNAUTHORIZED = "{\"error\":\"unauthorized\"}";
  private static final String JSON = "application/json;charset=utf-8";
  private static final long LIMIT = 64;

  private final Verifier basic =
      VerifierFactory.create(new SecuritySettings.Basic("acme", Secret.of(SECRET)));
  private final Verifier bearer =
      VerifierFactory.create(new SecuritySettings.Bearer(Secret.of(TOKEN)));
  private final Verifier tokenSecret =
      VerifierFactory.create(
          new SecuritySettings.TokenSecret(Secret.of(TOKEN), Secret.of(ACCESS_SECRET)));
  private final CountingVerifier signature =
      new CountingVerifier(
          VerifierFactory.create(
              new SecuritySettings.Signature(
                  "PUSHBACK_SIGNATURE",
                  HmacAlgorithm.HMAC_SHA256,
                  SignatureEncoding.BASE64,
                  "",
                  Secret.of(SECRET))));

  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final List<InboundRequest> served = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusedResolutions = new AtomicInteger();

  private Server server;
  private LocalConnector connector;

  @BeforeEach
  void startServer() throws Exception {
    SecurityResolver resolver =
        request -> {
          switch (request.getRequestURI()) {
            case "/basic":
              return Resolution.protect(basic, LIMIT);
            case "/bearer":
              return Resolution.protect(bearer, LIMIT);
            case "/token":
              return Resolution.protect(tokenSecret, LIMIT);
            case "/signature":
              return Resolution.protect(signature, LIMIT);
            default:
              refusedResolutions.incrementAndGet();
              return new Resolution.Refuse(ErrorAnswer.METHOD_NOT_ALLOWED, Map.of("Allow", "POST"));
          }
        };
    AuthListener listener =
        new AuthListener() {
          @Override
          public void rejected(
              HttpServletRequest request,
              InboundRequest inbound,
              Verifier verifier,
              Verdict.Rejected verdict) {
            heard.add("rejected " + verdict.reason());
          }

          @Override
          public void tooLarge(
              HttpServletRequest request, RequestHeaders headers, Verifier verifier, long limit) {
            heard.add("too large " + limit);
          }
        };

    server = new Server();
    connector = new LocalConnector(server);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(
        new FilterHolder(new PushbackAuthFilter(resolver, listener)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new EchoServlet(served)), "/*");
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void passesSignedFormPostOnWithParametersAndRawBody() throws Exception {
    byte[] body = "a=1&b=two+words&a=2".getBytes(UTF_8);

    HttpTester.Response response =
        post(
            "/signature?q=x",
            body,
            "application/x-www-form-urlencoded",
            "PUSHBACK_SIGNATURE",
            sign(body));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContent()).isEqualTo("a=1 q=x\na=1&b=two+words&a=2");
    assertThat(served).hasSize(1);
    assertThat(served.get(0).body()).isEqualTo(body);
    assertThat(served.get(0).path()).isEqualTo("/signature");
    assertThat(served.get(0).query()).isEqualTo("q=x");
  }

  @Test
  void passesRawBodyBytesThatAreNotUtf8Unchanged() throws Exception {
    byte[] body = {'a', '=', (byte) 0xE9, (byte) 0xFF, 0, '\n'};

    HttpTester.Response response =
        post("/signature", body, "application/octet-stream", "PUSHBACK_SIGNATURE", sign(body));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentBytes())
        .isEqualTo(concat("a=null q=null\n".getBytes(UTF_8), body));
  }

  @Test
  void acceptsBodyOfExactlyTheLimit() throws Exception {
    byte[] body = "x".repeat((int) LIMIT).getBytes(UTF_8);

    HttpTester.Response response =
        post("/signature", body, "text/plain", "PUSHBACK_SIGNATURE", sign(body));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(signature.calls()).isEqualTo(1);
  }

  @Test
  void refusesDeclaredOversizedBodyWithoutVerifying() throws Exception {
    byte[] body = "x".repeat((int) LIMIT + 1).getBytes(UTF_8);

    HttpTester.Response response =
        post("/signature", body, "text/plain", "PUSHBACK_SIGNATURE", sign(body));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContent()).isEqualTo("{\"error\":\"payload_too_large\"}");
    assertThat(response.get("Content-Type")).isEqualTo(JSON);
    assertThat(signature.calls()).isZero();
    assertThat(served).isEmpty();
    assertThat(heard).containsExactly("too large " + LIMIT);
  }

  @Test
  void refusesOversizedChunkedBodyWithoutVerifying() throws Exception {
    String chunk = "x".repeat((int) LIMIT);
    String raw =
        "POST /signature HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Content-Type: text/plain\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "PUSHBACK_SIGNATURE: "
            + sign((chunk + chunk).getBytes(UTF_8))
            + "\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + Integer.toHexString(chunk.length())
            + "\r\n"
            + chunk
            + "\r\n"
            + Integer.toHexString(chunk.length())
            + "\r\n"
            + chunk
            + "\r\n0\r\n\r\n";

    HttpTester.Response response = HttpTester.parseResponse(connector.getResponse(raw));

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContent()).isEqualTo("{\"error\":\"payload_too_large\"}");
    assertThat(signature.calls()).isZero();
    assertThat(served).isEmpty();
  }

  @Test
  void answersEveryCredentialFailureWithTheSameBody() throws Exception {
    byte[] body = "{\"status\":\"approved\"}".getBytes(UTF_8);
    String basicValue = "Basic " + base64("acme:" + SECRET);
    List<HttpTester.Response> failures = new ArrayList<>();
    // missing, wrong, malformed, wrong scheme, duplicated; for each method
    failures.add(post("/basic", body, "application/json"));
    failures.add(
        post("/basic", body, "application/json", "Authorization", "Basic " + base64("acme:wrong")));
    failures.add(post("/basic", body, "application/json", "Authorization", "Basic %%%"));
    failures.add(post("/basic", body, "application/json", "Authorization", "Bearer " + TOKEN));
    failures.add(
        post(
            "/basic",
            body,
            "application/json",
            "Authorization",
            basicValue,
            "HTTP_AUTHORIZATION",
            basicValue));
    failures.add(post("/bearer", body, "application/json"));
    failures.add(post("/bearer", body, "application/json", "Authorization", "Bearer tok-0000"));
    failures.add(post("/bearer", body, "application/json", "Authorization", "Bearer"));
    failures.add(post("/bearer", body, "application/json", "Authorization", basicValue));
    failures.add(post("/token", body, "application/json", "Access-Token", TOKEN));
    failures.add(
        post(
            "/token",
            body,
            "application/json",
            "Access-Token",
            TOKEN,
            "Access-Secret",
            "sec-0000"));
    failures.add(
        post(
            "/token",
            body,
            "application/json",
            "Access-Token",
            TOKEN,
            "HTTP_ACCESS_TOKEN",
            TOKEN,
            "Access-Secret",
            ACCESS_SECRET));
    failures.add(post("/signature", body, "application/json"));
    failures.add(
        post(
            "/signature",
            body,
            "application/json",
            "PUSHBACK_SIGNATURE",
            sign("other".getBytes(UTF_8))));
    failures.add(post("/signature", body, "application/json", "PUSHBACK_SIGNATURE", "not base64"));

    for (HttpTester.Response response : failures) {
      assertThat(response.getStatus()).as(response.toString()).isEqualTo(401);
      assertThat(response.getContent()).as(response.toString()).isEqualTo(UNAUTHORIZED);
      assertThat(response.get("Content-Type")).as(response.toString()).isEqualTo(JSON);
    }
    assertThat(served).isEmpty();
    assertThat(heard)
        .containsExactly(
            "rejected MISSING",
            "rejected MISMATCH",
            "rejected MALFORMED",
            "rejected WRONG_SCHEME",
            "rejected DUPLICATED",
            "rejected MISSING",
            "rejected MISMATCH",
            "rejected MALFORMED",
            "rejected WRONG_SCHEME",
            "rejected MISSING",
            "rejected MISMATCH",
            "rejected DUPLICATED",
            "rejected MISSING",
            "rejected MISMATCH",
            "rejected MALFORMED");
  }

  @Test
  void challengesOnlyForBasicAndBearer() throws Exception {
    byte[] body = "{}".getBytes(UTF_8);

    assertThat(post("/basic", body, "application/json").get("WWW-Authenticate"))
        .isEqualTo(basic.challenge().orElseThrow())
        .startsWith("Basic realm=");
    assertThat(post("/bearer", body, "application/json").get("WWW-Authenticate"))
        .isEqualTo(bearer.challenge().orElseThrow())
        .startsWith("Bearer realm=");
    assertThat(post("/token", body, "application/json").get("WWW-Authenticate")).isNull();
    assertThat(post("/signature", body, "application/json").get("WWW-Authenticate")).isNull();
  }

  @Test
  void refusesTheSameHeaderTwiceThroughTheContainer() throws Exception {
    byte[] body = "{}".getBytes(UTF_8);

    HttpTester.Response response =
        post(
            "/bearer",
            body,
            "application/json",
            "Authorization",
            "Bearer " + TOKEN,
            "Authorization",
            "Bearer " + TOKEN);

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(heard).containsExactly("rejected DUPLICATED");
  }

  @Test
  void refusesTwoSpellingsOfTheSignatureHeaderThroughTheContainer() throws Exception {
    byte[] body = "{}".getBytes(UTF_8);

    HttpTester.Response response =
        post(
            "/signature",
            body,
            "application/json",
            "Pushback-Signature",
            sign(body),
            "PUSHBACK_SIGNATURE",
            sign(body));

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(heard).containsExactly("rejected DUPLICATED");
  }

  @Test
  void acceptsEachMethodThroughTheContainer() throws Exception {
    byte[] body = "a=ok".getBytes(UTF_8);
    String form = "application/x-www-form-urlencoded";

    assertThat(
            post("/basic", body, form, "HTTP_AUTHORIZATION", base64("acme:" + SECRET)).getContent())
        .isEqualTo("a=ok q=null\na=ok");
    assertThat(post("/bearer", body, form, "Authorization", "Bearer " + TOKEN).getStatus())
        .isEqualTo(200);
    assertThat(
            post("/token", body, form, "HTTP_ACCESS_TOKEN", TOKEN, "ACCESS_SECRET", ACCESS_SECRET)
                .getStatus())
        .isEqualTo(200);
    assertThat(post("/signature", body, form, "pushback-signature", sign(body)).getStatus())
        .isEqualTo(200);
    assertThat(served).hasSize(4);
    assertThat(heard).isEmpty();
  }

  @Test
  void answersRefusalAsGivenWithoutVerifying() throws Exception {
    byte[] body = "{}".getBytes(UTF_8);

    HttpTester.Response response =
        post("/unknown", body, "application/json", "PUSHBACK_SIGNATURE", sign(body));

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(response.getContent()).isEqualTo("{\"error\":\"method_not_allowed\"}");
    assertThat(response.get("Allow")).isEqualTo("POST");
    assertThat(response.get("Content-Type")).isEqualTo(JSON);
    assertThat(refusedResolutions).hasValue(1);
    assertThat(signature.calls()).isZero();
    assertThat(served).isEmpty();
    assertThat(heard).isEmpty();
  }

  private HttpTester.Response post(
      String uri, byte[] body, String contentType, String... headerNamesAndValues)
      throws Exception {
    HttpTester.Request request = HttpTester.newRequest();
    request.setMethod("POST");
    request.setURI(uri);
    request.put("Host", "localhost");
    request.put("Content-Type", contentType);
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      request.add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
    }
    request.setContent(body);
    ByteBuffer response = connector.getResponse(request.generate());
    return HttpTester.parseResponse(response);
  }

  private static String sign(byte[] body) {
    return base64(HmacAlgorithm.HMAC_SHA256.sign(SECRET.getBytes(UTF_8), body));
  }

  private static String base64(String text) {
    return base64(text.getBytes(UTF_8));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }

  /**
   * Echoes parameters a and q, then the body it reads back from the input stream, byte for byte.
   */
  private static final class EchoServlet extends HttpServlet {
    private final List<InboundRequest> served;

    EchoServlet(List<InboundRequest> served) {
      this.served = served;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      served.add(
          (InboundRequest) request.getAttribute(PushbackAuthFilter.INBOUND_REQUEST_ATTRIBUTE));
      String parameters =
          "a=" + request.getParameter("a") + " q=" + request.getParameter("q") + "\n";
      byte[] body = request.getInputStream().readAllBytes();
      response.setContentType("application/octet-stream");
      response.getOutputStream().write(concat(parameters.getBytes(UTF_8), body));
    }
  }

  /** Counts the verifications it is asked for, then asks the real verifier. */
  private static final class CountingVerifier implements Verifier {
    private final Verifier delegate;
    private final AtomicInteger calls = new AtomicInteger();

    CountingVerifier(Verifier delegate) {
      this.delegate = delegate;
    }

    int calls() {
      return calls.get();
    }

    @Override
    public Verdict verify(InboundRequest request) {
      calls.incrementAndGet();
      return delegate.verify(request);
    }

    @Override
    public Set<String> credentialHeaders() {
      return delegate.credentialHeaders();
    }

    @Override
    public Optional<String> challenge() {
      return delegate.challenge();
    }
  }
}
