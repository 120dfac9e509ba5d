package io.pushback.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.PushbackException;
import io.pushback.auth.RequestHeaders;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.Dialect;
import io.pushback.endpoint.EndpointStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
public final class DeliveryStore implements DeliveryProgress {
  private static final TypeReference<List<List<String>>> HEADER_PAIRS = new TypeReference<>() {};

  /**
   * Pruning old rejections costs a scan of the kept ones: do it every so many rejections, not every
   * one.
   */
  private static final int PRUNE_EVERY = 64;

  /** Only this node's lease, or none (released, never taken), lets a run's result be written. */
  private static final String FENCE = " AND (lease_owner = ? OR lease_owner IS NULL)";

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStore.class);

  private static final String FINISH =
      "UPDATE delivery SET outcome = ?, status = COALESCE(status, ?), reason = ?, saga_result = ?,"
          + " attempts = attempts + 1, updated_at = ?, lease_owner = NULL, lease_until = NULL"
          + " WHERE id = ?"
          + FENCE;

  private static final String INSERT =
      "INSERT INTO delivery (id, endpoint_id, site_id, received_at, remote_address, outcome, reason, status,"
          + " headers, content_type, body, body_size, parameters, saga_result, attempts, idempotency_key,"
          + " updated_at, next_attempt_at, lease_owner, lease_until)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (endpoint_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING";

  private final Database database;
  private final DeliveryWriter writer;
  private final DeliveryIds ids;
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
    this.ids = new DeliveryIds(writer);
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
    long id = ids.next();
    long now = clock.millis();
    String headers = writeHeaders(delivery.redactedHeaders());
    return writer.writeStatements(
        batch -> {
          if (insert(batch, id, delivery, headers, now, new Run(0, Optional.empty(), lease))) {
            return new Recorded(id, false, Outcome.PENDING);
          }
          return batch
              .handle()
              .createQuery(
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
   * A fresh delivery id, for a delivery whose saga runs before its row is written ({@link
   * #recordFinished}).
   */
  public long newId() {
    return ids.next();
  }

  /**
   * Records, once committed, a delivery whose saga already ran once under {@code id} (from {@link
   * #newId}): its row is written whole, with the run's outcome, status and result. For sync
   * deliveries that no duplicate can race (no idempotency key) and that keep no step progress.
   */
  public void recordFinished(long id, NewDelivery delivery, Optional<String> sagaResult) {
    long now = clock.millis();
    String headers = writeHeaders(delivery.redactedHeaders());
    writer.writeStatements(
        batch ->
            insert(batch, id, delivery, headers, now, new Run(1, sagaResult, Optional.empty())));
  }

  /**
   * Records a refused request and counts it; keeps only the newest rejections of the endpoint, so
   * that a flood of bad requests cannot fill the disk.
   */
  public long recordRejected(NewDelivery delivery) {
    long id = ids.next();
    long now = clock.millis();
    String headers = writeHeaders(delivery.redactedHeaders());
    return writer.writeStatements(
        batch -> {
          insert(batch, id, delivery, headers, now, new Run(0, Optional.empty(), Optional.empty()));
          long total =
              batch
                  .handle()
                  .createQuery(
                      "INSERT INTO rejection_count (endpoint_id, total) VALUES (?, 1) ON CONFLICT (endpoint_id)"
                          + " DO UPDATE SET total = rejection_count.total + 1 RETURNING total")
                  .bind(0, delivery.endpointId())
                  .mapTo(Long.class)
                  .one();
          if (total % PRUNE_EVERY == 0) {
            pruneRejections(batch.handle(), delivery.endpointId());
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

  /** What a new row says of its saga's runs so far, and who holds it. */
  private record Run(int attempts, Optional<String> sagaResult, Optional<Lease> lease) {}

  /**
   * Inserts delivery {@code id} on the writer's kept statement; false when its idempotency key was
   * taken, and nothing was stored.
   */
  private static boolean insert(
      DeliveryWriter.Batch batch, long id, NewDelivery delivery, String headers, long now, Run run)
      throws SQLException {
    PreparedStatement insert = batch.prepared(INSERT);
    insert.setLong(1, id);
    insert.setLong(2, delivery.endpointId());
    if (delivery.siteId().isPresent()) {
      insert.setLong(3, delivery.siteId().getAsLong());
    } else {
      insert.setNull(3, Types.BIGINT);
    }
    insert.setLong(4, now);
    insert.setString(5, delivery.remoteAddress());
    insert.setString(6, delivery.outcome().wireName());
    setText(insert, 7, delivery.reason());
    if (delivery.status().isPresent()) {
      insert.setInt(8, delivery.status().get());
    } else {
      insert.setNull(8, Types.INTEGER);
    }
    insert.setString(9, headers);
    setText(insert, 10, delivery.contentType());
    insert.setBytes(11, delivery.body());
    insert.setLong(12, delivery.bodySize());
    setText(insert, 13, delivery.parameters());
    setText(insert, 14, run.sagaResult());
    insert.setInt(15, run.attempts());
    setText(insert, 16, delivery.idempotencyKey());
    insert.setLong(17, now);
    insert.setLong(18, now);
    setText(insert, 19, run.lease().map(Lease::owner));
    if (run.lease().isPresent()) {
      insert.setLong(20, run.lease().get().until().toEpochMilli());
    } else {
      insert.setNull(20, Types.BIGINT);
    }
    return insert.executeUpdate() == 1;
  }

  private static void setText(PreparedStatement statement, int index, Optional<String> text)
      throws SQLException {
    if (text.isPresent()) {
      statement.setString(index, text.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }

  private void pruneRejections(Handle h, long endpointId) {
    h.createUpdate(
            "DELETE FROM delivery WHERE endpoint_id = ? AND outcome = 'rejected' AND (received_at, id) <"
                + " (SELECT received_at, id FROM delivery WHERE endpoint_id = ? AND outcome = 'rejected'"
                + " ORDER BY received_at DESC, id DESC LIMIT 1 OFFSET ?)")
        .bind(0, endpointId)
        .bind(1, endpointId)
        .bind(2, keptRejections - 1)
        .execute();
  }

  @Override
  public void finish(
      long id, Outcome outcome, int status, Optional<String> reason, Optional<String> sagaResult) {
    warnIfTakenOver(writer.writeStatements(finishing(id, outcome, status, reason, sagaResult)), id);
  }

  /**
   * As {@link #finish}, without waiting for the commit: for a worker, whose next saga need not
   * wait. The future completes once committed; if the write fails the delivery stays pending under
   * its lease, and is run again once the lease expires.
   */
  public CompletableFuture<Void> finishLater(
      long id, Outcome outcome, int status, Optional<String> reason, Optional<String> sagaResult) {
    return writer
        .submit(finishing(id, outcome, status, reason, sagaResult))
        .thenAccept(updated -> warnIfTakenOver(updated, id));
  }

  private DeliveryWriter.Work<Integer> finishing(
      long id, Outcome outcome, int status, Optional<String> reason, Optional<String> sagaResult) {
    long now = clock.millis();
    return batch -> {
      PreparedStatement update = batch.prepared(FINISH);
      update.setString(1, outcome.wireName());
      update.setInt(2, status);
      setText(update, 3, reason);
      setText(update, 4, sagaResult);
      update.setLong(5, now);
      update.setLong(6, id);
      update.setString(7, node);
      return update.executeUpdate();
    };
  }

  @Override
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

  @Override
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
    warnIfTakenOver(writer.write(update), id);
  }

  private static void warnIfTakenOver(int updated, long id) {
    if (updated == 0) {
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
                          + " ORDER BY received_at DESC, id DESC LIMIT "
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
