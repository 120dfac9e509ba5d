package io.pushback.scaleout;

import io.pushback.app.EmbeddedServer;
import io.pushback.app.Settings;
import io.pushback.app.SettingsLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code main} of one node's child JVM: Pushback on embedded Jetty with the standard settings
 * sources (environment, then system properties) plus the sagas {@link ExactlyOnceSaga} and {@link
 * LeaseHoldingSaga}, which record their runs in the store's database under this node's name.
 */
public final class ScaleOutNode {
  /** The node's name in the saga tables, e.g. {@code A}. Required. */
  public static final String NAME = "pushback.scaleout.node";

  /** A file while which exists {@code lease-holding} blocks on this node. Optional. */
  public static final String HOLD_MARKER = "pushback.scaleout.holdMarker";

  private ScaleOutNode() {}

  public static void main(String[] args) throws Exception {
    Settings settings = SettingsLoader.standard(name -> null).load();
    String name = System.getProperty(NAME);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("system property " + NAME + " must name the node");
    }
    Optional<Path> holdMarker =
        Optional.ofNullable(System.getProperty(HOLD_MARKER))
            .filter(value -> !value.isBlank())
            .map(Path::of);
    SagaLedger ledger = new SagaLedger(settings, name);
    EmbeddedServer server =
        new EmbeddedServer(
                settings,
                List.of(new ExactlyOnceSaga(ledger), new LeaseHoldingSaga(ledger, holdMarker)),
                Clock.systemUTC())
            .start();
    server.join();
  }
}
