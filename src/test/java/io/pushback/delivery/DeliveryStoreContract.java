package io.pushback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pushback.auth.RequestHeaders.Header;
import io.pushback.auth.SecurityMethod;
import io.pushback.endpoint.CredentialVault;
import io.pushback.endpoint.DeliveryMode;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.JsonColumns;
import io.pushback.endpoint.MasterKey;
import io.pushback.endpoint.NewEndpoint;
import io.pushback.endpoint.Partner;
import io.pushback.endpoint.PartnerStore;
import io.pushback.endpoint.Site;
import io.pushback.network.NetworkPolicy;
import io.pushback.testing.MutableClock;
import io.pushback.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link DeliveryStore} promises on every database Pushback runs on. A subclass supplies an
 * empty database per test.
 */
abstract class DeliveryStoreContract {
  private static final Instant START = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final List<Header> HEADERS =
      List.of(
          new Header("Content-Type", "application/json"),
          new Header("X-Trace", "b"),
          new Header("authorization", "[redacted]"),
          new Header("X-Trace", "a"),
          new Header("X-Empty", ""));

  private MutableClock clock;
  private TestDatabase database;
  private DeliveryWriter writer;
  private DeliveryStore deliveries;
  private Endpoint endpoint;
  private Endpoint otherEndpoint;
  private Site site;

  /** The JDBC URL of a database that exists and is empty. */
  protected abstract String emptyDatabaseUrl();

  @BeforeEach
  void openMigratedStoreWithEndpoints() {
    clock = MutableClock.at(START);
    database = TestDatabase.open(emptyDatabaseUrl());
    database.migrate();
    PartnerStore partners = new PartnerStore(database.database(), clock);
    EndpointStore endpoints =
        new EndpointStore(
            database.database(),
            new JsonColumns(JsonMapper.builder().build()),
            CredentialVault.open(
                database.database(),
                MasterKey.generate(new SecureRandom()),
                new SecureRandom(),
                clock),
            clock,
            new SecureRandom());
    Partner acme = partners.createPartner("acme", "Acme Lending");
    site = partners.createSite(acme, "main", "Main branch");
    endpoint = endpoints.create(partnerEndpoint(acme, "loan-status"), Map.of("token", "t"));
    otherEndpoint = endpoints.create(partnerEndpoint(acme, "loan-events"), Map.of("token", "t"));
    writer = new DeliveryWriter(database.database(), Duration.ofSeconds(5));
    deliveries =
        new DeliveryStore(
            database.database(), writer, JsonMapper.builder().build(), clock, 1_000, "test-node");
  }

  @AfterEach
  void closePool() {
    writer.close();
    database.close();
  }

  @Test
  void recordedDeliveryKeepsEveryColumn() {
    byte[] body = "{\"loan\":42}".getBytes(StandardCharsets.UTF_8);
    NewDelivery recorded =
        new NewDelivery(
            endpoint.id(),
            OptionalLong.of(site.id()),
            "203.0.113.7",
            Outcome.PENDING,
            Optional.of("waiting for saga"),
            Optional.of(202),
            HEADERS,
            Optional.of("application/json"),
            body,
            body.length,
            Optional.of("{\"loan\":42}"),
            Optional.of("idem-1"));

    Delivery found = deliveries.find(record(recorded)).orElseThrow();

    assertThat(found.endpointId()).isEqualTo(endpoint.id());
    assertThat(found.siteId()).hasValue(site.id());
    assertThat(found.receivedAt()).isEqualTo(START);
    assertThat(found.remoteAddress()).isEqualTo("203.0.113.7");
    assertThat(found.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(found.reason()).contains("waiting for saga");
    assertThat(found.status()).contains(202);
    assertThat(found.headers()).containsExactlyElementsOf(HEADERS);
    assertThat(found.contentType()).contains("application/json");
    assertThat(found.body()).containsExactly(body);
    assertThat(found.bodySize()).isEqualTo(body.length);
    assertThat(found.parameters()).contains("{\"loan\":42}");
    assertThat(found.sagaResult()).isEmpty();
    assertThat(found.attempts()).isZero();
    assertThat(found.idempotencyKey()).contains("idem-1");
  }

  @Test
  void nullableColumnsLeftOutComeBackEmpty() {
    Delivery found = deliveries.find(record(rejected(endpoint, new byte[0]))).orElseThrow();

    assertThat(found.siteId()).isEmpty();
    assertThat(found.reason()).isEmpty();
    assertThat(found.status()).isEmpty();
    assertThat(found.contentType()).isEmpty();
    assertThat(found.parameters()).isEmpty();
    assertThat(found.sagaResult()).isEmpty();
    assertThat(found.idempotencyKey()).isEmpty();
    assertThat(found.headers()).isEmpty();
  }

  @Test
  void emptyBodyComesBackEmpty() {
    Delivery found = deliveries.find(record(rejected(endpoint, new byte[0]))).orElseThrow();

    assertThat(found.body()).isEmpty();
    assertThat(found.bodySize()).isZero();
  }

  @Test
  void everyByteValueOfTheBodyComesBackExactly() {
    byte[] body = new byte[512];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (255 - i % 256);
    }

    Delivery found = deliveries.find(record(rejected(endpoint, body))).orElseThrow();

    assertThat(found.body()).containsExactly(body);
  }

