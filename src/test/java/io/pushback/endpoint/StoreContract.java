package io.pushback.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pushback.auth.PushbackException;
import io.pushback.auth.Secret;
import io.pushback.auth.SecurityMethod;
import io.pushback.network.Cidr;
import io.pushback.network.NetworkPolicy;
import io.pushback.testing.MutableClock;
import io.pushback.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link PartnerStore}, {@link EndpointStore} and the migrations promise on every database
 * Pushback runs on. A subclass supplies an empty database per test.
 */
abstract class StoreContract {
  private static final Instant START = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final Map<String, String> BASIC_PUBLIC = Map.of("username", "acme");
  private static final Map<String, String> FIRST_SECRETS = Map.of("password", "first secret");
  private static final Map<String, String> SECOND_SECRETS = Map.of("password", "second secret");
  private static final Map<String, String> THIRD_SECRETS = Map.of("password", "third secret");

  private MutableClock clock;
  private TestDatabase database;
  private String schemaVersion;
  private PartnerStore partners;
  private EndpointStore endpoints;
  private Partner acme;
  private final SecureRandom random = new SecureRandom();
  private final JsonColumns json = new JsonColumns(JsonMapper.builder().build());
  private MasterKey masterKey = MasterKey.generate(random);

  /** The JDBC URL of a database that exists and is empty. */
  protected abstract String emptyDatabaseUrl();

  @BeforeEach
  void openMigratedStore() {
    clock = MutableClock.at(START);
    database = TestDatabase.open(emptyDatabaseUrl());
    schemaVersion = database.migrate();
    useStores(database);
    acme = partners.createPartner("acme", "Acme Lending");
  }

  @AfterEach
  void closePool() {
    database.close();
  }

  private void useStores(TestDatabase db) {
    partners = new PartnerStore(db.database(), clock);
    endpoints =
        new EndpointStore(
            db.database(),
            new JsonColumns(JsonMapper.builder().build()),
            CredentialVault.open(db.database(), masterKey, random, clock),
            clock,
            new SecureRandom());
  }

  @Test
  void migrationsBringAnEmptyDatabaseToTheLatestVersion() {
    MigrationInfoService info = migrationInfo(database);

    assertThat(info.pending()).isEmpty();
    assertThat(info.all()).isNotEmpty().allMatch(m -> m.getState() == MigrationState.SUCCESS);
    assertThat(info.current().getVersion().getVersion()).isEqualTo(schemaVersion);
  }

  @Test
  void migrationsOnRestartChangeNothingAndKeepTheData() {
    int applied = migrationInfo(database).applied().length;
    database.close();

    database = database.reopen();
    String version = database.migrate();
    useStores(database);

    assertThat(version).isEqualTo(schemaVersion);
    assertThat(migrationInfo(database).applied()).hasSize(applied);
    assertThat(partners.partnerBySlug("acme")).contains(acme);
  }

