package io.pushback.container;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built WAR on the real Tomcat 11 distribution: {@code CATALINA_HOME} is the unpacked {@code
 * org.apache.tomcat:tomcat} tar.gz (failsafe passes {@code tomcat.home}), {@code CATALINA_BASE} a
 * fresh directory with Tomcat's {@code conf/}, a small {@code server.xml} (a free HTTP port, no
 * shutdown port) and the WAR as {@code webapps/ROOT.war}, so the context path is {@code /}. Started
 * by {@code catalina.sh run}, which execs the JVM: SIGTERM reaches Tomcat itself.
 */
final class StandaloneTomcat {
  private static final String SERVER_XML = "/container/tomcat-server.xml";
  private static final String JNDI_CONTEXT = "/container/tomcat-ROOT.xml";

  private StandaloneTomcat() {}

  /** Where the store lives: a pool from {@code PUSHBACK_DB_URL}, or the context's DataSource. */
  enum Store {
    POOL,
    JNDI
  }

  /** Starts Tomcat with {@code CATALINA_BASE} at {@code directory/base}. */
  static ContainerProcess start(Path directory, Store store, String adminToken)
      throws IOException, InterruptedException {
    Path war =
        ContainerProcess.requireFile("pushback.war", ContainerProcess.pathProperty("pushback.war"));
    Path home = ContainerProcess.pathProperty("tomcat.home");
    Path catalina = ContainerProcess.requireFile("tomcat.home", home.resolve("bin/catalina.sh"));

    Path base = directory.resolve("base");
    for (String folder : new String[] {"conf", "webapps", "logs", "temp", "work", "lib", "data"}) {
      Files.createDirectories(base.resolve(folder));
    }
    copyFiles(home.resolve("conf"), base.resolve("conf"));
    copyResource(SERVER_XML, base.resolve("conf/server.xml"));
    Files.copy(war, base.resolve("webapps/ROOT.war"));
    if (store == Store.JNDI) {
      // DBCP loads the driver from Tomcat's common class loader, not from the WAR.
      Path driver = ContainerProcess.sqliteDriverJar();
      Files.copy(driver, base.resolve("lib").resolve(driver.getFileName()));
      Path contexts = Files.createDirectories(base.resolve("conf/Catalina/localhost"));
      copyResource(JNDI_CONTEXT, contexts.resolve("ROOT.xml"));
    }

    int port = ContainerProcess.freePort();
    ProcessBuilder builder =
        new ProcessBuilder("sh", catalina.toString(), "run").directory(base.toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("JAVA_OPTS");
    environment.remove("CATALINA_PID");
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("CATALINA_HOME", home.toString());
    environment.put("CATALINA_BASE", base.toString());
    environment.put(
        "CATALINA_OPTS",
        String.join(
            " ",
            "-Dpushback.http.port=" + port,
            "-DPUSHBACK_ADMIN_TOKEN=" + adminToken,
            "-DPUSHBACK_DB_URL=jdbc:sqlite:" + base.resolve("data/pushback.db")));
    return ContainerProcess.start(
        "Tomcat",
        builder,
        base.resolve("tomcat-output.log"),
        URI.create("http://127.0.0.1:" + port),
        adminToken);
  }

  private static void copyFiles(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = StandaloneTomcat.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + resource);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
