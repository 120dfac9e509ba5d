package io.pushback.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.PushbackException;
import io.pushback.auth.RequestHeaders;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.EndpointStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery rows. Every write goes through the {@link DeliveryWriter} and is committed before the
 * method returns; reads go straight to the pool. Thread-safe.
 */
public final class DeliveryStore {
  private static final TypeReference<List<List<String>>> HEADER_PAIRS = new TypeReference<>() {};

  /**
   * Pruning old rejections costs a scan of the kept ones: do it every so many rejections, not every
   * one.
   */
  private static final int PRUNE_EVERY = 64;

  /** Only this node's lease, or none (released, never taken), lets a run's result be written. */
  private static final String FENCE = " AND (lease_owner = ? OR lease_owner IS NULL)";

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStore.class);

  private final Database database;
  private final DeliveryWriter writer;
  private final ObjectMapper json;
  private final Clock clock;
  private final int keptRejections;
  private final String node;

  /**
   * @param keptRejections how many rejected deliveries are kept per endpoint; older ones are
   *     deleted, and every rejection is still counted
   * @param node the lease owner this node claims deliveries as: the results of a run are written
   *     only while no other node has taken the delivery over (a fence against a node that stalled
   *     past its lease)
   */
  public DeliveryStore(
      Database database,
      DeliveryWriter writer,
      ObjectMapper json,
      Clock clock,
      int keptRejections,
      String node) {
    this.database = database;
    this.writer = writer;
    this.json = json;
    this.clock = clock;
    this.keptRejections = keptRejections;
    this.node = node;
  }

  /**
   * Records a verified request as pending and returns once committed. With an idempotency key
   * already stored for the endpoint, stores nothing and returns the earlier delivery. A {@code
   * lease} marks a delivery whose saga runs now on this node (sync); without one, the workers take
   * it (async).
   */
  public Recorded recordPending(NewDelivery delivery, Optional<Lease> lease) {
    long now = clock.millis();
    String headers = writeHeaders(delivery.redactedHeaders());
    return writer.write(
        h -> {
          Optional<Long> id =
              insert(h, delivery, headers, now)
                  .bind(15, lease.map(Lease::owner).orElse(null))
                  .bind(16, lease.map(l -> l.until().toEpochMilli()).orElse(null))
                  .mapTo(Long.class)
                  .findOne();
          if (id.isPresent()) {
            return new Recorded(id.get(), false, Outcome.PENDING);
          }
          return h.createQuery(
                  "SELECT id, outcome FROM delivery WHERE endpoint_id = ? AND idempotency_key = ?")
              .bind(0, delivery.endpointId())
              .bind(1, delivery.idempotencyKey().orElseThrow())
              .map(
                  (rs, ctx) ->
                      new Recorded(
                          rs.getLong("id"), true, Outcome.fromWireName(rs.getString("outcome"))))
              .one();
        });
  }

  /**
   * Records a refused request and counts it; keeps only the newest rejections of the endpoint, so
   * that a flood of bad requests cannot fill the disk.
   */
  public long recordRejected(NewDelivery delivery) {
    long now = clock.millis();
    String headers = writeHeaders(delivery.redactedHeaders());
    return writer.write(
        h -> {
          long id =
              insert(h, delivery, headers, now)
                  .bind(15, (String) null)
                  .bind(16, (Long) null)
                  .mapTo(Long.class)
                  .one();
          long total =
              h.createQuery(
                      "INSERT INTO rejection_count (endpoint_id, total) VALUES (?, 1) ON CONFLICT (endpoint_id)"
                          + " DO UPDATE SET total = rejection_count.total + 1 RETURNING total")
                  .bind(0, delivery.endpointId())
                  .mapTo(Long.class)
                  .one();
          if (total % PRUNE_EVERY == 0) {
            pruneRejections(h, delivery.endpointId());
          }
          return id;
        });
  }

  /** How many requests to {@code endpointId} were ever rejected, including those no longer kept. */
  public long rejectionCount(long endpointId) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT total FROM rejection_count WHERE endpoint_id = ?")
                .bind(0, endpointId)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
  }

  private Query insert(Handle h, NewDelivery delivery, String headers, long now) {
    return h.createQuery(
            "INSERT INTO delivery (endpoint_id, site_id, received_at, remote_address, outcome, reason, status,"
                + " headers, content_type, body, body_size, parameters, attempts, idempotency_key, updated_at,"
                + " next_attempt_at, lease_owner, lease_until)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (endpoint_id, idempotency_key) DO NOTHING RETURNING id")
        .bind(0, delivery.endpointId())
        .bind(1, EndpointStore.boxed(delivery.siteId()))
        .bind(2, now)
        .bind(3, delivery.remoteAddress())
        .bind(4, delivery.outcome().wireName())
        .bind(5, delivery.reason().orElse(null))
        .bind(6, delivery.status().orElse(null))
        .bind(7, headers)
        .bind(8, delivery.contentType().orElse(null))
        .bind(9, delivery.body())
        .bind(10, delivery.bodySize())
        .bind(11, delivery.parameters().orElse(null))
        .bind(12, delivery.idempotencyKey().orElse(null))
        .bind(13, now)
        .bind(14, now);
  }

  private void pruneRejections(Handle h, long endpointId) {
    h.createUpdate(
            "DELETE FROM delivery WHERE endpoint_id = ? AND outcome = 'rejected' AND id < (SELECT id FROM delivery"
                + " WHERE endpoint_id = ? AND outcome = 'rejected' ORDER BY id DESC LIMIT 1 OFFSET ?)")
        .bind(0, endpointId)
        .bind(1, endpointId)
        .bind(2, keptRejections - 1)
        .execute();
  }

  /** Records how a saga run ended for good, counting the attempt and releasing any lease. */
  public void finish(
      long id, Outcome outcome, int status, Optional<String> reason, Optional<String> sagaResult) {
    long now = clock.millis();
    fenced(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET outcome = ?, status = COALESCE(status, ?), reason = ?, saga_result = ?,"
                        + " attempts = attempts + 1, updated_at = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE id = ?"
                        + FENCE)
                .bind(0, outcome.wireName())
                .bind(1, status)
                .bind(2, reason.orElse(null))
                .bind(3, sagaResult.orElse(null))
                .bind(4, now)
                .bind(5, id)
                .bind(6, node)
                .execute(),
        id);
  }

  /** Counts a failed attempt and schedules the next at {@code next}, releasing the lease. */
  public void retryLater(long id, Instant next, String reason) {
    long now = clock.millis();
    fenced(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?, reason = ?, updated_at = ?,"
                        + " lease_owner = NULL, lease_until = NULL WHERE id = ?"
                        + FENCE)
                .bind(0, next.toEpochMilli())
                .bind(1, reason)
                .bind(2, now)
                .bind(3, id)
                .bind(4, node)
                .execute(),
        id);
  }

  /** Records that the first {@code steps} steps of the delivery's step saga completed. */
  public void completeSteps(long id, int steps) {
    fenced(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET completed_steps = ?, updated_at = ? WHERE id = ?" + FENCE)
                .bind(0, steps)
                .bind(1, clock.millis())
                .bind(2, id)
                .bind(3, node)
                .execute(),
        id);
  }

  /**
   * Writes a run's result unless another node took the delivery over; then the write changes
   * nothing, and the other node's run decides the outcome.
   */
  private void fenced(HandleCallback<Integer, RuntimeException> update, long id) {
    if (writer.write(update) == 0) {
      LOG.warn(
          "delivery {}: another node has taken it over; this run's result is not recorded", id);
    }
  }

  /**
   * Claims up to {@code limit} pending deliveries that are due and not leased, for {@code lease}.
   * On PostgreSQL rows another node is claiming are skipped ({@code FOR UPDATE SKIP LOCKED}), so
   * nodes never claim the same delivery.
   */
  public List<Delivery> claimDue(int limit, Lease lease) {
    long now = clock.millis();
    String lock = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    return writer.write(
        h ->
            h.createQuery(
                    "UPDATE delivery SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT id FROM delivery"
                        + " WHERE outcome = 'pending' AND next_attempt_at <= ?"
                        + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, id LIMIT ?"
                        + lock
                        + ") RETURNING *")
                .bind(0, lease.owner())
                .bind(1, lease.until().toEpochMilli())
                .bind(2, now)
                .bind(3, now)
                .bind(4, limit)
                .map(this::delivery)
                .list());
  }

  /**
   * Extends to {@code until} the leases {@code owner} still holds on the pending deliveries {@code
   * ids}, whose sagas it is running: a saga that outlasts its lease must not be claimed and run a
   * second time meanwhile.
   */
  public int renewLeases(String owner, Collection<Long> ids, Instant until) {
    if (ids.isEmpty()) {
      return 0;
    }
    return writer.write(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET lease_until = :until WHERE lease_owner = :owner AND outcome = 'pending'"
                        + " AND id IN (<ids>)")
                .bind("until", until.toEpochMilli())
                .bind("owner", owner)
                .bindList("ids", List.copyOf(ids))
                .execute());
  }

  /**
   * Gives back the leases {@code owner} holds on pending deliveries, so another node can take them
   * at once.
   */
  public int releaseLeases(String owner) {
    return writer.write(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND outcome = 'pending'")
                .bind(0, owner)
                .execute());
  }

  /**
   * Schedules delivery {@code id} to run its saga again from the first step, with a fresh count of
   * attempts; false when it was rejected (it never passed verification) or is already pending.
   */
  public boolean replay(long id) {
    long now = clock.millis();
    return writer.write(
            h ->
                h.createUpdate(
                        "UPDATE delivery SET outcome = 'pending', next_attempt_at = ?, completed_steps = 0, attempts = 0, reason = NULL,"
                            + " lease_owner = NULL, lease_until = NULL, updated_at = ?"
                            + " WHERE id = ? AND outcome IN ('succeeded', 'failed', 'dead')")
                    .bind(0, now)
                    .bind(1, now)
                    .bind(2, id)
                    .execute())
        == 1;
  }

  public Optional<Delivery> find(long id) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM delivery WHERE id = ?")
                .bind(0, id)
                .map(this::delivery)
                .findOne());
  }

  /** How many deliveries are pending: the queue depth. */
  public long pendingCount() {
    return database.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM delivery WHERE outcome = 'pending'")
                .mapTo(Long.class)
                .one());
  }

  /** The newest deliveries of an endpoint first, optionally only those with {@code outcome}. */
  public List<Delivery> forEndpoint(long endpointId, Optional<Outcome> outcome, int limit) {
    return database.withHandle(
        h -> {
          Query query =
              h.createQuery(
                      "SELECT * FROM delivery WHERE endpoint_id = ?"
                          + (outcome.isPresent() ? " AND outcome = ?" : "")
                          + " ORDER BY id DESC LIMIT "
                          + limit)
                  .bind(0, endpointId);
          outcome.ifPresent(o -> query.bind(1, o.wireName()));
          return query.map(this::delivery).list();
        });
  }

  private String writeHeaders(List<RequestHeaders.Header> headers) {
    List<List<String>> pairs = new ArrayList<>(headers.size());
    headers.forEach(header -> pairs.add(List.of(header.name(), header.value())));
    try {
      return json.writeValueAsString(pairs);
    } catch (JsonProcessingException e) {
      throw new PushbackException("cannot write headers as JSON", e);
    }
  }

  private List<RequestHeaders.Header> readHeaders(String text) {
    try {
      List<RequestHeaders.Header> headers = new ArrayList<>();
      json.readValue(text, HEADER_PAIRS)
          .forEach(p -> headers.add(new RequestHeaders.Header(p.get(0), p.get(1))));
      return headers;
    } catch (JsonProcessingException e) {
      throw new PushbackException("column headers does not hold a JSON list of pairs", e);
    }
  }

  private Delivery delivery(ResultSet rs, StatementContext ctx) throws SQLException {
    int status = rs.getInt("status");
    Optional<Integer> sent = rs.wasNull() ? Optional.empty() : Optional.of(status);
    byte[] body = rs.getBytes("body");
    return new Delivery(
        rs.getLong("id"),
        rs.getLong("endpoint_id"),
        EndpointStore.optionalLong(rs, "site_id"),
        Instant.ofEpochMilli(rs.getLong("received_at")),
        rs.getString("remote_address"),
        Outcome.fromWireName(rs.getString("outcome")),
        Optional.ofNullable(rs.getString("reason")),
        sent,
        readHeaders(rs.getString("headers")),
        Optional.ofNullable(rs.getString("content_type")),
        body == null ? new byte[0] : body,
        rs.getLong("body_size"),
        Optional.ofNullable(rs.getString("parameters")),
        Optional.ofNullable(rs.getString("saga_result")),
        rs.getInt("attempts"),
        Optional.ofNullable(rs.getString("idempotency_key")),
        rs.getInt("completed_steps"));
  }
}
