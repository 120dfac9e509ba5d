package io.pushback.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The container contract on the standalone Jetty with the store as a container DataSource: the
 * {@code ee10-plus} and {@code ext} modules, the SQLite driver in {@code lib/ext/}, and a {@code
 * jdbc/pushback} entry in {@code webapps/pushback.xml}, as the README describes.
 */
final class JettyJndiIT extends ContainerContractIT {
  private static final String ADMIN_TOKEN = "jetty-jndi-admin-token-0123456789";

  private ContainerProcess jetty;
  private Path base;

  @Override
  protected PushbackContainer start(Path directory) throws Exception {
    base = directory.resolve("base");
    jetty = StandaloneJetty.start(directory, StandaloneJetty.Store.JNDI, ADMIN_TOKEN);
    return jetty;
  }

  @Test
  void usesTheContainersDataSourceAndSaysSo() throws IOException {
    String log = Files.readString(jetty.output(), UTF_8);

    assertThat(log)
        .as(jetty::tail)
        .contains("through the container DataSource java:comp/env/jdbc/pushback");
    assertThat(base.resolve("data/pushback-jndi.db")).as(jetty::tail).isRegularFile();
    assertThat(base.resolve("data/pushback.db"))
        .as(
            "the context parameter PUSHBACK_DB_URL is ignored when the container offers a DataSource")
        .doesNotExist();
  }
}
