package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.CampaignOptions;
import dev.nudge.Nudge;
import dev.nudge.NudgeException;
import dev.nudge.SettableClock;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A host's test moves a settable clock and waits for the background runner with {@code awaitIdle}:
 * then the same program gives the same result every run.
 */
class AwaitIdleTest {
  /** Monday 2 March 2026, 05:00 in New York: the window opens four hours later. */
  private static final Instant MONDAY_5AM_NY = Instant.parse("2026-03-02T10:00:00Z");

  /** One run of a program: a runner, a clock moved an hour at a time, awaitIdle after each. */
  private static List<String> runOnce(long seed) {
    SettableClock clock = new SettableClock(MONDAY_5AM_NY);
    List<String> sends = new ArrayList<>();
    RecordingTransport transport =
        new RecordingTransport()
            .answerWith(
                email -> {
                  synchronized (sends) {
                    sends.add(
                        email.to() + " step " + email.step().step() + " at " + clock.instant());
                  }
                  return SendResult.accepted();
                });
    try (Nudge nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(transport)
            .tuning(Tuning.builder().pollInterval(Duration.ofSeconds(5)).workerThreads(3).build())
            .seed(seed)
            .build()) {
      nudge.registerMailbox(Fixture.mailbox());
      Campaign c =
          nudge.createCampaign(
              Fixture.definition()
                  .options(CampaignOptions.defaults().withJitter(Duration.ofMinutes(20)))
                  .build());
      for (int i = 0; i < 12; i++) {
        nudge.enroll(c.id(), Fixture.candidate("Candidate " + i).build());
      }
      nudge.startCampaign(c.id());
      nudge.start();
      for (int hour = 0; hour < 24 * 7; hour++) {
        clock.advance(Duration.ofHours(1));
        nudge.awaitIdle(Duration.ofSeconds(30));
      }
    }
    synchronized (sends) {
      // workers send in parallel: compare what went out when, not the order of the calls
      return sends.stream().sorted().toList();
    }
  }

  @Test
  void runnerWithAwaitIdle_sendsAtTheSameInstantsInEveryRun() {
    List<String> first = runOnce(42);
    assertThat(first)
        .hasSize(24)
        .filteredOn(s -> s.contains("step 1"))
        .allSatisfy(s -> assertThat(s).endsWith("at 2026-03-02T15:00:00Z"));

    Set<List<String>> runs = new HashSet<>();
    for (int run = 0; run < 10; run++) {
      runs.add(runOnce(42));
    }

    assertThat(runs).containsExactly(first);
  }

  @Test
  void withoutTheRunner_awaitIdleProcessesDueWorkInTheCaller() {
    try (Fixture f = new Fixture()) {
      Campaign c = f.nudge.startCampaign(f.create(Fixture.definition()).id());
      f.enroll(c.id(), "Ada Lovelace");

      f.nudge.awaitIdle(Duration.ofSeconds(5));

      assertThat(f.transport.sent()).hasSize(1);
    }
  }

  @Test
  void aSendThatDoesNotReturn_makesAwaitIdleFail_namingTheTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingTransport hanging =
        new RecordingTransport()
            .answerWith(
                email -> {
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return SendResult.accepted();
                });
    try (Nudge n =
        Fixture.registered(
            Nudge.builder()
                .clock(new SettableClock(Fixture.MONDAY_9AM_NY))
                .store(new InMemoryStore())
                .mailTransport(hanging)
                .build())) {
      Campaign c = n.startCampaign(n.createCampaign(Fixture.definition().build()).id());
      n.enroll(c.id(), Fixture.candidate("Ada Lovelace").build());
      n.start();

      assertThatThrownBy(() -> n.awaitIdle(Duration.ofMillis(300)))
          .isInstanceOf(NudgeException.class)
          .hasMessageContaining("not idle within PT0.3S");
      release.countDown();
      n.awaitIdle(Duration.ofSeconds(10));
      assertThat(hanging.sent()).hasSize(1);
    }
  }
}
