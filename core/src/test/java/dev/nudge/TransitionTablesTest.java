package dev.nudge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The three state machines, as tables [S8]: what is allowed, what is refused and how. */
class TransitionTablesTest {

  @Test
  void campaign_goesNotStarted_started_pausedBackAndForth_archived() {
    TransitionTable<CampaignStatus> t = CampaignStatus.TRANSITIONS;
    assertThat(t.targets(CampaignStatus.NOT_STARTED))
        .containsExactlyInAnyOrder(CampaignStatus.STARTED, CampaignStatus.ARCHIVED);
    assertThat(t.targets(CampaignStatus.STARTED))
        .containsExactlyInAnyOrder(CampaignStatus.PAUSED, CampaignStatus.ARCHIVED);
    assertThat(t.targets(CampaignStatus.PAUSED))
        .containsExactlyInAnyOrder(CampaignStatus.STARTED, CampaignStatus.ARCHIVED);
    assertThat(t.targets(CampaignStatus.ARCHIVED)).isEmpty();
  }

  @Test
  void terminalEnrollmentStatuses_leadNowhere() {
    for (EnrollmentStatus s : EnrollmentStatus.values()) {
      assertThat(EnrollmentStatus.TRANSITIONS.targets(s).isEmpty()).isEqualTo(s.isTerminal());
    }
  }

  @Test
  void everyActiveEnrollment_canBeRemovedOrCompleted() {
    for (EnrollmentStatus s :
        EnumSet.of(
            EnrollmentStatus.NOT_STARTED,
            EnrollmentStatus.STARTED,
            EnrollmentStatus.MANUAL_TASK,
            EnrollmentStatus.PAUSED)) {
      assertThat(EnrollmentStatus.TRANSITIONS.targets(s))
          .contains(EnrollmentStatus.REMOVED, EnrollmentStatus.COMPLETED);
    }
  }

  @Test
  void onlyASentCandidate_canBounce() {
    assertThat(
            EnrollmentStatus.TRANSITIONS.allows(
                EnrollmentStatus.NOT_STARTED, EnrollmentStatus.BOUNCED))
        .isFalse();
    assertThat(
            EnrollmentStatus.TRANSITIONS.allows(EnrollmentStatus.STARTED, EnrollmentStatus.BOUNCED))
        .isTrue();
  }

  @Test
  void stoppedSteps_neverComeBack_andSentStepsOnlyForAResend() {
    assertThat(StepStatus.TRANSITIONS.targets(StepStatus.STOPPED)).isEmpty();
    // a sent step comes back only to be sent again after a bounce (pending while paused)
    assertThat(StepStatus.TRANSITIONS.targets(StepStatus.SENT))
        .containsExactlyInAnyOrder(StepStatus.SCHEDULED, StepStatus.PENDING);
  }

  @Test
  void pendingStep_cannotBeSentWithoutBeingScheduledAndClaimed() {
    Set<StepStatus> fromPending = StepStatus.TRANSITIONS.targets(StepStatus.PENDING);
    assertThat(fromPending).containsExactlyInAnyOrder(StepStatus.SCHEDULED, StepStatus.STOPPED);
    assertThat(StepStatus.TRANSITIONS.allows(StepStatus.SCHEDULED, StepStatus.SENT)).isFalse();
    assertThat(StepStatus.TRANSITIONS.allows(StepStatus.SCHEDULED, StepStatus.IN_FLIGHT)).isTrue();
    assertThat(StepStatus.TRANSITIONS.allows(StepStatus.IN_FLIGHT, StepStatus.SENT)).isTrue();
  }

  @Test
  void refusedTransition_namesTheEntityAndBothStates() {
    assertThatThrownBy(
            () ->
                EnrollmentStatus.TRANSITIONS.transition(
                    "enrollment 42", EnrollmentStatus.COMPLETED, EnrollmentStatus.STARTED))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("illegal transition of enrollment 42 from COMPLETED to STARTED")
        .satisfies(
            e -> {
              IllegalTransitionException ex = (IllegalTransitionException) e;
              assertThat(ex.entity()).isEqualTo("enrollment 42");
              assertThat(ex.from()).isEqualTo("COMPLETED");
              assertThat(ex.to()).isEqualTo("STARTED");
            });
  }

  @Test
  void inFlight_isShownAsScheduled() {
    assertThat(StepStatus.IN_FLIGHT.shown()).isEqualTo(StepStatus.SCHEDULED);
    for (StepStatus s : StepStatus.values()) {
      assertThat(s.shown()).isNotEqualTo(StepStatus.IN_FLIGHT);
    }
  }

  @Test
  void views_splitActiveFromCompletedFromRemoved() {
    assertThat(EnrollmentStatus.PAUSED.view()).isEqualTo(CandidateView.ACTIVE);
    assertThat(EnrollmentStatus.MANUAL_TASK.view()).isEqualTo(CandidateView.ACTIVE);
    assertThat(EnrollmentStatus.BOUNCED.view()).isEqualTo(CandidateView.COMPLETED);
    assertThat(EnrollmentStatus.COMPLETED.view()).isEqualTo(CandidateView.COMPLETED);
    assertThat(EnrollmentStatus.REMOVED.view()).isEqualTo(CandidateView.REMOVED);
  }
}
