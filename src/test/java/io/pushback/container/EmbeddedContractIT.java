package io.pushback.container;

import io.pushback.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The container contract on the embedded Jetty of the development launcher and the tests. */
final class EmbeddedContractIT extends ContainerContractIT {
  @Override
  protected PushbackContainer start(Path directory) throws Exception {
    TestServer server = TestServer.start(List.of());
    return new PushbackContainer() {
      @Override
      public URI root() {
        return server.uri("/");
      }

      @Override
      public String adminToken() {
        return TestServer.ADMIN_TOKEN;
      }

      @Override
      public String diagnostics() {
        return "(embedded server: its log is the test's own output)";
      }

      @Override
      public void stop() {
        server.close();
      }
    };
  }
}
