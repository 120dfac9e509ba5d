package io.pushback.app;

import io.pushback.saga.Saga;
import io.pushback.web.WebRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Pushback on an embedded Jetty 12, for development and tests: the same bootstrap as the WAR, at
 * the root context, with the WAR's own web folder ({@link #WEBAPP}) as the context's resources, so
 * that the admin console is served as in the WAR. Not thread-safe; start once, stop once.
 */
public final class EmbeddedServer implements AutoCloseable {
  /** How long a connection may stay silent, mid-request or between requests. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The web folder the WAR is built from, relative to the working directory (the project, for the
   * launcher and the tests); without it the console answers 404 and everything else works.
   */
  public static final Path WEBAPP = Path.of("src", "main", "webapp");

  private final Server server;
  private final ServerConnector connector;

  /**
   * A server for {@code settings} (its port, 0 for any free one) with {@code extraSagas} besides
   * the built-in ones.
   */
  public EmbeddedServer(Settings settings, List<Saga> extraSagas, Clock clock) {
    this.server = new Server();
    this.connector = new ServerConnector(server);
    connector.setPort(settings.port());
    // One blocking read waits at most this long; with the body timeout it bounds a trickling
    // request.
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    if (Files.isDirectory(WEBAPP)) {
      context.setBaseResourceAsPath(WEBAPP.toAbsolutePath());
    }
    context.addEventListener(new PushbackBootstrap(ignored -> settings, extraSagas, clock));
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, WebRoutes.ERROR_PAGE);
    context.setErrorHandler(errors);
    server.setHandler(context);
    server.setErrorHandler(new JsonServerErrorHandler());
    server.setStopAtShutdown(true);
  }

  /** Starts serving; throws with the cause when Pushback cannot start. */
  public EmbeddedServer start() throws Exception {
    server.start();
    if (!server.isStarted()) {
      throw new IllegalStateException("the embedded server did not start");
    }
    return this;
  }

  /** The port actually listened on. */
  public int port() {
    return connector.getLocalPort();
  }

  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops serving and closes the store; failures to stop are rethrown unchecked. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the embedded server did not stop cleanly", e);
    }
  }
}
