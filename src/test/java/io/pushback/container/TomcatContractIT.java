package io.pushback.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The container contract on the WAR deployed as {@code ROOT.war} to a standalone Tomcat 11, with
 * the store from {@code PUSHBACK_DB_URL} (a system property in {@code CATALINA_OPTS}).
 */
final class TomcatContractIT extends ContainerContractIT {
  private static final String ADMIN_TOKEN = "standalone-tomcat-admin-token-0123456789";

  private Path base;
  private ContainerProcess tomcat;

  @Override
  protected PushbackContainer start(Path directory) throws Exception {
    base = directory.resolve("base");
    tomcat = StandaloneTomcat.start(directory, StandaloneTomcat.Store.POOL, ADMIN_TOKEN);
    return tomcat;
  }

  @Test
  void logsThroughTomcatsJavaUtilLogging() throws IOException {
    String log = Files.readString(tomcat.output(), StandardCharsets.UTF_8);

    assertThat(log)
        .as(() -> "the WAR's SLF4J must reach Tomcat's logging (slf4j-jdk14)\n" + tomcat.tail())
        .contains("Pushback started")
        .doesNotContain("No SLF4J providers were found");
  }

  @Test
  void keepsTheStoreWherePushbackDbUrlSays() {
    assertThat(base.resolve("data/pushback.db")).as(container()::diagnostics).isRegularFile();
  }
}
