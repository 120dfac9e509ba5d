package io.pushback.blackbox.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.app.Settings;
import io.pushback.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 item 3: a copy of the database files reveals no configured secret. Endpoints of all four
 * methods, created and rotated with known secrets, accept real requests; the raw bytes of the
 * SQLite file and its write-ahead log then hold none of the secrets, in any form a sender sends
 * them.
 */
final class SecretsAtRestIT {
  private static final String BODY = "{\"loan\":\"12345\",\"status\":\"funded\"}";

  @TempDir Path directory;

  @Test
  void aCopyOfTheDatabaseAndItsLogRevealsNoConfiguredSecret() throws Exception {
    Map<String, String> settings =
        Map.of(Settings.DB_URL, "jdbc:sqlite:" + directory.resolve("pushback.db"));
    List<Sent> sent = new ArrayList<>();
    try (TestServer server = TestServer.start(settings, List.of())) {
      AdminClient admin = new AdminClient(server);
      PushbackSender sender = new PushbackSender(server);
      for (SecurityKind kind : SecurityKind.values()) {
        Map<String, String> first = kind.givenSecrets(AdminClient.unique("first-" + kind));
        JsonNode created = admin.newEndpoint(admin.newPartner(), "at-rest", kind.security(first));
        String path = created.path("path").asText();
        Map<String, String> second = kind.givenSecrets(AdminClient.unique("second-" + kind));
        AdminAnswer rotated =
            admin.post(
                "/endpoints/" + created.path("id").asText() + "/credentials", rotation(second));
        assertThat(rotated.status()).as("%s", rotated).isEqualTo(201);
        for (Map<String, String> secrets : List.of(first, second)) {
          assertAccepted(sender, kind, path, secrets);
          sent.add(new Sent(kind, secrets));
        }
      }

      byte[] database = Files.readAllBytes(directory.resolve("pushback.db"));
      byte[] log = Files.readAllBytes(directory.resolve("pushback.db-wal"));

      assertThat(log.length).as("the write-ahead log holds the recent writes").isPositive();
      assertThat(contains(database, SecurityKind.USERNAME) || contains(log, SecurityKind.USERNAME))
          .as("a public setting is found, so a secret would be")
          .isTrue();
      for (Sent credential : sent) {
        for (String form : credential.forms()) {
          assertThat(contains(database, form)).as("%s in pushback.db", form).isFalse();
          assertThat(contains(log, form)).as("%s in pushback.db-wal", form).isFalse();
        }
      }
      String masterKey = Files.readString(directory.resolve("pushback.key")).strip();
      assertThat(contains(database, masterKey) || contains(log, masterKey)).isFalse();
    }
  }

  @Test
  void theKeyFileIsCreatedOwnerOnlyBesideTheDatabaseAndReadOnTheNextStart() throws Exception {
    Map<String, String> settings =
        Map.of(Settings.DB_URL, "jdbc:sqlite:" + directory.resolve("pushback.db"));
    Map<String, String> secrets = SecurityKind.SIGNATURE.givenSecrets("restart");
    String path;
    try (TestServer server = TestServer.start(settings, List.of())) {
      AdminClient admin = new AdminClient(server);
      path =
          admin
              .newEndpoint(admin.newPartner(), "kept", SecurityKind.SIGNATURE.security(secrets))
              .path("path")
              .asText();
    }
    Path keyFile = directory.resolve("pushback.key");
    String key = Files.readString(keyFile);

    try (TestServer server = TestServer.start(settings, List.of())) {
      assertAccepted(new PushbackSender(server), SecurityKind.SIGNATURE, path, secrets);
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(keyFile)).isEqualTo(key);
  }

  static void assertAccepted(
      PushbackSender sender, SecurityKind kind, String path, Map<String, String> secrets)
      throws Exception {
    var response = sender.post(path, BODY, kind.credentialHeaders(secrets, BODY));
    assertThat(response.statusCode())
        .as("%s with %s: %s", kind, secrets.keySet(), response.body())
        .isEqualTo(200);
  }

  private static String rotation(Map<String, String> secrets) {
    StringBuilder json = new StringBuilder("{\"overlap\":\"PT1H\"");
    secrets.forEach(
        (field, value) ->
            json.append(",\"").append(field).append("\":\"").append(value).append('"'));
    return json.append('}').toString();
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] bytes = needle.getBytes(UTF_8);
    outer:
    for (int i = 0; i + bytes.length <= haystack.length; i++) {
      for (int j = 0; j < bytes.length; j++) {
        if (haystack[i + j] != bytes[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Secrets a request was sent with, and every form in which a sender might send them. */
  private record Sent(SecurityKind kind, Map<String, String> secrets) {
    List<String> forms() {
      List<String> forms = new ArrayList<>();
      Map<String, String> all = new LinkedHashMap<>(secrets);
      if (kind == SecurityKind.BASIC) {
        all.put("credentials", SecurityKind.USERNAME + ":" + secrets.get("password"));
      }
      for (String value : all.values()) {
        byte[] bytes = value.getBytes(UTF_8);
        forms.add(value);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.add(HexFormat.of().formatHex(bytes));
        forms.add(HexFormat.of().withUpperCase().formatHex(bytes));
      }
      return forms;
    }
  }
}
