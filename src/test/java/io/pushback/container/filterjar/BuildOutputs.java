package io.pushback.container.filterjar;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files the build hands the integration tests through system properties (see failsafe in {@code
 * pom.xml}). A missing property or file fails the test, never skips it.
 */
final class BuildOutputs {
  private BuildOutputs() {}

  /** The regular file named by system property {@code property}. */
  static Path file(String property) {
    return require(path(property), property);
  }

  /** The directory named by system property {@code property}. */
  static Path directory(String property) {
    Path directory = path(property);
    if (!Files.isDirectory(directory)) {
      throw new AssertionError(
          "expected " + directory + " (from system property " + property + ") to be a directory");
    }
    return directory;
  }

  /** {@code file}, which must exist: it was named by system property {@code property}. */
  static Path require(Path file, String property) {
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "expected "
              + file
              + " (from system property "
              + property
              + ") to be a file: mvn verify packages the filter jar and unpacks jetty-home"
              + " before the integration tests");
    }
    return file;
  }

  private static Path path(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new AssertionError(
          "system property "
              + property
              + " is not set: run this test through failsafe (mvn verify)");
    }
    return Path.of(value);
  }
}
