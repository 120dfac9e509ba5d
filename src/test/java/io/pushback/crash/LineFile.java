package io.pushback.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A text file the test sagas append one line to per event. Appends are not synced: the file only
 * has to outlive the process (a SIGKILL leaves the page cache alone), not the machine. Thread-safe.
 */
final class LineFile {
  private final Path path;

  LineFile(Path path) {
    this.path = path;
  }

  /**
   * Appends {@code line} and a newline in one write, so lines of concurrent runs never interleave.
   */
  synchronized void append(String line) throws IOException {
    Files.writeString(
        path,
        line + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  /** Every complete line so far; none when the file does not exist yet. */
  static List<String> lines(Path path) {
    if (!Files.exists(path)) {
      return List.of();
    }
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