  @Test
  void bodyThatIsNotUtf8ComesBackExactly() {
    byte[] body = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, (byte) 0xFE, (byte) 0x80, 0x41};

    Delivery found = deliveries.find(record(rejected(endpoint, body))).orElseThrow();

    assertThat(found.body()).containsExactly(body);
  }

  @Test
  void finishRecordsTheEndAndCountsEachAttempt() {
    long id = record(pending(endpoint));
    clock.advance(Duration.ofSeconds(3));

    deliveries.finish(id, Outcome.FAILED, 500, Optional.of("saga threw"), Optional.empty());
    deliveries.finish(id, Outcome.SUCCEEDED, 200, Optional.empty(), Optional.of("logged 2"));

    Delivery found = deliveries.find(id).orElseThrow();
    assertThat(found.outcome()).isEqualTo(Outcome.SUCCEEDED);
    // The status is the one sent to the sender; a later run (a replay) sends nothing.
    assertThat(found.status()).contains(500);
    assertThat(found.reason()).isEmpty();
    assertThat(found.sagaResult()).contains("logged 2");
    assertThat(found.attempts()).isEqualTo(2);
    assertThat(found.receivedAt()).isEqualTo(START);
  }

  @Test
  void aRunWhoseDeliveryAnotherNodeTookOverRecordsNothing() {
    Lease theirs = new Lease("another-node", START.plusSeconds(60));
    long taken = deliveries.recordPending(pending(endpoint), Optional.of(theirs)).id();
    Lease ours = new Lease("test-node", START.plusSeconds(60));
    long held = deliveries.recordPending(pending(endpoint), Optional.of(ours)).id();

    deliveries.completeSteps(taken, 2);
    deliveries.finish(taken, Outcome.SUCCEEDED, 200, Optional.empty(), Optional.empty());
    deliveries.finish(held, Outcome.SUCCEEDED, 200, Optional.empty(), Optional.empty());

    Delivery notOurs = deliveries.find(taken).orElseThrow();
    assertThat(notOurs.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(notOurs.completedSteps()).isZero();
    assertThat(notOurs.attempts()).isZero();
    assertThat(deliveries.find(held).orElseThrow().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void unknownDeliveryFindsNothing() {
    long id = record(pending(endpoint));

    assertThat(deliveries.find(id + 1000)).isEmpty();
  }

  @Test
  void deliveriesOfAnEndpointComeNewestFirstUpToTheLimit() {
    long first = record(pending(endpoint));
    long second = record(rejected(endpoint, new byte[0]));
    record(pending(otherEndpoint));
    long third = record(pending(endpoint));

    assertThat(ids(deliveries.forEndpoint(endpoint.id(), Optional.empty(), 10)))
        .containsExactly(third, second, first);
    assertThat(ids(deliveries.forEndpoint(endpoint.id(), Optional.empty(), 2)))
        .containsExactly(third, second);
  }

  @Test
  void deliveriesOfAnEndpointFilterByOutcome() {
    long first = record(pending(endpoint));
    long rejected = record(rejected(endpoint, new byte[0]));
    long finished = record(pending(endpoint));
    long last = record(pending(endpoint));
    deliveries.finish(finished, Outcome.SUCCEEDED, 200, Optional.empty(), Optional.empty());

    assertThat(ids(deliveries.forEndpoint(endpoint.id(), Optional.of(Outcome.PENDING), 10)))
        .containsExactly(last, first);
    assertThat(ids(deliveries.forEndpoint(endpoint.id(), Optional.of(Outcome.PENDING), 1)))
        .containsExactly(last);
    assertThat(ids(deliveries.forEndpoint(endpoint.id(), Optional.of(Outcome.REJECTED), 10)))
        .containsExactly(rejected);
    assertThat(deliveries.forEndpoint(endpoint.id(), Optional.of(Outcome.DEAD), 10)).isEmpty();
  }

  @Test
  void aDeliveryWrittenOnceItsSagaRanHoldsItsOutcomeAndOneAttempt() {
    long id = deliveries.newId();
    NewDelivery succeeded =
        new NewDelivery(
            endpoint.id(),
            OptionalLong.of(site.id()),
            "203.0.113.9",
            Outcome.SUCCEEDED,
            Optional.empty(),
            Optional.of(200),
            HEADERS,
            Optional.of("application/json"),
            new byte[] {'{', '}'},
            2,
            Optional.of("{}"),
            Optional.empty());

    deliveries.recordFinished(id, succeeded, Optional.of("logged 0"));

    Delivery found = deliveries.find(id).orElseThrow();
    assertThat(found.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(found.status()).contains(200);
    assertThat(found.sagaResult()).contains("logged 0");
    assertThat(found.attempts()).isEqualTo(1);
    assertThat(found.siteId()).hasValue(site.id());
    assertThat(found.headers()).containsExactlyElementsOf(HEADERS);
    assertThat(deliveries.pendingCount()).isZero();
  }

  @Test
  void twoNodesOnOneStoreNeverHandOutTheSameId() {
    try (DeliveryWriter otherWriter =
        new DeliveryWriter(database.database(), Duration.ofSeconds(5))) {
      DeliveryStore otherNode =
          new DeliveryStore(
              database.database(),
              otherWriter,
              JsonMapper.builder().build(),
              clock,
              1_000,
              "other-node");
      Set<Long> handedOut = new HashSet<>();
      for (int i = 0; i < 2 * DeliveryIds.BLOCK_SIZE + 10; i++) {
        assertThat(handedOut.add(deliveries.newId())).isTrue();
        assertThat(handedOut.add(otherNode.newId())).isTrue();
      }
      long ours = record(pending(endpoint));
      long theirs = otherNode.recordPending(pending(endpoint), Optional.empty()).id();

      assertThat(handedOut).doesNotContain(ours, theirs);
      assertThat(deliveries.find(ours)).isPresent();
      assertThat(deliveries.find(theirs)).isPresent();
    }
  }

  @Test
  void aRestartedNodeHandsOutIdsPastEveryIdItHandedOutBefore() {
    long before = record(pending(endpoint));
    writer.close();
    writer = new DeliveryWriter(database.database(), Duration.ofSeconds(5));
    deliveries =
        new DeliveryStore(
            database.database(), writer, JsonMapper.builder().build(), clock, 1_000, "test-node");

    assertThat(record(pending(endpoint))).isGreaterThan(before);
  }

  @Test
  void newestFirstIsByArrivalWhateverTheIds() {
    long later = deliveries.newId();
    long earlier = record(pending(endpoint));
    clock.advance(Duration.ofMillis(5));
    deliveries.recordFinished(later, pending(endpoint), Optional.empty());

    assertThat(later).isLessThan(earlier);
    assertThat(ids(deliveries.forEndpoint(endpoint.id(), Optional.empty(), 10)))
        .containsExactly(later, earlier);
  }

  private static List<Long> ids(List<Delivery> found) {
    return found.stream().map(Delivery::id).toList();
  }

  /**
   * Records {@code delivery} as the server does: a rejection, or a pending delivery with no lease.
   */
  private long record(NewDelivery delivery) {
    return delivery.outcome() == Outcome.REJECTED
        ? deliveries.recordRejected(delivery)
        : deliveries.recordPending(delivery, Optional.empty()).id();
  }

  private static NewDelivery pending(Endpoint endpoint) {
    byte[] body = "a=1".getBytes(StandardCharsets.US_ASCII);
    return new NewDelivery(
        endpoint.id(),
        OptionalLong.empty(),
        "198.51.100.1",
        Outcome.PENDING,
        Optional.empty(),
        Optional.empty(),
        HEADERS,
        Optional.of("application/x-www-form-urlencoded"),
        body,
        body.length,
        Optional.of("{\"a\":\"1\"}"),
        Optional.empty());
  }

  private static NewDelivery rejected(Endpoint endpoint, byte[] body) {
    return new NewDelivery(
        endpoint.id(),
        OptionalLong.empty(),
        "198.51.100.2",
        Outcome.REJECTED,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        body,
        body.length,
        Optional.empty(),
        Optional.empty());
  }

  private static NewEndpoint partnerEndpoint(Partner partner, String name) {
    return new NewEndpoint(
        partner.id(),
        OptionalLong.empty(),
        name,
        "log",
        "{}",
        SecurityMethod.BEARER,
        Map.of(),
        true,
        OptionalLong.empty(),
        DeliveryMode.SYNC,
        Optional.empty(),
        NetworkPolicy.DEFAULT);
  }
}
