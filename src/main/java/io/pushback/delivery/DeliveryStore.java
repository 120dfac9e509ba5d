package io.pushback.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.PushbackException;
import io.pushback.auth.RequestHeaders;
import io.pushback.endpoint.Database;
import io.pushback.endpoint.EndpointStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** Delivery rows. Every write is committed before the method returns. Thread-safe. */
public final class DeliveryStore {
  private static final TypeReference<List<List<String>>> HEADER_PAIRS = new TypeReference<>() {};

  private final Database database;
  private final ObjectMapper json;
  private final Clock clock;

  public DeliveryStore(Database database, ObjectMapper json, Clock clock) {
    this.database = database;
    this.json = json;
    this.clock = clock;
  }

  /** Records {@code delivery} and returns its id once committed. */
  public long record(NewDelivery delivery) {
    long now = clock.millis();
    String headers = writeHeaders(delivery.redactedHeaders());
    return database.inTransaction(
        h ->
            h.createQuery(
                    "INSERT INTO delivery (endpoint_id, site_id, received_at, remote_address, outcome, reason, status,"
                        + " headers, content_type, body, body_size, parameters, attempts, idempotency_key, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id")
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
                .mapTo(Long.class)
                .one());
  }

  /** Records how the saga run of delivery {@code id} ended, counting one more attempt. */
  public void finish(
      long id, Outcome outcome, int status, Optional<String> reason, Optional<String> sagaResult) {
    long now = clock.millis();
    database.inTransaction(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET outcome = ?, status = ?, reason = ?, saga_result = ?,"
                        + " attempts = attempts + 1, updated_at = ? WHERE id = ?")
                .bind(0, outcome.wireName())
                .bind(1, status)
                .bind(2, reason.orElse(null))
                .bind(3, sagaResult.orElse(null))
                .bind(4, now)
                .bind(5, id)
                .execute());
  }

  public Optional<Delivery> find(long id) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT * FROM delivery WHERE id = ?")
                .bind(0, id)
                .map(this::delivery)
                .findOne());
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
        Optional.ofNullable(rs.getString("idempotency_key")));
  }
}
