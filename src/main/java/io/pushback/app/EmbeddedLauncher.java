package io.pushback.app;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * {@code main}: Pushback on embedded Jetty with settings from the environment and system
 * properties.
 */
public final class EmbeddedLauncher {
  private EmbeddedLauncher() {}

  public static void main(String[] args) throws Exception {
    Function<String, String> noContextParameters = name -> null;
    Settings settings = SettingsLoader.standard(noContextParameters).load();
    EmbeddedServer server = new EmbeddedServer(settings, List.of(), Clock.systemUTC()).start();
    server.join();
  }
}
