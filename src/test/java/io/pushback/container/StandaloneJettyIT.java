package io.pushback.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The container contract on the built WAR deployed by the repository's {@code jetty-base/} to the
 * real Jetty 12 distribution, plus what the base itself promises: one log through Jetty's, and the
 * default store under the base. The temporary directory is kept when a test fails.
 */
final class StandaloneJettyIT extends ContainerContractIT {
  private static final String ADMIN_TOKEN = "standalone-jetty-admin-token-0123456789";

  private ContainerProcess jetty;
  private Path base;

  @Override
  protected PushbackContainer start(Path directory) throws Exception {
    base = directory.resolve("base");
    jetty = StandaloneJetty.start(directory, StandaloneJetty.Store.POOL, ADMIN_TOKEN);
    return jetty;
  }

  @Test
  void logsThroughJettyAndKeepsTheStoreUnderTheBase() throws IOException {
    String log = Files.readString(jetty.output(), UTF_8);

    assertThat(log)
        .as(
            () ->
                "the webapp's SLF4J must bind to Jetty's logging (webapps/pushback.xml)\n"
                    + jetty.tail())
        .contains("PushbackApplication")
        .contains("through the HikariCP pool")
        .doesNotContain("No SLF4J providers were found")
        .doesNotContain("multiple SLF4J providers");
    assertThat(base.resolve("data/pushback.db")).as(jetty::tail).isRegularFile();
  }
}
