package io.pushback.blackbox.admin;

import static io.pushback.blackbox.admin.SecretsAtRestIT.assertAccepted;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushback.app.Settings;
import io.pushback.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 item 3, the upgrade path: a database written by a version before secrets at rest (schema
 * version 2, secrets as plaintext JSON) keeps working after the upgrade, and its plaintext secrets
 * are gone from the file once the service has started.
 */
final class PlaintextUpgradeIT {
  @TempDir Path directory;

  @Test
  void plaintextCredentialsOfEveryMethodStillVerifyAndLeaveTheFile() throws Exception {
    Path file = directory.resolve("pushback.db");
    String url = "jdbc:sqlite:" + file;
    Flyway.configure(PlaintextUpgradeIT.class.getClassLoader())
        .dataSource(url, null, null)
        .locations("classpath:db/migration/sqlite")
        .target("2")
        .load()
        .migrate();
    Map<SecurityKind, Map<String, String>> secrets = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute(
            "INSERT INTO partner (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', 0)");
      }
      for (SecurityKind kind : SecurityKind.values()) {
        Map<String, String> given = kind.givenSecrets("plaintext-" + kind.ordinal());
        secrets.put(kind, given);
        insertVersion2Endpoint(connection, kind, given);
      }
    }
    assertThat(new String(Files.readAllBytes(file), UTF_8)).contains("given-password-plaintext");

    try (TestServer server = TestServer.start(Map.of(Settings.DB_URL, url), List.of())) {
      PushbackSender sender = new PushbackSender(server);
      for (Map.Entry<SecurityKind, Map<String, String>> entry : secrets.entrySet()) {
        assertAccepted(sender, entry.getKey(), pathOf(entry.getKey()), entry.getValue());
      }

      byte[] database = Files.readAllBytes(file);
      Path log = directory.resolve("pushback.db-wal");
      byte[] wal = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
      for (Map<String, String> given : secrets.values()) {
        for (String value : given.values()) {
          assertThat(new String(database, UTF_8)).as("pushback.db").doesNotContain(value);
          assertThat(new String(wal, UTF_8)).as("pushback.db-wal").doesNotContain(value);
        }
      }
    }
  }

  private static void insertVersion2Endpoint(
      Connection connection, SecurityKind kind, Map<String, String> secrets) throws Exception {
    String publicSettings =
        kind == SecurityKind.BASIC ? "{\"username\":\"" + SecurityKind.USERNAME + "\"}" : "{}";
    try (PreparedStatement endpoint =
            connection.prepareStatement(
                "INSERT INTO endpoint (id, partner_id, name, endpoint_key, saga, saga_settings,"
                    + " security_method, security_settings, enabled, created_at, updated_at)"
                    + " VALUES (?, 1, ?, ?, 'log', '{}', ?, ?, 1, 0, 0)");
        PreparedStatement credential =
            connection.prepareStatement(
                "INSERT INTO credential (endpoint_id, secrets, created_at) VALUES (?, ?, 0)")) {
      endpoint.setInt(1, kind.ordinal() + 1);
      endpoint.setString(2, "upgraded-" + kind.wireName());
      endpoint.setString(3, keyOf(kind));
      endpoint.setString(4, kind.wireName());
      endpoint.setString(5, publicSettings);
      endpoint.executeUpdate();
      StringBuilder json = new StringBuilder("{");
      secrets.forEach(
          (field, value) ->
              json.append(json.length() > 1 ? "," : "")
                  .append('"')
                  .append(field)
                  .append("\":\"")
                  .append(value)
                  .append('"'));
      credential.setInt(1, kind.ordinal() + 1);
      credential.setString(2, json.append('}').toString());
      credential.executeUpdate();
    }
  }

  private static String keyOf(SecurityKind kind) {
    return "upgradedEndpointKey0000000000000" + kind.ordinal();
  }

  private static String pathOf(SecurityKind kind) {
    return "/pushback/" + keyOf(kind);
  }
}
