package io.pushback.container.filterjar;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the WAR of {@code examples/filter-alone/} the way its README does: its servlet compiled
 * against the servlet API alone, then {@code WEB-INF/web.xml}, {@code WEB-INF/classes} and, in
 * {@code WEB-INF/lib}, exactly the jars given (the filter jar, slf4j-api and bcprov).
 */
final class ExampleWar {
  private ExampleWar() {}

  /**
   * Writes the WAR of {@code example} to {@code war}, using {@code work} for the compiled classes.
   */
  static void build(Path example, List<Path> libs, Path work, Path war) throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));
    compile(example.resolve("src/main/java"), classes);
    Path webapp = example.resolve("src/main/webapp");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(war))) {
      addTree(out, webapp, "");
      addTree(out, classes, "WEB-INF/classes/");
      for (Path lib : libs) {
        add(out, "WEB-INF/lib/" + lib.getFileName(), lib);
      }
    }
  }

  /** The jar (or directory) that {@code type} was loaded from on this test's class path. */
  static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no file location for " + type.getName(), e);
    }
  }

  private static void compile(Path sources, Path classes) throws IOException {
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
    }
    if (files.isEmpty()) {
      throw new AssertionError("no Java sources under " + sources);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new ArrayList<>();
    arguments.addAll(
        List.of(
            "--release",
            "17",
            "-Xlint:all",
            "-Werror",
            "-classpath",
            locationOf(jakarta.servlet.http.HttpServlet.class).toString(),
            "-d",
            classes.toString()));
    arguments.addAll(files);
    int status = javac.run(null, null, null, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new AssertionError("javac failed (" + status + ") on the example's sources " + files);
    }
  }

  private static void addTree(JarOutputStream out, Path root, String prefix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        String name = prefix + root.relativize(file).toString().replace('\\', '/');
        add(out, name, file);
      }
    }
  }

  private static void add(JarOutputStream out, String name, Path file) {
    try {
      out.putNextEntry(new JarEntry(name));
      Files.copy(file, (OutputStream) out);
      out.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add " + file + " to the example WAR as " + name, e);
    }
  }
}
