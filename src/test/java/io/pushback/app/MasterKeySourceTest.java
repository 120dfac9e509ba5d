package io.pushback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushback.auth.InvalidSettingException;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.MasterKey;
import io.pushback.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the master key comes from, the key file beside a SQLite database, and refusals at start.
 */
final class MasterKeySourceTest {
  private static final String POSTGRES_URL = "jdbc:postgresql://localhost/pushback";

  @TempDir Path directory;
  private final SecureRandom random = new SecureRandom();

  @Test
  void keyFileOfASqliteDatabaseLiesBesideIt() {
    assertThat(MasterKeySource.besideDatabase("jdbc:sqlite:" + directory.resolve("pushback.db")))
        .isEqualTo(directory.resolve("pushback.key"));
    assertThat(
            MasterKeySource.besideDatabase(
                "jdbc:sqlite:file:" + directory.resolve("x.db") + "?synchronous=NORMAL"))
        .isEqualTo(directory.resolve("x.key"));
    assertThat(MasterKeySource.besideDatabase("jdbc:sqlite:" + directory.resolve("store")))
        .isEqualTo(directory.resolve("store.key"));
    assertThat(MasterKeySource.besideDatabase("jdbc:sqlite:" + directory.resolve("odd.key")))
        .isEqualTo(directory.resolve("odd.key.key"));
  }

  @Test
  void inMemorySqliteNeedsAKeySetDirectly() {
    assertThatThrownBy(() -> MasterKeySource.besideDatabase("jdbc:sqlite::memory:"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(Settings.MASTER_KEY);
  }

  @Test
  void firstStartCreatesAnOwnerOnlyKeyFileWithAWarningAndLaterStartsReadIt() throws Exception {
    MasterKeySource source = sqliteSource(Map.of());
    Path file = directory.resolve("pushback.key");

    MasterKey created;
    try (LogCapture log = LogCapture.start()) {
      created = source.load(false, random);
      assertThat(log.text())
          .contains("WARN")
          .contains(file.toString())
          .contains("Back it up")
          .contains("apart from the database")
          .doesNotContain(created.toBase64());
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file).strip()).isEqualTo(created.toBase64());
    assertThat(source.load(true, random).sameAs(created)).isTrue();
  }

  @Test
  void neverCreatesAKeyFileForADatabaseThatHoldsKeys() {
    MasterKeySource source = sqliteSource(Map.of());

    assertThatThrownBy(() -> source.load(true, random))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("pushback.key")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("restore the file from your backup");
    assertThat(directory.resolve("pushback.key")).doesNotExist();
  }

  @Test
  void aKeyFileThatHoldsNoKeyFailsNamingTheFileNotItsContent() throws Exception {
    Path file = directory.resolve("pushback.key");
    Files.writeString(file, "c2hvcnQ=\n");

    assertThatThrownBy(() -> sqliteSource(Map.of()).load(true, random))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("found 5 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
  }

  @Test
  void aGivenKeyWinsAndNoFileIsMade() {
    MasterKey key = MasterKey.generate(random);

    MasterKeySource source = sqliteSource(Map.of(Settings.MASTER_KEY, key.toBase64()));

    assertThat(source.load(false, random).sameAs(key)).isTrue();
    assertThat(directory.resolve("pushback.key")).doesNotExist();
  }

  @Test
  void postgresWithoutAKeyFailsSayingWhatToSet() {
    Settings settings = settings(Map.of(Settings.DB_URL, POSTGRES_URL));

    assertThatThrownBy(() -> MasterKeySource.of(settings, Dialect.POSTGRESQL))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(Settings.MASTER_KEY)
        .hasMessageContaining(Settings.MASTER_KEY_FILE)
        .hasMessageContaining("PostgreSQL");
  }

  @Test
  void postgresReadsAKeyFileButNeverCreatesOne() throws Exception {
    Path file = directory.resolve("shared.key");
    Settings settings =
        settings(Map.of(Settings.DB_URL, POSTGRES_URL, Settings.MASTER_KEY_FILE, file.toString()));
    MasterKeySource source = MasterKeySource.of(settings, Dialect.POSTGRESQL);

    assertThatThrownBy(() -> source.load(false, random))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("does not exist");
    MasterKey key = MasterKey.generate(random);
    Files.writeString(file, key.toBase64());
    assertThat(source.load(false, random).sameAs(key)).isTrue();
  }

  @Test
  void refusesAMasterKeyThatIsNotBase64Of32BytesWithoutShowingIt() {
    for (String bad : List.of("secret-master-key!", "c2hvcnQ=", "A".repeat(64))) {
      assertThatThrownBy(() -> settings(Map.of(Settings.MASTER_KEY, bad)))
          .isInstanceOfSatisfying(
              InvalidSettingException.class,
              e -> assertThat(e.field()).isEqualTo(Settings.MASTER_KEY))
          .hasMessageContaining("expected the Base64 encoding of 32 random bytes")
          .hasMessageNotContaining(bad);
    }
  }

  @Test
  void refusesAKeyAndAKeyFileSetTogether() {
    Map<String, String> both =
        Map.of(
            Settings.MASTER_KEY,
            MasterKey.generate(random).toBase64(),
            Settings.MASTER_KEY_FILE,
            directory.resolve("k").toString());

    assertThatThrownBy(() -> settings(both))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("found both");
  }

  private MasterKeySource sqliteSource(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put(Settings.DB_URL, "jdbc:sqlite:" + directory.resolve("pushback.db"));
    return MasterKeySource.of(settings(all), Dialect.SQLITE);
  }

  private static Settings settings(Map<String, String> values) {
    return new SettingsLoader(List.of(values::get)).load();
  }
}
