package io.pushback.crash;

import io.pushback.app.EmbeddedServer;
import io.pushback.app.Settings;
import io.pushback.app.SettingsLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code main} of the child JVM the crash tests kill: Pushback on embedded Jetty with the standard
 * settings sources (environment, then system properties) plus the test sagas {@link CountSaga} and
 * {@link BlockingStepSaga}, whose files are named by the system properties below.
 */
public final class CrashNode {
  /** The file {@code count} appends delivery ids to. */
  public static final String COUNT_FILE = "pushback.crash.countFile";

  /** The file {@code steps} appends its step events to. */
  public static final String STEPS_FILE = "pushback.crash.stepsFile";

  /** While this file exists, step 2 of {@code steps} blocks for good. */
  public static final String BLOCK_MARKER = "pushback.crash.blockMarker";

  private CrashNode() {}

  public static void main(String[] args) throws Exception {
    Settings settings = SettingsLoader.standard(name -> null).load();
    EmbeddedServer server =
        new EmbeddedServer(
                settings,
                List.of(
                    new CountSaga(new LineFile(path(COUNT_FILE))),
                    new BlockingStepSaga(new LineFile(path(STEPS_FILE)), path(BLOCK_MARKER))),
                Clock.systemUTC())
            .start();
    server.join();
  }

  private static Path path(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("system property " + property + " must name a file");
    }
    return Path.of(value);
  }
}
