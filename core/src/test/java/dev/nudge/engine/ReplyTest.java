package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.StepStatus;
import dev.nudge.TaskKind;
import dev.nudge.Wait;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reply stops the campaign for that candidate [S9]. */
class ReplyTest {
  private static final InboundEvent.Reply REPLY =
      new InboundEvent.Reply("Sure, let's talk Thursday.", MatchMethod.IN_THREAD);

  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void repliedCandidate_receivesNoFurtherSteps() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.clock.advance(Duration.ofHours(3));

    f.nudge.record(Fixture.ref(id, 1), REPLY);
    f.runFor(Duration.ofDays(14));

    assertThat(f.transport.sent()).hasSize(1);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.STOPPED);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.STOPPED);
  }

  @Test
  void theRepliedStep_recordsTheReply() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.clock.advance(Duration.ofHours(3));

    f.nudge.record(Fixture.ref(id, 1), REPLY);

    assertThat(f.step(id, 1).engagement().reply()).isEqualTo(REPLY);
    assertThat(f.step(id, 1).engagement().repliedAt())
        .isEqualTo(Fixture.MONDAY_9AM_NY.plus(Duration.ofHours(3)));
    assertThat(f.events.ofType(EnrollmentEvent.Type.REPLIED)).hasSize(1);
  }

  @Test
  void replyRecorded_whenTheNextStepIsDueAtTheSameMoment_stillStopsIt() {
    // given step 2 is due now
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.clock.set(f.step(id, 2).scheduledAt());

    // when the reply is recorded before the engine runs
    f.nudge.record(Fixture.ref(id, 1), REPLY);
    f.run();

    assertThat(f.transport.sent()).hasSize(1);
  }

  @Test
  void replyRecordedWhileTheNextEmailIsInFlight_stopsEverythingAfterIt() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.clock.set(f.step(id, 2).scheduledAt());
    // the reply lands while the transport is handing step 2 over
    f.transport.answerWith(
        mail -> {
          f.nudge.record(Fixture.ref(id, 1), REPLY);
          return SendResult.accepted();
        });

    f.run();
    f.runFor(Duration.ofDays(14));

    assertThat(f.transport.sent()).hasSize(2);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.STOPPED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.REPLIED);
  }

  @Test
  void reply_withdrawsTheOpenManualTask() {
    Campaign c = f.startedCampaign(d -> d.task(Wait.none(), TaskKind.CALL, "Call {{name}}"));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));
    assertThat(f.todos.open()).hasSize(1);

    f.nudge.record(Fixture.ref(id, 3), REPLY);

    assertThat(f.todos.open()).isEmpty();
    assertThat(f.todos.removals()).containsExactly(id + "#4 WITHDRAWN");
    assertThat(f.nudge.openTasks("alice")).isEmpty();
    assertThat(f.step(id, 4).status()).isEqualTo(StepStatus.STOPPED);
  }

  @Test
  void replyAfterTheCampaignFinished_isRecorded_butTheStatusStays() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));

    f.nudge.record(Fixture.ref(id, 3), REPLY);

    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.FINISHED);
    assertThat(f.step(id, 3).engagement().reply()).isEqualTo(REPLY);
  }

  @Test
  void replyOfAPausedCandidate_completesIt() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.nudge.pauseCandidate(id);

    f.nudge.record(Fixture.ref(id, 1), REPLY);

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(id).pausedFrom()).isNull();
  }

  @Test
  void replyToOneCampaign_doesNotStopAnother() {
    Campaign a = f.startedCampaign();
    Campaign b = f.startedCampaign();
    EnrollmentId inA = f.enroll(a.id(), "Ada Lovelace");
    EnrollmentId inB = f.enroll(b.id(), "Ada Lovelace");
    f.run();

    f.nudge.record(Fixture.ref(inA, 1), REPLY);
    f.at(Instant.parse("2026-03-04T15:00:00Z"));

    assertThat(f.enrollment(inB).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.step(inB, 2).status()).isEqualTo(StepStatus.SENT);
  }
}
