package io.pushback.blackbox.admin;

import static io.pushback.blackbox.admin.SecretsAtRestIT.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.RekeyCommand;
import io.pushback.app.Settings;
import io.pushback.app.SettingsLoader;
import io.pushback.auth.InvalidSettingException;
import io.pushback.endpoint.MasterKey;
import io.pushback.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 item 3: re-keying under a new master key ({@link RekeyCommand}, service stopped) keeps
 * every credential of every method and every delivery; afterwards the old key no longer starts the
 * service. A wrong key never starts it, and never changes anything.
 */
final class RekeyIT {
  private final SecureRandom random = new SecureRandom();
  private final MasterKey first = MasterKey.generate(random);
  private final MasterKey second = MasterKey.generate(random);

  @TempDir Path directory;

  @Test
  void rekeyUnderAGivenKeyKeepsEveryCredentialAndTheOldKeyNoLongerStarts() throws Exception {
    List<Created> endpoints = createAllMethods(withKey(first));

    RekeyCommand.Result result =
        RekeyCommand.run(settings(withKey(first)), second, random, clock());

    assertThat(result.hmacKeys()).isEqualTo(1);
    assertThat(result.keyFile()).isEmpty();
    try (TestServer server = TestServer.start(withKey(second), List.of())) {
      assertAllAccepted(server, endpoints);
      for (Created endpoint : endpoints) {
        JsonNode deliveries =
            server.adminJson("GET", "/endpoints/" + endpoint.id() + "/deliveries", null, 200);
        assertThat(deliveries.toString())
            .as("deliveries from before the re-key")
            .contains("succeeded");
      }
    }
    assertWrongKeyRefused(withKey(first));
  }

  @Test
  void rekeyOfAKeyFileReplacesItOwnerOnlyAndTheServiceStartsFromIt() throws Exception {
    List<Created> endpoints = createAllMethods(database());
    Path keyFile = directory.resolve("pushback.key");
    String oldKey = Files.readString(keyFile).strip();

    RekeyCommand.Result result = RekeyCommand.run(settings(database()), second, random, clock());

    assertThat(result.keyFile()).contains(keyFile.toAbsolutePath());
    assertThat(Files.readString(keyFile).strip()).isEqualTo(second.toBase64());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(directory.resolve("pushback.key.new")).doesNotExist();
    try (TestServer server = TestServer.start(database(), List.of())) {
      assertAllAccepted(server, endpoints);
    }
    Map<String, String> oldKeyGiven = database();
    oldKeyGiven.put(Settings.MASTER_KEY, oldKey);
    assertWrongKeyRefused(oldKeyGiven);
  }

  @Test
  void aWrongCurrentKeyRefusesTheRekeyAndChangesNothing() throws Exception {
    List<Created> endpoints = createAllMethods(withKey(first));
    MasterKey wrong = MasterKey.generate(random);

    assertThatThrownBy(() -> RekeyCommand.run(settings(withKey(wrong)), second, random, clock()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("does not decrypt");
    assertThatThrownBy(() -> RekeyCommand.run(settings(withKey(first)), first, random, clock()))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(RekeyCommand.NEW_MASTER_KEY);

    try (TestServer server = TestServer.start(withKey(first), List.of())) {
      assertAllAccepted(server, endpoints);
    }
  }

  @Test
  void aStartWithTheWrongKeyFailsNamingTheKeyAndNeverShowingIt() throws Exception {
    createAllMethods(withKey(first));
    MasterKey wrong = MasterKey.generate(random);

    assertThatThrownBy(() -> TestServer.start(withKey(wrong), List.of()).close())
        .satisfies(
            failure ->
                assertThat(messages(failure))
                    .contains(Settings.MASTER_KEY)
                    .contains("does not decrypt")
                    .doesNotContain(wrong.toBase64())
                    .doesNotContain(first.toBase64()));
  }

  @Test
  void aStartWithoutTheKeyFileOfADatabaseThatHoldsKeysFails() throws Exception {
    createAllMethods(database());
    Files.delete(directory.resolve("pushback.key"));

    assertThatThrownBy(() -> TestServer.start(database(), List.of()).close())
        .satisfies(
            failure ->
                assertThat(messages(failure))
                    .contains("pushback.key")
                    .contains("restore the file from your backup"));
    assertThat(directory.resolve("pushback.key")).doesNotExist();
  }

  private void assertWrongKeyRefused(Map<String, String> settings) {
    assertThatThrownBy(() -> TestServer.start(settings, List.of()).close())
        .satisfies(failure -> assertThat(messages(failure)).contains("does not decrypt"));
  }

  private List<Created> createAllMethods(Map<String, String> settings) throws Exception {
    List<Created> created = new ArrayList<>();
    try (TestServer server = TestServer.start(settings, List.of())) {
      AdminClient admin = new AdminClient(server);
      PushbackSender sender = new PushbackSender(server);
      for (SecurityKind kind : SecurityKind.values()) {
        Map<String, String> secrets = kind.givenSecrets(AdminClient.unique("rekey-" + kind));
        JsonNode endpoint =
            admin.newEndpoint(admin.newPartner(), "rekeyed", kind.security(secrets));
        Created one =
            new Created(
                kind, endpoint.path("id").asText(), endpoint.path("path").asText(), secrets);
        assertAccepted(sender, kind, one.path(), secrets);
        created.add(one);
      }
    }
    return created;
  }

  private static void assertAllAccepted(TestServer server, List<Created> endpoints)
      throws Exception {
    PushbackSender sender = new PushbackSender(server);
    for (Created endpoint : endpoints) {
      assertAccepted(sender, endpoint.kind(), endpoint.path(), endpoint.secrets());
    }
  }

  private Map<String, String> database() {
    Map<String, String> values = new HashMap<>();
    values.put(Settings.DB_URL, "jdbc:sqlite:" + directory.resolve("pushback.db"));
    return values;
  }

  private Map<String, String> withKey(MasterKey key) {
    Map<String, String> values = database();
    values.put(Settings.MASTER_KEY, key.toBase64());
    return values;
  }

  private static Settings settings(Map<String, String> values) {
    return new SettingsLoader(List.of(values::get)).load();
  }

  private static Clock clock() {
    return Clock.systemUTC();
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  private record Created(SecurityKind kind, String id, String path, Map<String, String> secrets) {}
}