  @Test
  void createdPartnerIsListedAndFoundBySlugAndId() {
    clock.advance(Duration.ofMinutes(1));
    Partner globex = partners.createPartner("globex", "Globex");

    assertThat(globex.slug()).isEqualTo("globex");
    assertThat(globex.name()).isEqualTo("Globex");
    assertThat(globex.createdAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
    assertThat(partners.partners()).containsExactly(acme, globex);
    assertThat(partners.partnerBySlug("globex")).contains(globex);
    assertThat(partners.partner(globex.id())).contains(globex);
    assertThat(partners.partnerBySlug("initech")).isEmpty();
    assertThat(partners.partner(globex.id() + 1000)).isEmpty();
  }

  @Test
  void everyAdminChangeAndNoReadOrRefusedChangeMovesTheConfigVersion() {
    ConfigVersion version = new ConfigVersion(database.database());
    long start = version.current();

    Partner globex = partners.createPartner("globex", "Globex");
    assertThat(version.current()).isEqualTo(start + 1);
    partners.createSite(globex, "main", "Main");
    assertThat(version.current()).isEqualTo(start + 2);
    Endpoint endpoint = endpoints.create(partnerEndpoint(globex, "loan-status"), FIRST_SECRETS);
    assertThat(version.current()).isEqualTo(start + 3);
    endpoints.update(renamed(endpoint, "loan-events", false));
    assertThat(version.current()).isEqualTo(start + 4);
    endpoints.rotate(endpoint.id(), SECOND_SECRETS, Duration.ZERO);
    assertThat(version.current()).isEqualTo(start + 5);
    endpoints.delete(endpoint.id());
    assertThat(version.current()).isEqualTo(start + 6);

    endpoints.findByKey(endpoint.key());
    endpoints.activeCredentials(endpoint.id());
    partners.partners();
    assertThatThrownBy(() -> partners.createPartner("globex", "Globex again"))
        .isInstanceOf(DuplicateException.class);
    assertThat(version.current()).isEqualTo(start + 6);
  }

  @Test
  void partnerWithATakenSlugIsRefusedAsDuplicateSlug() {
    assertThatThrownBy(() -> partners.createPartner("acme", "Another Acme"))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    assertThat(partners.partners()).containsExactly(acme);
  }

  @Test
  void siteSlugIsUniqueWithinItsPartnerOnly() {
    Partner globex = partners.createPartner("globex", "Globex");
    Site acmeMain = partners.createSite(acme, "main", "Main branch");
    Site globexMain = partners.createSite(globex, "main", "Globex main");

    assertThatThrownBy(() -> partners.createSite(acme, "main", "Second main"))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    assertThat(partners.sites(acme)).containsExactly(acmeMain);
    assertThat(partners.sites(globex)).containsExactly(globexMain);
    assertThat(partners.siteBySlug(acme.id(), "main")).contains(acmeMain);
    assertThat(partners.siteBySlug(globex.id(), "main")).contains(globexMain);
    assertThat(partners.site(acmeMain.id())).contains(acmeMain);
    assertThat(acmeMain.partnerId()).isEqualTo(acme.id());
    assertThat(acmeMain.createdAt()).isEqualTo(START);
  }

  @Test
  void siteOfAnUnknownPartnerIsRefusedAndNotStored() {
    Partner unknown = new Partner(acme.id() + 1000, "ghost", "Ghost", START);

    assertThatThrownBy(() -> partners.createSite(unknown, "main", "Main"))
        .isInstanceOf(PushbackException.class)
        .isNotInstanceOf(DuplicateException.class);
    assertThat(partners.siteBySlug(unknown.id(), "main")).isEmpty();
  }

  @Test
  void createdEndpointKeepsEveryFieldAndItsFirstCredential() {
    Site site = partners.createSite(acme, "main", "Main branch");
    NewEndpoint spec =
        new NewEndpoint(
            acme.id(),
            OptionalLong.of(site.id()),
            "loan-status",
            "log",
            "{\"level\":\"info\"}",
            SecurityMethod.BASIC,
            BASIC_PUBLIC,
            true,
            OptionalLong.of(4096),
            DeliveryMode.SYNC,
            Optional.empty(),
            new NetworkPolicy(
                Optional.of(true),
                List.of(Cidr.parse("203.0.113.0/24"), Cidr.parse("2001:db8::/32"))));

    Endpoint endpoint = endpoints.create(spec, FIRST_SECRETS);

    assertThat(endpoint.partnerId()).isEqualTo(acme.id());
    assertThat(endpoint.siteId()).hasValue(site.id());
    assertThat(endpoint.name()).isEqualTo("loan-status");
    assertThat(endpoint.saga()).isEqualTo("log");
    assertThat(endpoint.sagaSettings()).isEqualTo("{\"level\":\"info\"}");
    assertThat(endpoint.securityMethod()).isEqualTo(SecurityMethod.BASIC);
    assertThat(endpoint.securitySettings()).isEqualTo(BASIC_PUBLIC);
    assertThat(endpoint.enabled()).isTrue();
    assertThat(endpoint.maxBodyBytes()).hasValue(4096);
    assertThat(endpoint.network().requireHttps()).contains(true);
    assertThat(endpoint.network().allowedNetworks())
        .map(Cidr::toString)
        .containsExactly("203.0.113.0/24", "2001:db8::/32");
    assertThat(endpoint.createdAt()).isEqualTo(START);
    assertThat(endpoint.updatedAt()).isEqualTo(START);
    assertThat(endpoints.find(endpoint.id())).contains(endpoint);
    assertThat(endpoints.findByKey(endpoint.key())).contains(endpoint);
    List<Credential> credentials = endpoints.activeCredentials(endpoint.id());
    assertThat(credentials).singleElement().satisfies(c -> assertFirstCredential(c, endpoint));
  }

  private static void assertFirstCredential(Credential credential, Endpoint endpoint) {
    assertThat(credential.endpointId()).isEqualTo(endpoint.id());
    assertThat(plaintextOf(credential)).isEqualTo(FIRST_SECRETS);
    assertThat(credential.createdAt()).isEqualTo(START);
    assertThat(credential.notAfter()).isEmpty();
  }

  @Test
  void networkPolicyIsChangedAndResetByUpdate() {
    Endpoint endpoint = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);
    assertThat(endpoint.network()).isEqualTo(NetworkPolicy.DEFAULT);

    NetworkPolicy strict = new NetworkPolicy(Optional.of(false), List.of(Cidr.parse("10.0.0.0/8")));
    Endpoint changed = endpoints.update(withNetwork(endpoint, strict)).orElseThrow();
    assertThat(changed.network()).isEqualTo(strict);
    assertThat(endpoints.find(endpoint.id()).orElseThrow().network()).isEqualTo(strict);

    Endpoint reset = endpoints.update(withNetwork(changed, NetworkPolicy.DEFAULT)).orElseThrow();
    assertThat(reset.network()).isEqualTo(NetworkPolicy.DEFAULT);
  }

