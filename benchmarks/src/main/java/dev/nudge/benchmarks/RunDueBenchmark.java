package dev.nudge.benchmarks;

import dev.nudge.Candidate;
import dev.nudge.Nudge;
import dev.nudge.RunReport;
import dev.nudge.SenderMailbox;
import dev.nudge.SettableClock;
import dev.nudge.Tuning;
import dev.nudge.campaign.Campaign;
import dev.nudge.campaign.CampaignDefinition;
import dev.nudge.campaign.SendingSchedule;
import dev.nudge.campaign.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.port.SendResult;
import dev.nudge.port.TodoSink;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Nudge#runDue()} on the in-memory store with a transport that accepts
 * everything: each invocation processes {@value #STEPS} due email steps (claim, suppression and cap
 * checks, render, Message-ID, in-flight record, send, sent record, next step scheduled, activity
 * log). The score is the time per step; steps per second = 1e9 / score.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 10)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class RunDueBenchmark {
  /** Due steps per invocation. */
  public static final int STEPS = 100_000;

  /** Steps per campaign: with 2 the step after each send is scheduled, not the completion. */
  @Param({"2"})
  public int steps;

  private Nudge nudge;

  /** Builds a fresh engine with {@value #STEPS} enrollments whose first step is due now. */
  @Setup(Level.Iteration)
  public void enroll() {
    SettableClock clock = SettableClock.at("2026-03-02T14:00:00Z");
    nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(email -> SendResult.accepted())
            .todoSink(TodoSink.none())
            .tuning(Tuning.defaults().withClaimBatchSize(500))
            .build();
    CampaignDefinition.Builder d =
        CampaignDefinition.builder(
                "Benchmark",
                SenderMailbox.of("bench@acme.example", "Bench").withDailyCap(Integer.MAX_VALUE))
            .zone(ZoneId.of("America/New_York"))
            .schedule(SendingSchedule.always())
            .email(
                Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, at {{company|your team}}?");
    for (int i = 1; i < steps; i++) {
      d.replyInThread(Wait.days(2), "Bumping this, {{firstName}}.");
    }
    Campaign c = nudge.createCampaign(d.build());
    nudge.startCampaign(c.id());
    List<Candidate> batch = new ArrayList<>(1000);
    for (int i = 0; i < STEPS; i++) {
      batch.add(Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      if (batch.size() == 1000) {
        nudge.enrollAll(c.id(), batch);
        batch.clear();
      }
    }
    // start the measurement with the enrollment garbage collected, not in the middle of it
    System.gc();
  }

  /** Processes every due step. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public RunReport runDue() {
    RunReport report = nudge.runDue();
    if (report.sent() != STEPS) {
      throw new IllegalStateException("expected " + STEPS + " sends, got " + report);
    }
    return report;
  }

  /** Releases the engine. */
  @TearDown(Level.Iteration)
  public void close() {
    nudge.close();
  }
}
