package io.pushback.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The container contract on the WAR deployed as {@code ROOT.war} to a standalone Tomcat 11, with
 * the store from {@code PUSHBACK_DB_URL} (a system property in {@code CATALINA_OPTS}).
 */
final class TomcatContractIT extends ContainerContractIT {
  private static final String ADMIN_TOKEN = "standalone-tomcat-admin-token-0123456789";

  private Path base;

  @Override
  protected PushbackContainer start(Path directory) throws Exception {
    base = directory.resolve("base");
    return StandaloneTomcat.start(directory, StandaloneTomcat.Store.POOL, ADMIN_TOKEN);
  }

  @Test
  void keepsTheStoreWherePushbackDbUrlSays() {
    assertThat(base.resolve("data/pushback.db")).as(container()::diagnostics).isRegularFile();
  }
}
