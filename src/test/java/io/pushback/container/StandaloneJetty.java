package io.pushback.container;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The built WAR on the real Jetty 12 distribution, deployed by a copy of the repository's {@code
 * jetty-base/} exactly as an operator would: the WAR in {@code webapps/}, {@code java -jar
 * start.jar} in a child process on a free port. Failsafe passes {@code pushback.war}, {@code
 * jetty.home} (unpacked in pre-integration-test) and {@code jetty.base.template}.
 */
final class StandaloneJetty {
  private static final String JNDI_RESOURCE = "/container/jetty-jndi-resource.xml";

  private StandaloneJetty() {}

  /** Where the store lives: the base's default (a pool) or a JNDI DataSource the base defines. */
  enum Store {
    POOL,
    JNDI
  }

  /** Starts Jetty from a base under {@code directory}; the base is {@code directory/base}. */
  static ContainerProcess start(Path directory, Store store, String adminToken)
      throws IOException, InterruptedException {
    Path war =
        ContainerProcess.requireFile("pushback.war", ContainerProcess.pathProperty("pushback.war"));
    Path startJar =
        ContainerProcess.requireFile(
            "jetty.home", ContainerProcess.pathProperty("jetty.home").resolve("start.jar"));
    Path template = ContainerProcess.pathProperty("jetty.base.template");
    ContainerProcess.requireFile("jetty.base.template", template.resolve("webapps/pushback.xml"));

    Path base = directory.resolve("base");
    copyBase(template, base);
    Files.copy(war, base.resolve("webapps/pushback.war"));
    if (store == Store.JNDI) {
      addJndiDataSource(base);
    }
    Path scratch = Files.createDirectories(directory.resolve("tmp"));

    int port = ContainerProcess.freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                ContainerProcess.java().toString(),
                "-Djava.io.tmpdir=" + scratch,
                "-DPUSHBACK_ADMIN_TOKEN=" + adminToken,
                "-jar",
                startJar.toString(),
                "jetty.http.host=127.0.0.1",
                "jetty.http.port=" + port)
            .directory(base.toFile());
    return ContainerProcess.start(
        "Jetty",
        builder,
        base.resolve("jetty-output.log"),
        URI.create("http://127.0.0.1:" + port),
        adminToken);
  }

  /**
   * What the README tells an operator to do for a JNDI DataSource: enable {@code ee10-plus} and
   * {@code ext}, put the driver in {@code lib/ext/}, and declare the entry in the context XML.
   */
  private static void addJndiDataSource(Path base) throws IOException {
    Files.writeString(base.resolve("start.d/jndi.ini"), "--modules=ee10-plus,ext\n", UTF_8);
    Path ext = Files.createDirectories(base.resolve("lib/ext"));
    Path driver = ContainerProcess.sqliteDriverJar();
    Files.copy(driver, ext.resolve(driver.getFileName()));
    String resource;
    try (InputStream in = StandaloneJetty.class.getResourceAsStream(JNDI_RESOURCE)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + JNDI_RESOURCE);
      }
      resource = new String(in.readAllBytes(), UTF_8);
    }
    Path context = base.resolve("webapps/pushback.xml");
    String xml = Files.readString(context, UTF_8);
    int end = xml.lastIndexOf("</Configure>");
    Files.writeString(context, xml.substring(0, end) + resource + xml.substring(end), UTF_8);
  }

  /**
   * The template base without what a local run may have left in it: a WAR, the store, logs, work
   * files.
   */
  private static void copyBase(Path template, Path target) throws IOException {
    List<String> leftovers = List.of("data", "logs", "work", "lib");
    try (Stream<Path> paths = Files.walk(template)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path relative = template.relativize(source);
        boolean leftover =
            leftovers.contains(relative.getName(0).toString())
                || source.getFileName().toString().endsWith(".war");
        if (leftover) {
          continue;
        }
        Path copy = target.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
