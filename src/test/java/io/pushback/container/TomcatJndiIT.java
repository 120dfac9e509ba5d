package io.pushback.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The container contract on Tomcat 11 with the store as a container DataSource: a {@code
 * jdbc/pushback} Resource in {@code conf/Catalina/localhost/ROOT.xml} (DBCP, the SQLite driver in
 * {@code $CATALINA_BASE/lib}). {@code PUSHBACK_DB_URL} still names another file, which Pushback
 * must leave alone.
 */
final class TomcatJndiIT extends ContainerContractIT {
  private static final String ADMIN_TOKEN = "tomcat-jndi-admin-token-0123456789";

  private Path base;

  @Override
  protected PushbackContainer start(Path directory) throws Exception {
    base = directory.resolve("base");
    return StandaloneTomcat.start(directory, StandaloneTomcat.Store.JNDI, ADMIN_TOKEN);
  }

  @Test
  void keepsTheStoreInTheContainersDataSource() {
    assertThat(base.resolve("data/pushback-jndi.db")).as(container()::diagnostics).isRegularFile();
    assertThat(base.resolve("data/pushback.db"))
        .as("PUSHBACK_DB_URL is ignored when the container offers a DataSource")
        .doesNotExist();
  }
}
