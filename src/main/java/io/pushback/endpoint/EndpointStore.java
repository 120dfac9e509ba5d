package io.pushback.endpoint;

import io.pushback.auth.PushbackException;
import io.pushback.auth.SecurityMethod;
import io.pushback.network.Cidr;
import io.pushback.network.InvalidNetworkException;
import io.pushback.network.NetworkPolicy;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Endpoints and their credentials. Keys are generated here: 24 random bytes (192 bits), URL-safe
 * Base64, unique forever because deleted endpoints keep their row. Credential secrets are given in
 * plaintext and stored sealed by the {@link CredentialVault}: HMAC keys encrypted, other secrets
 * only as keyed hashes. Every change counts in {@link ConfigVersion}. Thread-safe.
 */
public final class EndpointStore {
  private static final int KEY_BYTES = 24;
  private static final String LIVE = "deleted_at IS NULL";

  private final Database database;
  private final JsonColumns json;
  private final CredentialVault vault;
  private final Clock clock;
  private final SecureRandom random;

  public EndpointStore(
      Database database,
      JsonColumns json,
      CredentialVault vault,
      Clock clock,
      SecureRandom random) {
    this.database = database;
    this.json = json;
    this.vault = vault;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Creates an endpoint with its first credential; throws {@link DuplicateException} for a taken
   * name.
   */
  public Endpoint create(NewEndpoint spec, Map<String, String> secrets) {
    long now = clock.millis();
    return database.inTransaction(
        "name",
        h -> {
          ConfigVersion.bump(h);
          Endpoint endpoint =
              h.createQuery(
                      "INSERT INTO endpoint (partner_id, site_id, name, endpoint_key, saga, saga_settings,"
                          + " security_method, security_settings, enabled, max_body_bytes, created_at, updated_at,"
                          + " mode, idempotency_header, require_https, allowed_networks)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *")
                  .bind(0, spec.partnerId())
                  .bind(1, boxed(spec.siteId()))
                  .bind(2, spec.name())
                  .bind(3, newKey())
                  .bind(4, spec.saga())
                  .bind(5, spec.sagaSettings())
                  .bind(6, spec.securityMethod().wireName())
                  .bind(7, json.write(spec.securitySettings()))
                  .bind(8, spec.enabled())
                  .bind(9, boxed(spec.maxBodyBytes()))
                  .bind(10, now)
                  .bind(11, now)
                  .bind(12, spec.mode().wireName())
                  .bind(13, spec.idempotencyHeader().orElse(null))
                  .bind(14, spec.network().requireHttps().orElse(null))
                  .bind(15, allowedNetworks(spec.network()))
                  .map(this::endpoint)
                  .one();
          insertCredential(h, endpoint.id(), spec.securityMethod(), secrets, now);
          return endpoint;
        });
  }

  /** The live (not deleted) endpoint with {@code id}. */
  public Optional<Endpoint> find(long id) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM endpoint WHERE id = ? AND " + LIVE)
                .bind(0, id)
                .map(this::endpoint)
                .findOne());
  }

  /** The endpoint with {@code id}, deleted or not: deliveries outlive their endpoint. */
  public Optional<Endpoint> findIncludingDeleted(long id) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM endpoint WHERE id = ?")
                .bind(0, id)
                .map(this::endpoint)
                .findOne());
  }

  /** The live endpoints of a partner, its own and its sites', in creation order. */
  public List<Endpoint> forPartner(long partnerId) {
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM endpoint WHERE partner_id = ? AND " + LIVE + " ORDER BY id")
                .bind(0, partnerId)
                .map(this::endpoint)
                .list());
  }

  /** The live endpoint whose public key is {@code key}. */
  public Optional<Endpoint> findByKey(String key) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM endpoint WHERE endpoint_key = ? AND " + LIVE)
                .bind(0, key)
                .map(this::endpoint)
                .findOne());
  }

  /**
   * Stores the changeable fields of {@code endpoint}; empty when it was deleted meanwhile. Throws
   * {@link DuplicateException} for a taken name.
   */
  public Optional<Endpoint> update(Endpoint endpoint) {
    long now = clock.millis();
    return database.inTransaction(
        "name",
        h -> {
          ConfigVersion.bump(h);
          return h.createQuery(
                  "UPDATE endpoint SET name = ?, saga = ?, saga_settings = ?, security_settings = ?, enabled = ?,"
                      + " max_body_bytes = ?, updated_at = ?, mode = ?, idempotency_header = ?,"
                      + " require_https = ?, allowed_networks = ?"
                      + " WHERE id = ? AND "
                      + LIVE
                      + " RETURNING *")
              .bind(0, endpoint.name())
              .bind(1, endpoint.saga())
              .bind(2, endpoint.sagaSettings())
              .bind(3, json.write(endpoint.securitySettings()))
              .bind(4, endpoint.enabled())
              .bind(5, boxed(endpoint.maxBodyBytes()))
              .bind(6, now)
              .bind(7, endpoint.mode().wireName())
              .bind(8, endpoint.idempotencyHeader().orElse(null))
              .bind(9, endpoint.network().requireHttps().orElse(null))
              .bind(10, allowedNetworks(endpoint.network()))
              .bind(11, endpoint.id())
              .map(this::endpoint)
              .findOne();
        });
  }

  /**
   * Deletes the endpoint: it stops answering, its credentials expire, its key is never handed out
   * again.
   */
  public boolean delete(long id) {
    long now = clock.millis();
    return database.inTransaction(
        h -> {
          ConfigVersion.bump(h);
          int changed =
              h.createUpdate(
                      "UPDATE endpoint SET deleted_at = ?, enabled = ? WHERE id = ? AND " + LIVE)
                  .bind(0, now)
                  .bind(1, false)
                  .bind(2, id)
                  .execute();
          expireCredentials(h, id, now);
          return changed == 1;
        });
  }

  /** The credentials of {@code endpointId} that are active now, oldest first. */
  public List<Credential> activeCredentials(long endpointId) {
    long now = clock.millis();
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT credential.*, endpoint.security_method FROM credential"
                        + " JOIN endpoint ON endpoint.id = credential.endpoint_id"
                        + " WHERE credential.endpoint_id = ?"
                        + " AND (credential.not_after IS NULL OR credential.not_after > ?)"
                        + " ORDER BY credential.id")
                .bind(0, endpointId)
                .bind(1, now)
                .map(
                    (rs, ctx) ->
                        credential(
                            rs, SecurityMethod.fromWireName(rs.getString("security_method"))))
                .list());
  }

  /**
   * Adds a credential and retires the active ones after {@code overlap} (at once when it is zero),
   * in one transaction. A credential that already expires sooner keeps its earlier end.
   */
  public Credential rotate(long endpointId, Map<String, String> secrets, Duration overlap) {
    long now = clock.millis();
    return database.inTransaction(
        h -> {
          ConfigVersion.bump(h);
          SecurityMethod method =
              SecurityMethod.fromWireName(
                  h.createQuery("SELECT security_method FROM endpoint WHERE id = ?")
                      .bind(0, endpointId)
                      .mapTo(String.class)
                      .one());
          expireCredentials(h, endpointId, now + overlap.toMillis());
          return insertCredential(h, endpointId, method, secrets, now);
        });
  }

  private void expireCredentials(Handle h, long endpointId, long notAfter) {
    h.createUpdate(
            "UPDATE credential SET not_after = ? WHERE endpoint_id = ? AND (not_after IS NULL OR not_after > ?)")
        .bind(0, notAfter)
        .bind(1, endpointId)
        .bind(2, notAfter)
        .execute();
  }

  private Credential insertCredential(
      Handle h, long endpointId, SecurityMethod method, Map<String, String> secrets, long now) {
    return h.createQuery(
            "INSERT INTO credential (endpoint_id, secrets, created_at, secrets_format)"
                + " VALUES (?, ?, ?, ?) RETURNING *")
        .bind(0, endpointId)
        .bind(1, json.write(vault.seal(method, secrets)))
        .bind(2, now)
        .bind(3, CredentialVault.SEALED)
        .map((rs, ctx) -> credential(rs, method))
        .one();
  }

  private String newKey() {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private Endpoint endpoint(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Endpoint(
        rs.getLong("id"),
        rs.getLong("partner_id"),
        optionalLong(rs, "site_id"),
        rs.getString("name"),
        rs.getString("endpoint_key"),
        rs.getString("saga"),
        rs.getString("saga_settings"),
        SecurityMethod.fromWireName(rs.getString("security_method")),
        json.readStringMap("security_settings", rs.getString("security_settings")),
        rs.getBoolean("enabled"),
        optionalLong(rs, "max_body_bytes"),
        DeliveryMode.fromWireName(rs.getString("mode")),
        Optional.ofNullable(rs.getString("idempotency_header")),
        network(rs),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }

  /** The allowed networks column: canonical CIDRs separated by commas, null for any address. */
  private static String allowedNetworks(NetworkPolicy network) {
    return network.allowedNetworks().isEmpty()
        ? null
        : network.allowedNetworks().stream().map(Cidr::toString).collect(Collectors.joining(","));
  }

  private static NetworkPolicy network(ResultSet rs) throws SQLException {
    boolean requireHttps = rs.getBoolean("require_https");
    Optional<Boolean> required = rs.wasNull() ? Optional.empty() : Optional.of(requireHttps);
    String networks = rs.getString("allowed_networks");
    try {
      return new NetworkPolicy(
          required,
          networks == null
              ? List.of()
              : Arrays.stream(networks.split(",")).map(Cidr::parse).toList());
    } catch (InvalidNetworkException e) {
      throw new PushbackException("column allowed_networks does not hold CIDR networks", e);
    }
  }

  private Credential credential(ResultSet rs, SecurityMethod method) throws SQLException {
    OptionalLong notAfter = optionalLong(rs, "not_after");
    if (rs.getInt("secrets_format") != CredentialVault.SEALED) {
      throw new PushbackException(
          "credential "
              + rs.getLong("id")
              + " is still in plaintext from before schema version 4; a start seals it");
    }
    return new Credential(
        rs.getLong("id"),
        rs.getLong("endpoint_id"),
        vault.open(method, json.readStringMap("secrets", rs.getString("secrets"))),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        notAfter.isPresent()
            ? Optional.of(Instant.ofEpochMilli(notAfter.getAsLong()))
            : Optional.empty());
  }

  /** A nullable integer column. */
  public static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** A nullable value to bind. */
  public static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }
}
