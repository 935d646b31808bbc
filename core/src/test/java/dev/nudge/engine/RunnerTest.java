package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.ClosedException;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.NudgeException;
import dev.nudge.SettableClock;
import dev.nudge.StepStatus;
import dev.nudge.TodoSink;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The background runner: polls, sends, and shuts down gracefully. */
class RunnerTest {
  private final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
  private final InMemoryStore store = new InMemoryStore();
  private final RecordingTransport transport = new RecordingTransport();

  private Nudge nudge() {
    return Fixture.registered(
        Nudge.builder()
            .clock(clock)
            .store(store)
            .mailTransport(transport)
            .todoSink(TodoSink.none())
            .tuning(
                Tuning.builder()
                    .pollInterval(Duration.ofMillis(20))
                    .workerThreads(2)
                    .shutdownTimeout(Duration.ofSeconds(10))
                    .build())
            .build());
  }

  @Test
  void startedRunner_sendsDueSteps_withoutRunDueCalls() throws Exception {
    try (Nudge n = nudge()) {
      Campaign c = n.createCampaign(Fixture.definition().build());
      n.startCampaign(c.id());
      for (int i = 0; i < 20; i++) {
        n.enroll(c.id(), Fixture.candidate("Candidate " + i).build());
      }

      n.start();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (transport.sent().size() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(transport.sent()).hasSize(20);
    }
  }

  @Test
  void close_letsTheInFlightSendFinish() throws Exception {
    CountDownLatch inSend = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    transport.answerWith(
        m -> {
          inSend.countDown();
          try {
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return SendResult.accepted();
        });
    Nudge n = nudge();
    Campaign c = n.createCampaign(Fixture.definition().build());
    n.startCampaign(c.id());
    EnrollmentId id =
        ((dev.nudge.EnrollResult.Enrolled)
                n.enroll(c.id(), Fixture.candidate("Ada Lovelace").build()))
            .id();
    n.start();
    assertThat(inSend.await(5, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(n::close);
    closer.start();
    Thread.sleep(100);
    assertThat(closer.isAlive()).as("close waits for the in-flight send").isTrue();
    release.countDown();
    closer.join(5000);

    assertThat(closer.isAlive()).isFalse();
    assertThat(store.enrollments().find(id).orElseThrow().step(1).status())
        .isEqualTo(StepStatus.SENT);
  }

  @Test
  void closedEngine_cannotBeStartedAgain() {
    Nudge n = nudge();
    n.start();
    assertThatThrownBy(n::start).isInstanceOf(NudgeException.class).hasMessageContaining("already");
    n.close();
    n.close();
    assertThatThrownBy(n::start).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
  }
}
