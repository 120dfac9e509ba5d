package io.pushback.bench.jmh;

import io.pushback.auth.BenchmarkFixtures;
import io.pushback.auth.InboundRequest;
import io.pushback.auth.Verdict;
import io.pushback.auth.Verifier;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each verifier on an accepted request with a 1 KiB and a 64 KiB body: the cost of one {@link
 * Verifier#verify} call, the verifier built once as the endpoint cache holds it. Run with {@code
 * bench/jmh.sh}; see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifierBenchmark {
  @Param({"1024", "65536"})
  public int bodySize;

  @Param({
    "basic",
    "token_secret",
    "bearer",
    "signature-sha256",
    "signature-ripemd128",
    "standard-webhooks"
  })
  public String verifier;

  private Verifier subject;
  private InboundRequest request;

  @Setup
  public void setUp() {
    long now = System.currentTimeMillis() / 1000;
    BenchmarkFixtures.Case built =
        BenchmarkFixtures.accepted(verifier, Bodies.json(bodySize), now, Clock.systemUTC());
    subject = built.verifier();
    request = built.request();
  }

  @Benchmark
  public Verdict verify() {
    return subject.verify(request);
  }
}
