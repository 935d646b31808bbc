package dev.nudge.benchmarks;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.Nudge;
import dev.nudge.RunReport;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.SettableClock;
import dev.nudge.TodoSink;
import dev.nudge.Tuning;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.SendResult;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state throughput of {@link Nudge#runDue()} on the in-memory store with a transport that
 * accepts everything. {@value #ENROLLMENTS} candidates run a {@value #STEPS}-step campaign whose
 * steps are an hour apart; each invocation moves the clock one hour and processes one due email
 * step per candidate: claim, suppression, window and cap checks, rendering, Message-ID, in-flight
 * record, send, sent record, next step scheduled, activity log. Garbage of earlier invocations is
 * collected inside the measurement, as it would be in a running engine.
 *
 * <p>The score is the time of one batch of {@value #BATCH} invocations divided by {@value
 * #ENROLLMENTS}: the time per step is the score divided by {@value #BATCH}, and steps per second =
 * 1e9 × {@value #BATCH} / score.
 *
 * <p>The in-memory store is a heap-resident data set mutated on every step, which suits the
 * throughput collector; the fork uses it. Run with {@code -jvmArgsAppend -XX:+UseG1GC} to see the
 * default collector, whose card refinement costs this workload more (see the README).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, batchSize = RunDueBenchmark.BATCH)
@Measurement(iterations = 10, batchSize = RunDueBenchmark.BATCH)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class RunDueBenchmark {
  /** Candidates, hence due steps per invocation. */
  public static final int ENROLLMENTS = 20_000;

  /** Steps of the campaign: one iteration runs it from the first step to the last. */
  public static final int STEPS = 5;

  /** Invocations per iteration. */
  static final int BATCH = 5;

  private SettableClock clock;
  private Nudge nudge;

  /** Builds a fresh engine whose candidates all have step 1 due now. */
  @Setup(Level.Iteration)
  public void enroll() {
    clock = SettableClock.at("2026-03-02T14:00:00Z");
    nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(email -> SendResult.accepted())
            .todoSink(TodoSink.none())
            .tuning(Tuning.builder().claimBatchSize(500).build())
            .build();
    nudge.registerMailbox(
        SenderMailbox.of("bench@acme.example", "Bench").withDailyCap(Integer.MAX_VALUE));
    CampaignDefinition.Builder d =
        CampaignDefinition.builder("Benchmark", "bench@acme.example")
            .zone(ZoneId.of("America/New_York"))
            .schedule(SendingSchedule.always())
            .email(
                Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, at {{company|your team}}?");
    for (int i = 1; i < STEPS; i++) {
      d.replyInThread(Wait.hours(1), "Bumping this, {{firstName}}.");
    }
    Campaign c = nudge.createCampaign(d.build());
    nudge.startCampaign(c.id());
    List<Candidate> batch = new ArrayList<>(1000);
    for (int i = 0; i < ENROLLMENTS; i++) {
      batch.add(Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      if (batch.size() == 1000) {
        nudge.enrollAll(c.id(), batch);
        batch.clear();
      }
    }
    // step 1 is due at the first invocation, which then advances the clock for the next one
    clock.advance(Duration.ofHours(-1));
    System.gc();
  }

  /** Moves the clock an hour and processes every due step. */
  @Benchmark
  @OperationsPerInvocation(ENROLLMENTS)
  public RunReport runDue() {
    clock.advance(Duration.ofHours(1));
    RunReport report = nudge.runDue();
    if (report.sent() != ENROLLMENTS) {
      throw new IllegalStateException("expected " + ENROLLMENTS + " sends, got " + report);
    }
    return report;
  }

  /** Releases the engine. */
  @TearDown(Level.Iteration)
  public void close() {
    nudge.close();
  }
}
