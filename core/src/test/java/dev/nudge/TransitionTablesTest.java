package dev.nudge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.spi.store.StepState;
import java.util.EnumSet;
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
  void terminalEnrollmentStatuses_leadNowhere_butCompleted() {
    for (EnrollmentStatus s : EnrollmentStatus.values()) {
      assertThat(EnrollmentStatus.TRANSITIONS.targets(s).isEmpty())
          .isEqualTo(s.isTerminal() && s != EnrollmentStatus.COMPLETED);
    }
  }

  @Test
  void completed_leadsOnlyToStartedOrBounced_forALastEmailBouncingAfterTheEnd() {
    // the engine takes these only from reason FINISHED [S10]
    assertThat(EnrollmentStatus.TRANSITIONS.targets(EnrollmentStatus.COMPLETED))
        .containsExactlyInAnyOrder(EnrollmentStatus.STARTED, EnrollmentStatus.BOUNCED);
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
    assertThat(StepState.TRANSITIONS.targets(StepState.STOPPED)).isEmpty();
    // a sent step comes back only to be sent again after a bounce (pending while paused)
    assertThat(StepState.TRANSITIONS.targets(StepState.SENT))
        .containsExactlyInAnyOrder(StepState.SCHEDULED, StepState.PENDING);
  }

  @Test
  void pendingStep_isHandedOverOnlyThroughAClaim_andMarkedSentOnlyByAnAnswer() {
    // nothing reaches IN_FLIGHT (handed to the transport) without being SCHEDULED and claimed
    assertThat(StepState.TRANSITIONS.allows(StepState.PENDING, StepState.IN_FLIGHT)).isFalse();
    assertThat(StepState.TRANSITIONS.allows(StepState.SCHEDULED, StepState.IN_FLIGHT)).isTrue();
    assertThat(StepState.TRANSITIONS.allows(StepState.IN_FLIGHT, StepState.SENT)).isTrue();
    // SENT straight from PENDING or SCHEDULED: a resend (resend policy) waits for an attempt
    // taken over as unknown, and that attempt's "accepted" arrives; nothing is sent for it
    assertThat(StepState.TRANSITIONS.targets(StepState.PENDING))
        .containsExactlyInAnyOrder(StepState.SCHEDULED, StepState.STOPPED, StepState.SENT);
    assertThat(StepState.TRANSITIONS.allows(StepState.SCHEDULED, StepState.SENT)).isTrue();
  }

  @Test
  void refusedTransition_namesTheEntityAndBothStates() {
    assertThatThrownBy(
            () ->
                EnrollmentStatus.TRANSITIONS.transition(
                    "enrollment 42", EnrollmentStatus.REMOVED, EnrollmentStatus.STARTED))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("illegal transition of enrollment 42 from REMOVED to STARTED")
        .satisfies(
            e -> {
              IllegalTransitionException ex = (IllegalTransitionException) e;
              assertThat(ex.entity()).isEqualTo("enrollment 42");
              assertThat(ex.from()).isEqualTo("REMOVED");
              assertThat(ex.to()).isEqualTo("STARTED");
            });
  }

  @Test
  void inFlight_isShownAsScheduled_andUsersNeverSeeIt() {
    assertThat(StepState.IN_FLIGHT.shown()).isEqualTo(StepStatus.SCHEDULED);
    for (StepState s : StepState.values()) {
      assertThat(s.shown().name()).isNotEqualTo("IN_FLIGHT");
    }
    assertThat(StepStatus.values()).extracting(Enum::name).doesNotContain("IN_FLIGHT");
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
