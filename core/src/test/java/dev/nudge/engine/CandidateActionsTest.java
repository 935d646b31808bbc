package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.CampaignOptions;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.IllegalTransitionException;
import dev.nudge.NotFoundException;
import dev.nudge.StepStatus;
import dev.nudge.TaskKind;
import dev.nudge.Wait;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pausing, resuming [S13] and removing [S14] one candidate. */
class CandidateActionsTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void candidateResumedWhileItsCampaignIsPaused_keepsThePlannedTimeOfItsNextStep() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run(); // Monday 09:00: step 1 sent, step 2 scheduled two business days later
    Instant planned = f.step(id, 2).scheduledAt();
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SCHEDULED);

    f.advance(Duration.ofHours(1));
    f.nudge.pauseCandidate(id);
    f.nudge.pauseCampaign(c.id());
    f.advance(Duration.ofDays(1)); // Tuesday 10:00
    f.nudge.resumeCandidate(id); // the campaign is still paused
    f.nudge.resumeCampaign(c.id());

    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.step(id, 2).scheduledAt())
        .as("the time planned before the pauses, not two business days after the resume")
        .isEqualTo(planned);
  }

  @Test
  void pausedCandidate_hasItsScheduledStepPending_andReceivesNothing() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    Enrollment paused = f.nudge.pauseCandidate(id);
    f.runFor(Duration.ofDays(14));

    assertThat(paused.status()).isEqualTo(EnrollmentStatus.PAUSED);
    assertThat(paused.pausedFrom()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.PENDING);
    assertThat(f.transport.sent()).hasSize(1);
  }

  @Test
  void resumedCandidate_getsItsStepRescheduledFromNow_notInThePast() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.nudge.pauseCandidate(id);
    f.clock.set(
        Instant.parse("2026-03-10T18:00:00Z")); // Tuesday 14:00 EDT, long after Wednesday 4th

    Enrollment resumed = f.nudge.resumeCandidate(id);

    assertThat(resumed.status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(resumed.step(2).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(resumed.step(2).scheduledAt()).isEqualTo(Instant.parse("2026-03-10T18:00:00Z"));
    f.run();
    assertThat(f.transport.sent()).hasSize(2);
    // the step after it waits its own delay from this send: no burst
    assertThat(f.step(id, 3).scheduledAt()).isAfter(Instant.parse("2026-03-13T00:00:00Z"));
  }

  @Test
  void resumeAfterAShortPause_keepsThePlannedTime() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    Instant planned = f.step(id, 2).scheduledAt();
    f.nudge.pauseCandidate(id);
    f.clock.advance(Duration.ofHours(1));

    assertThat(f.nudge.resumeCandidate(id).step(2).scheduledAt()).isEqualTo(planned);
  }

  @Test
  void resumeAfterAShortPause_keepsThePlannedTime_whenTheCampaignJittersItsSends() {
    // Monday 09:00 New York: step 1 is planned inside the next 30 minutes, jittered
    Campaign c =
        f.startedCampaign(
            d -> d.options(CampaignOptions.defaults().withJitter(Duration.ofMinutes(30))));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    Instant planned = f.step(id, 1).scheduledAt();
    assertThat(planned).isAfter(Fixture.MONDAY_9AM_NY);

    for (int i = 0; i < 3; i++) {
      f.nudge.pauseCandidate(id);
      f.clock.advance(Duration.ofSeconds(1));

      // the planned time is jittered already: a resume before it keeps it, not jitters it again
      assertThat(f.nudge.resumeCandidate(id).step(1).scheduledAt())
          .as("after pause and resume %d", i + 1)
          .isEqualTo(planned);
    }
  }

  @Test
  void candidatePausedOnAManualTask_losesTheTodo_andGetsItBackWhenResumed() {
    Campaign c = f.startedCampaign(d -> d.task(Wait.none(), TaskKind.CALL, "Call {{firstName}}"));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.MANUAL_TASK);

    f.nudge.pauseCandidate(id);
    assertThat(f.todos.open()).isEmpty();
    assertThat(f.step(id, 4).status()).isEqualTo(StepStatus.PENDING);

    f.nudge.resumeCandidate(id);
    f.run();
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.MANUAL_TASK);
    assertThat(f.todos.open()).hasSize(1);
  }

  @Test
  void candidatePausedBeforeTheCampaignStarts_staysPausedWhenItStarts() {
    Campaign c = f.create(Fixture.definition());
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.nudge.pauseCandidate(id);

    f.nudge.startCampaign(c.id());
    f.run();
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.PAUSED);
    assertThat(f.transport.sent()).isEmpty();

    f.nudge.resumeCandidate(id);
    f.run();
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.transport.sent()).hasSize(1);
  }

  @Test
  void pausingTwice_isRefusedNamingTheEnrollmentAndBothStates() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.nudge.pauseCandidate(id);

    assertThatThrownBy(() -> f.nudge.pauseCandidate(id))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("illegal transition of enrollment " + id + " from PAUSED to PAUSED");
  }

  @Test
  void resumingACandidateThatIsNotPaused_isRefused() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    assertThatThrownBy(() -> f.nudge.resumeCandidate(id))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("only a paused candidate resumes")
        .hasMessageContaining("from STARTED to STARTED");
  }

  @Test
  void resumingACandidateOfACampaignNotStarted_isRefused() {
    Campaign c = f.create(Fixture.definition());
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    assertThatThrownBy(() -> f.nudge.resumeCandidate(id))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("from NOT_STARTED to NOT_STARTED");
    f.nudge.startCampaign(c.id());
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
  }

  @Test
  void removedCandidate_stopsEverything_andKeepsItsHistory() {
    Campaign c = f.startedCampaign(d -> d.task(Wait.none(), TaskKind.CALL, "Call"));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    Enrollment removed = f.nudge.removeCandidate(id);
    f.runFor(Duration.ofDays(14));

    assertThat(removed.status()).isEqualTo(EnrollmentStatus.REMOVED);
    assertThat(removed.step(1).status()).isEqualTo(StepStatus.SENT);
    assertThat(removed.steps().subList(1, 4)).allMatch(s -> s.status() == StepStatus.STOPPED);
    assertThat(f.transport.sent()).hasSize(1);
    assertThat(f.nudge.activity(id)).isNotEmpty();
  }

  @Test
  void removingAManualTaskCandidate_withdrawsTheTodo() {
    Campaign c = f.startedCampaign(d -> d.task(Wait.none(), TaskKind.CALL, "Call"));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));

    f.nudge.removeCandidate(id);

    assertThat(f.todos.open()).isEmpty();
    assertThat(f.nudge.openTasks("alice")).isEmpty();
  }

  @Test
  void terminalCandidates_refuseEveryAction() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.nudge.removeCandidate(id);
    Enrollment before = f.enrollment(id);

    assertThatThrownBy(() -> f.nudge.pauseCandidate(id))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("from REMOVED to PAUSED");
    assertThatThrownBy(() -> f.nudge.removeCandidate(id))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("from REMOVED to REMOVED");
    assertThat(f.enrollment(id)).isEqualTo(before);
  }

  @Test
  void unknownEnrollment_isNotFound() {
    assertThatThrownBy(() -> f.nudge.pauseCandidate(EnrollmentId.random()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("enrollment");
  }
}