  @Test
  void partnerEndpointHasNoSiteAndNoOwnBodyLimit() {
    Endpoint endpoint = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);

    assertThat(endpoint.siteId()).isEmpty();
    assertThat(endpoint.isPartnerEndpoint()).isTrue();
    assertThat(endpoint.maxBodyBytes()).isEmpty();
    assertThat(endpoints.find(endpoint.id())).contains(endpoint);
  }

  @Test
  void unknownIdAndKeyFindNothing() {
    Endpoint endpoint = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);

    assertThat(endpoints.find(endpoint.id() + 1000)).isEmpty();
    assertThat(endpoints.findByKey(endpoint.key() + "x")).isEmpty();
    assertThat(endpoints.findByKey("")).isEmpty();
  }

  @Test
  void updateRenamesAndDisablesAndStampsTheUpdateTime() {
    Endpoint created = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);
    clock.advance(Duration.ofSeconds(42));

    Endpoint updated = endpoints.update(renamed(created, "loan-events", false)).orElseThrow();

    assertThat(updated.name()).isEqualTo("loan-events");
    assertThat(updated.enabled()).isFalse();
    assertThat(updated.key()).isEqualTo(created.key());
    assertThat(updated.createdAt()).isEqualTo(START);
    assertThat(updated.updatedAt()).isEqualTo(START.plus(Duration.ofSeconds(42)));
    assertThat(endpoints.find(created.id())).contains(updated);
    assertThat(endpoints.findByKey(created.key())).contains(updated);
  }

  @Test
  void updateReenablesADisabledEndpoint() {
    Endpoint created = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);
    endpoints.update(renamed(created, "loan-status", false));

    Endpoint updated = endpoints.update(renamed(created, "loan-status", true)).orElseThrow();

    assertThat(updated.enabled()).isTrue();
    assertThat(endpoints.find(created.id()).map(Endpoint::enabled)).contains(true);
  }

  @Test
  void updateToANameTakenWithinTheOwnerIsRefusedAsDuplicateName() {
    endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);
    Endpoint other = endpoints.create(partnerEndpoint(acme, "loan-events"), FIRST_SECRETS);

    assertThatThrownBy(() -> endpoints.update(renamed(other, "loan-status", true)))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThat(endpoints.find(other.id())).contains(other);
  }

  @Test
  void endpointNameTakenWithinTheOwnerIsRefusedAsDuplicateName() {
    endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);

    assertThatThrownBy(() -> endpoints.create(partnerEndpoint(acme, "loan-status"), SECOND_SECRETS))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));
  }

  @Test
  void endpointNameTakenBySiteEndpointIsRefusedWithinThatSite() {
    Site site = partners.createSite(acme, "main", "Main branch");
    endpoints.create(siteEndpoint(site, "loan-status"), FIRST_SECRETS);

    assertThatThrownBy(() -> endpoints.create(siteEndpoint(site, "loan-status"), SECOND_SECRETS))
        .isInstanceOfSatisfying(
            DuplicateException.class, e -> assertThat(e.field()).isEqualTo("name"));
  }

  @Test
  void endpointNameIsFreeUnderEveryOtherOwner() {
    Partner globex = partners.createPartner("globex", "Globex");
    Site main = partners.createSite(acme, "main", "Main branch");
    Site north = partners.createSite(acme, "north", "North branch");
    Endpoint partnerWide = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);

    Endpoint otherPartner = endpoints.create(partnerEndpoint(globex, "loan-status"), FIRST_SECRETS);
    Endpoint mainSite = endpoints.create(siteEndpoint(main, "loan-status"), FIRST_SECRETS);
    Endpoint northSite = endpoints.create(siteEndpoint(north, "loan-status"), FIRST_SECRETS);

    assertThat(List.of(partnerWide, otherPartner, mainSite, northSite))
        .extracting(Endpoint::id)
        .doesNotHaveDuplicates();
    assertThat(mainSite.siteId()).hasValue(main.id());
    assertThat(otherPartner.partnerId()).isEqualTo(globex.id());
  }

  @Test
  void deletedEndpointIsGoneAndItsNameFreeButItsKeyNeverReturns() {
    Endpoint deleted = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);

    assertThat(endpoints.delete(deleted.id())).isTrue();
    Endpoint successor = endpoints.create(partnerEndpoint(acme, "loan-status"), SECOND_SECRETS);

    assertThat(endpoints.find(deleted.id())).isEmpty();
    assertThat(endpoints.findByKey(deleted.key())).isEmpty();
    assertThat(endpoints.activeCredentials(deleted.id())).isEmpty();
    assertThat(successor.id()).isNotEqualTo(deleted.id());
    assertThat(successor.key()).isNotEqualTo(deleted.key());
    assertThat(endpoints.findByKey(successor.key())).contains(successor);
    assertThat(endpoints.delete(deleted.id())).isFalse();
  }

  @Test
  void keysAreUrlSafeAndDistinct() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      keys.add(endpoints.create(partnerEndpoint(acme, "endpoint-" + i), FIRST_SECRETS).key());
    }

    assertThat(keys).hasSize(20).allMatch(key -> key.matches("[A-Za-z0-9_-]{32}"));
  }

  @Test
  void rotationWithOverlapKeepsBothCredentialsUntilTheOverlapEnds() {
    Endpoint endpoint = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);
    clock.advance(Duration.ofMinutes(5));

    Credential second = endpoints.rotate(endpoint.id(), SECOND_SECRETS, Duration.ofHours(1));

    Instant overlapEnd = START.plus(Duration.ofMinutes(5)).plus(Duration.ofHours(1));
    assertThat(plaintextOf(second)).isEqualTo(SECOND_SECRETS);
    assertThat(second.createdAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    assertThat(second.notAfter()).isEmpty();
    assertThat(activeSecrets(endpoint)).containsExactly(FIRST_SECRETS, SECOND_SECRETS);
    assertThat(endpoints.activeCredentials(endpoint.id()).get(0).notAfter()).contains(overlapEnd);

    clock.advance(Duration.ofHours(1).minusMillis(1));
    assertThat(activeSecrets(endpoint)).containsExactly(FIRST_SECRETS, SECOND_SECRETS);

    clock.advance(Duration.ofMillis(1));
    assertThat(activeSecrets(endpoint)).containsExactly(SECOND_SECRETS);
  }

  @Test
  void rotationWithoutOverlapRetiresTheOldCredentialAtOnce() {
    Endpoint endpoint = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);

    endpoints.rotate(endpoint.id(), SECOND_SECRETS, Duration.ZERO);

    assertThat(activeSecrets(endpoint)).containsExactly(SECOND_SECRETS);
  }

  @Test
  void laterRotationNeverExtendsACredentialThatEndsSooner() {
    Endpoint endpoint = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);
    endpoints.rotate(endpoint.id(), SECOND_SECRETS, Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(1));

    endpoints.rotate(endpoint.id(), THIRD_SECRETS, Duration.ofHours(24));

    List<Credential> active = endpoints.activeCredentials(endpoint.id());
    assertThat(active)
        .extracting(Credential::notAfter)
        .containsExactly(
            Optional.of(START.plus(Duration.ofHours(1))),
            Optional.of(START.plus(Duration.ofMinutes(1)).plus(Duration.ofHours(24))),
            Optional.empty());
    clock.advance(Duration.ofHours(1));
    assertThat(activeSecrets(endpoint)).containsExactly(SECOND_SECRETS, THIRD_SECRETS);
  }

  @Test
  void credentialsAreKeptPerEndpoint() {
    Endpoint first = endpoints.create(partnerEndpoint(acme, "loan-status"), FIRST_SECRETS);
    Endpoint second = endpoints.create(partnerEndpoint(acme, "loan-events"), SECOND_SECRETS);

    endpoints.rotate(first.id(), THIRD_SECRETS, Duration.ZERO);

    assertThat(activeSecrets(first)).containsExactly(THIRD_SECRETS);
    assertThat(activeSecrets(second)).containsExactly(SECOND_SECRETS);
  }

  @Test
  void signatureKeysAreStoredEncryptedAndOtherSecretsOnlyAsKeyedHashes() {
    Endpoint signed = endpoints.create(signatureEndpoint("signed"), Map.of("secret", "hmac key 1"));
    endpoints.create(partnerEndpoint(acme, "basic"), FIRST_SECRETS);

    Secret key = endpoints.activeCredentials(signed.id()).get(0).secrets().get("secret");

    assertThat(key.isHashed()).isFalse();
    assertThat(key.reveal()).isEqualTo("hmac key 1");
    assertThat(storedSecretColumns())
        .hasSize(2)
        .noneMatch(column -> column.contains("hmac key 1") || column.contains("first secret"))
        .allMatch(column -> column.contains("\"e1:") || column.contains("\"h1:"));
  }

  @Test
  void plaintextCredentialsFromBeforeVersion4AreSealedOnce() {
    Endpoint signed = endpoints.create(signatureEndpoint("signed"), Map.of("secret", "new key"));
    Endpoint basic = endpoints.create(partnerEndpoint(acme, "basic"), SECOND_SECRETS);
    writeAsVersion2Did(signed, "{\"secret\":\"old hmac key\"}");
    writeAsVersion2Did(basic, "{\"password\":\"first secret\"}");

    int sealed = vault(masterKey).sealPlaintextCredentials(database.database(), json);

    assertThat(sealed).isEqualTo(2);
    assertThat(endpoints.activeCredentials(signed.id()).get(0).secrets().get("secret").reveal())
        .isEqualTo("old hmac key");
    assertThat(activeSecrets(basic)).containsExactly(FIRST_SECRETS);
    assertThat(storedSecretColumns())
        .noneMatch(column -> column.contains("old hmac key") || column.contains("first secret"));
    assertThat(vault(masterKey).sealPlaintextCredentials(database.database(), json)).isZero();
  }

  @Test
  void rekeyKeepsEverySecretAndTheOldMasterKeyNoLongerOpens() {
    Endpoint signed = endpoints.create(signatureEndpoint("signed"), Map.of("secret", "hmac key 1"));
    endpoints.rotate(signed.id(), Map.of("secret", "hmac key 2"), Duration.ofHours(1));
    Endpoint basic = endpoints.create(partnerEndpoint(acme, "basic"), FIRST_SECRETS);
    List<String> before = storedSecretColumns();
    MasterKey old = masterKey;
    MasterKey next = MasterKey.generate(random);

    int keys = CredentialVault.rekey(database.database(), json, old, next, random);
    masterKey = next;
    useStores(database);

    assertThat(keys).isEqualTo(2);
    assertThat(endpoints.activeCredentials(signed.id()))
        .extracting(credential -> credential.secrets().get("secret").reveal())
        .containsExactly("hmac key 1", "hmac key 2");
    assertThat(activeSecrets(basic)).containsExactly(FIRST_SECRETS);
    assertThat(storedSecretColumns()).doesNotContainAnyElementsOf(before.subList(0, 2));
    assertThatThrownBy(() -> vault(old))
        .isInstanceOf(UnreadableSecretException.class)
        .hasMessageNotContaining(old.toBase64());
    assertThatThrownBy(() -> CredentialVault.rekey(database.database(), json, old, next, random))
        .isInstanceOf(UnreadableSecretException.class);
  }

  @Test
  void theHashKeyIsMadeOnceAndAnotherMasterKeyCannotOpenIt() {
    assertThat(CredentialVault.holdsKeys(database.database())).isTrue();
    Endpoint basic = endpoints.create(partnerEndpoint(acme, "basic"), FIRST_SECRETS);

    useStores(database);

    assertThat(activeSecrets(basic)).containsExactly(FIRST_SECRETS);
    assertThatThrownBy(() -> vault(MasterKey.generate(random)))
        .isInstanceOf(UnreadableSecretException.class);
  }

  private CredentialVault vault(MasterKey key) {
    return CredentialVault.open(database.database(), key, random, clock);
  }

  private void writeAsVersion2Did(Endpoint endpoint, String plaintextJson) {
    database
        .database()
        .withHandle(
            h ->
                h.execute(
                    "UPDATE credential SET secrets = ?, secrets_format = 0 WHERE endpoint_id = ?",
                    plaintextJson,
                    endpoint.id()));
  }

  private List<String> storedSecretColumns() {
    return database
        .database()
        .withHandle(
            h ->
                h.createQuery("SELECT secrets FROM credential ORDER BY id")
                    .mapTo(String.class)
                    .list());
  }

  private NewEndpoint signatureEndpoint(String name) {
    return new NewEndpoint(
        acme.id(),
        OptionalLong.empty(),
        name,
        "log",
        "{}",
        SecurityMethod.SIGNATURE,
        Map.of(),
        true,
        OptionalLong.empty(),
        DeliveryMode.SYNC,
        Optional.empty(),
        NetworkPolicy.DEFAULT);
  }

  private List<Map<String, String>> activeSecrets(Endpoint endpoint) {
    return endpoints.activeCredentials(endpoint.id()).stream()
        .map(StoreContract::plaintextOf)
        .toList();
  }

  /**
   * Which of the known passwords each hashed secret of {@code credential} matches: the store gives
   * back only keyed hashes, so a password is known by what it accepts.
   */
  private static Map<String, String> plaintextOf(Credential credential) {
    Map<String, String> known = new HashMap<>();
    credential
        .secrets()
        .forEach(
            (field, secret) -> {
              assertThat(secret.isHashed()).as("a stored password is hashed").isTrue();
              for (Map<String, String> candidate :
                  List.of(FIRST_SECRETS, SECOND_SECRETS, THIRD_SECRETS)) {
                String value = candidate.get(field);
                if (secret.matches(value.getBytes(StandardCharsets.UTF_8))) {
                  known.put(field, value);
                }
              }
            });
    return known;
  }

  private static MigrationInfoService migrationInfo(TestDatabase db) {
    return Flyway.configure(StoreContract.class.getClassLoader())
        .dataSource(db.dataSource())
        .locations(db.dialect().migrationLocation())
        .load()
        .info();
  }

  private static NewEndpoint partnerEndpoint(Partner partner, String name) {
    return new NewEndpoint(
        partner.id(),
        OptionalLong.empty(),
        name,
        "log",
        "{}",
        SecurityMethod.BASIC,
        BASIC_PUBLIC,
        true,
        OptionalLong.empty(),
        DeliveryMode.SYNC,
        Optional.empty(),
        NetworkPolicy.DEFAULT);
  }

  private static NewEndpoint siteEndpoint(Site site, String name) {
    return new NewEndpoint(
        site.partnerId(),
        OptionalLong.of(site.id()),
        name,
        "log",
        "{}",
        SecurityMethod.BASIC,
        BASIC_PUBLIC,
        true,
        OptionalLong.empty(),
        DeliveryMode.SYNC,
        Optional.empty(),
        NetworkPolicy.DEFAULT);
  }

  private static Endpoint renamed(Endpoint endpoint, String name, boolean enabled) {
    return new Endpoint(
        endpoint.id(),
        endpoint.partnerId(),
        endpoint.siteId(),
        name,
        endpoint.key(),
        endpoint.saga(),
        endpoint.sagaSettings(),
        endpoint.securityMethod(),
        endpoint.securitySettings(),
        enabled,
        endpoint.maxBodyBytes(),
        endpoint.mode(),
        endpoint.idempotencyHeader(),
        endpoint.network(),
        endpoint.createdAt(),
        endpoint.updatedAt());
  }

  private static Endpoint withNetwork(Endpoint endpoint, NetworkPolicy network) {
    return new Endpoint(
        endpoint.id(),
        endpoint.partnerId(),
        endpoint.siteId(),
        endpoint.name(),
        endpoint.key(),
        endpoint.saga(),
        endpoint.sagaSettings(),
        endpoint.securityMethod(),
        endpoint.securitySettings(),
        endpoint.enabled(),
        endpoint.maxBodyBytes(),
        endpoint.mode(),
        endpoint.idempotencyHeader(),
        network,
        endpoint.createdAt(),
        endpoint.updatedAt());
  }

  /** The pool of the current test's store, for dialect-specific checks in a subclass. */
  protected final TestDatabase database() {
    return database;
  }

  /** The partner store of the current test. */
  protected final PartnerStore partners() {
    return partners;
  }
}
