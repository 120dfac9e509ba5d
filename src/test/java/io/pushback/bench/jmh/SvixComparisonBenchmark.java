package io.pushback.bench.jmh;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.svix.Webhook;
import io.pushback.auth.BenchmarkFixtures;
import io.pushback.auth.InboundRequest;
import io.pushback.auth.Verdict;
import io.pushback.auth.Verifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Pushback's {@code standard-webhooks} verifier against Svix's own {@code Webhook.verify}, in the
 * same run, on the same signed message (same secret, id, timestamp, body and {@code v1,}
 * signature), both reading the system clock for the 5-minute tolerance. Each verifier is built
 * once, as a receiver keeps it; Svix takes the payload as a {@code String}, decoded once in setup,
 * as an application using it would have it already.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SvixComparisonBenchmark {
  @Param({"1024", "65536"})
  public int bodySize;

  private Verifier pushback;
  private InboundRequest request;
  private Webhook svix;
  private String payload;
  private Map<String, List<String>> headers;

  @Setup
  public void setUp() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    byte[] body = Bodies.json(bodySize);
    BenchmarkFixtures.Case built =
        BenchmarkFixtures.accepted("standard-webhooks", body, now, Clock.systemUTC());
    pushback = built.verifier();
    request = built.request();
    svix = new Webhook(BenchmarkFixtures.WHSEC);
    payload = new String(body, UTF_8);
    headers =
        Map.of(
            "webhook-id", List.of(BenchmarkFixtures.MSG_ID),
            "webhook-timestamp", List.of(Long.toString(now)),
            "webhook-signature",
                List.of(BenchmarkFixtures.standardSignature(BenchmarkFixtures.MSG_ID, now, body)));
    svix.verify(payload, headers);
  }

  @Benchmark
  public Verdict pushback() {
    return pushback.verify(request);
  }

  @Benchmark
  public void svix(Blackhole sink) throws Exception {
    svix.verify(payload, headers);
    sink.consume(payload);
  }
}
