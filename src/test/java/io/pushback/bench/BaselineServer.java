package io.pushback.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pushback.delivery.DeliveryWriter;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jdbi.v3.core.Jdbi;

/**
 * The benchmark's baseline: the same embedded Jetty 12 as Pushback, one servlet that reads the
 * whole body and answers the JSON a successful sync delivery gets, {@code
 * {"status":"success","delivery":"<n>"}}. No authentication, no store: the most a servlet on this
 * machine can do. Not part of the test suite; {@code bench/run.sh} starts it.
 *
 * <p>Given a SQLite file in {@code BENCH_DURABLE_DB}, it is the durable floor: each request's body
 * is also inserted as a row through Pushback's own {@link DeliveryWriter} (group commit, WAL,
 * {@code synchronous=FULL}) before the answer, and nothing else is done: no authentication, no
 * parsing, no log line. What any receiver that commits before it answers pays on this machine.
 *
 * <p>Usage: {@code [BENCH_DURABLE_DB=<sqlite file>] BaselineServer <port>}.
 */
public final class BaselineServer {
  /** As {@code EmbeddedServer.IDLE_TIMEOUT}, so both servers treat connections alike. */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  private BaselineServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    Optional<String> durable = Optional.ofNullable(System.getenv("BENCH_DURABLE_DB"));
    Optional<DeliveryWriter> writer = durable.map(BaselineServer::durableWriter);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new AnswerServlet(writer)), "/*");
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    System.out.println(
        "baseline"
            + durable.map(file -> " (durable: " + file + ")").orElse("")
            + " listening on port "
            + connector.getLocalPort());
    server.join();
  }

  /** A group-commit writer on a fresh SQLite file set up as Pushback sets up its own. */
  private static DeliveryWriter durableWriter(String file) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + file);
    config.setMaximumPoolSize(2);
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "FULL");
    config.addDataSourceProperty("busy_timeout", "5000");
    Database database = new Database(Jdbi.create(new HikariDataSource(config)), Dialect.SQLITE);
    database.inTransaction(
        h ->
            h.execute(
                "CREATE TABLE IF NOT EXISTS received (id INTEGER PRIMARY KEY, received_at INTEGER NOT"
                    + " NULL, body BLOB NOT NULL)"));
    return new DeliveryWriter(database, Duration.ofSeconds(10));
  }

  /**
   * Reads the body to its end, commits it as a row when there is a writer, then answers 200 with a
   * JSON body. Thread-safe.
   */
  private static final class AnswerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient AtomicLong deliveries = new AtomicLong();
    private final transient Optional<DeliveryWriter> writer;

    AnswerServlet(Optional<DeliveryWriter> writer) {
      this.writer = writer;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body;
      try (InputStream in = request.getInputStream()) {
        // Pushback reads every body before it answers; so does the baseline.
        body = in.readAllBytes();
      }
      long id = deliveries.incrementAndGet();
      if (writer.isPresent()) {
        writer.get().writeStatements(batch -> insert(batch, id, body));
      }
      String answer = "{\"status\":\"success\",\"delivery\":\"" + id + "\"}";
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      response.setStatus(200);
      response.setContentType("application/json; charset=utf-8");
      response.setContentLength(bytes.length);
      OutputStream out = response.getOutputStream();
      out.write(bytes);
    }

    private static int insert(DeliveryWriter.Batch batch, long id, byte[] body)
        throws SQLException {
      PreparedStatement insert =
          batch.prepared("INSERT INTO received (id, received_at, body) VALUES (?, ?, ?)");
      insert.setLong(1, id);
      insert.setLong(2, System.currentTimeMillis());
      insert.setBytes(3, body);
      return insert.executeUpdate();
    }
  }
}
