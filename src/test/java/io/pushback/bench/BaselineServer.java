package io.pushback.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The benchmark's baseline: the same embedded Jetty 12 as Pushback, one servlet that reads the
 * whole body and answers the JSON a successful sync delivery gets, {@code
 * {"status":"success","delivery":"<n>"}}. No authentication, no store: the most a servlet on this
 * machine can do. Not part of the test suite; {@code bench/run.sh} starts it.
 *
 * <p>Usage: {@code BaselineServer <port>}.
 */
public final class BaselineServer {
  /** As {@code EmbeddedServer.IDLE_TIMEOUT}, so both servers treat connections alike. */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  private BaselineServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new AnswerServlet()), "/*");
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    System.out.println("baseline listening on port " + connector.getLocalPort());
    server.join();
  }

  /** Reads the body to its end, then answers 200 with a JSON body. Thread-safe. */
  private static final class AnswerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AtomicLong deliveries = new AtomicLong();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] buffer = new byte[8192];
      try (InputStream in = request.getInputStream()) {
        while (in.read(buffer) >= 0) {
          // Pushback reads every body before it answers; so does the baseline.
        }
      }
      String answer =
          "{\"status\":\"success\",\"delivery\":\"" + deliveries.incrementAndGet() + "\"}";
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      response.setStatus(200);
      response.setContentType("application/json; charset=utf-8");
      response.setContentLength(bytes.length);
      OutputStream out = response.getOutputStream();
      out.write(bytes);
    }
  }
}
