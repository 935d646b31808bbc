package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.CampaignEvent;
import dev.nudge.CampaignStatus;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.IllegalTransitionException;
import dev.nudge.StepStatus;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Campaign lifecycle [S3], start [S8], pause and resume [S15], archive. */
class CampaignLifecycleTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void newCampaign_isNotStarted_andItsCandidatesWaitWithPendingSteps() {
    Campaign c = f.create(Fixture.definition());
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    assertThat(c.status()).isEqualTo(CampaignStatus.NOT_STARTED);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.NOT_STARTED);
    assertThat(f.enrollment(id).steps()).allMatch(s -> s.status() == StepStatus.PENDING);
    assertThat(f.run().processed()).isZero();
    assertThat(f.transport.sent()).isEmpty();
  }

  @Test
  void startingCampaign_startsEveryCandidate_andSchedulesStepOneAtTheFirstAllowedTime() {
    // given a campaign created on Saturday, outside its Monday–Friday 09:00–17:00 window
    f.clock.set(Instant.parse("2026-03-07T15:00:00Z"));
    Campaign c = f.create(Fixture.definition());
    EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
    EnrollmentId alan = f.enroll(c.id(), "Alan Turing");

    // when
    Campaign started = f.nudge.startCampaign(c.id());

    // then: Monday 09:00 New York (EDT from 8 March) = 13:00Z
    assertThat(started.status()).isEqualTo(CampaignStatus.STARTED);
    assertThat(started.startedAt()).isEqualTo(Instant.parse("2026-03-07T15:00:00Z"));
    for (EnrollmentId id : new EnrollmentId[] {ada, alan}) {
      assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
      assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
      assertThat(f.step(id, 1).scheduledAt()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
      assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.PENDING);
    }
  }

  @Test
  void enrollingIntoStartedCampaign_schedulesStepOneRightAway() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.step(id, 1).scheduledAt()).isEqualTo(Fixture.MONDAY_9AM_NY);
  }

  @Test
  void pausingCampaign_turnsScheduledStepsPending_andNothingIsSent() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    f.nudge.pauseCampaign(c.id());
    f.advance(Duration.ofDays(3));

    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.PENDING);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.transport.sent()).isEmpty();
  }

  @Test
  void enrollingIntoPausedCampaign_leavesStepOnePendingUntilResumed() {
    Campaign c = f.startedCampaign();
    f.nudge.pauseCampaign(c.id());
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.PENDING);
    f.nudge.resumeCampaign(c.id());
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
  }

  @Test
  void resumingCampaign_reschedulesFromNow_neverInThePast() {
    // given step 2 planned for Wednesday, paused on Monday, resumed the next Monday
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    Instant planned = f.step(id, 2).scheduledAt();
    f.nudge.pauseCampaign(c.id());
    f.clock.set(Instant.parse("2026-03-09T15:00:00Z"));

    // when
    f.nudge.resumeCampaign(c.id());

    // then it is due now, not back on Wednesday
    assertThat(planned).isEqualTo(Instant.parse("2026-03-04T14:00:00Z"));
    assertThat(f.step(id, 2).scheduledAt()).isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
  }

  @Test
  void resumingCampaign_keepsAPlannedTimeThatIsStillAhead() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    Instant planned = f.step(id, 2).scheduledAt();

    f.nudge.pauseCampaign(c.id());
    f.clock.advance(Duration.ofHours(2));
    f.nudge.resumeCampaign(c.id());

    assertThat(f.step(id, 2).scheduledAt()).isEqualTo(planned);
  }

  @Test
  void archivingCampaign_completesActiveCandidates_andStopsTheirSteps() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    Campaign archived = f.nudge.archiveCampaign(c.id());

    assertThat(archived.status()).isEqualTo(CampaignStatus.ARCHIVED);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.ARCHIVED);
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.STOPPED);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.STOPPED);
  }

  @Test
  void archivedCampaign_refusesEnrollmentAndEveryFurtherTransition() {
    Campaign c = f.create(Fixture.definition());
    f.nudge.archiveCampaign(c.id());

    assertThatThrownBy(() -> f.nudge.enroll(c.id(), candidate("Ada Lovelace").build()))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(c.id().toString());
    assertThatThrownBy(() -> f.nudge.startCampaign(c.id()))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("campaign " + c.id())
        .hasMessageContaining("from ARCHIVED to STARTED");
  }

  @Test
  void illegalCampaignTransitions_areRefusedNamingCampaignAndBothStates() {
    Campaign c = f.create(Fixture.definition());

    assertThatThrownBy(() -> f.nudge.pauseCampaign(c.id()))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(c.id().toString())
        .hasMessageContaining("from NOT_STARTED to PAUSED");
    assertThatThrownBy(() -> f.nudge.resumeCampaign(c.id()))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("NOT_STARTED");
    f.nudge.archiveCampaign(c.id());
    assertThatThrownBy(() -> f.nudge.startCampaign(c.id()))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("from ARCHIVED to STARTED");
    assertThatThrownBy(() -> f.nudge.resumeCampaign(c.id()))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("ARCHIVED");
  }

  @Test
  void startingAStartedCampaign_orPausingAPausedOne_changesNothing() {
    Campaign c = f.create(Fixture.definition());
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    Campaign started = f.nudge.startCampaign(c.id());
    int events = f.events.events().size();

    assertThat(f.nudge.startCampaign(c.id())).isEqualTo(started);
    assertThat(f.nudge.resumeCampaign(c.id())).isEqualTo(started);
    assertThat(f.events.events()).hasSize(events);
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);

    Campaign paused = f.nudge.pauseCampaign(c.id());
    assertThat(f.nudge.pauseCampaign(c.id())).isEqualTo(paused);
    assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
  }

  @Test
  void everyCampaignTransition_isPublishedAsAnEvent() {
    Campaign c = f.create(Fixture.definition());
    f.nudge.startCampaign(c.id());
    f.nudge.pauseCampaign(c.id());
    f.nudge.resumeCampaign(c.id());
    f.nudge.archiveCampaign(c.id());

    assertThat(f.events.events())
        .filteredOn(e -> e instanceof CampaignEvent)
        .map(e -> ((CampaignEvent) e).from() + "->" + ((CampaignEvent) e).to())
        .containsExactly(
            "NOT_STARTED->STARTED", "STARTED->PAUSED", "PAUSED->STARTED", "STARTED->ARCHIVED");
  }

  @Test
  void resumingAfterALongPause_spreadsTheOverdueSteps_insteadOfABurst() {
    try (Fixture spread = spreadingOverHalfAnHour()) {
      Campaign c = spread.startedCampaign();
      List<EnrollmentId> ids = twentySentThenPaused(spread, c);
      Instant resumeAt = Instant.parse("2026-03-09T15:00:00Z");
      spread.clock.set(resumeAt);

      spread.nudge.resumeCampaign(c.id());

      List<Instant> times = ids.stream().map(id -> spread.step(id, 2).scheduledAt()).toList();
      assertThat(times)
          .allSatisfy(
              t -> assertThat(t).isBetween(resumeAt, resumeAt.plus(Duration.ofMinutes(30))));
      assertThat(times.stream().distinct().count()).isGreaterThan(15);
    }
  }

  @Test
  void resumingTenSecondsBeforeTheWindowCloses_spreadsTheOverdueSteps_intoTheNextWindow() {
    try (Fixture spread = spreadingOverHalfAnHour()) {
      // given 20 candidates whose step 2 was due on Wednesday 09:00 while the campaign was paused
      Campaign c = spread.startedCampaign();
      List<EnrollmentId> ids = twentySentThenPaused(spread, c);
      // Wednesday 11 March 2026, 16:59:50 New York (EDT): ten seconds of the window are left
      Instant resumeAt = Instant.parse("2026-03-11T20:59:50Z");
      Instant windowEnd = Instant.parse("2026-03-11T21:00:00Z");
      Instant thursday9am = Instant.parse("2026-03-12T13:00:00Z");
      spread.clock.set(resumeAt);

      // when
      spread.nudge.resumeCampaign(c.id());

      // then: spread over 30 minutes of sending time (the last ten seconds of Wednesday, then
      // Thursday from 09:00), not all 20 in the ten seconds before 17:00
      List<Instant> times = ids.stream().map(id -> spread.step(id, 2).scheduledAt()).toList();
      assertThat(times)
          .allSatisfy(
              t ->
                  assertThat(
                          (!t.isBefore(resumeAt) && t.isBefore(windowEnd))
                              || (!t.isBefore(thursday9am)
                                  && t.isBefore(thursday9am.plus(Duration.ofMinutes(30)))))
                      .as("%s lies in the 30 minutes of sending time after the resume", t)
                      .isTrue());
      assertThat(times).filteredOn(t -> t.isBefore(windowEnd)).hasSizeLessThanOrEqualTo(2);
      assertThat(times.stream().distinct().count()).isGreaterThan(15);
    }
  }

  /** A fixture whose resume spreads overdue steps over 30 minutes. */
  private static Fixture spreadingOverHalfAnHour() {
    return new Fixture(
        Fixture.MONDAY_9AM_NY,
        dev.nudge.Tuning.builder().resumeSpread(Duration.ofMinutes(30)).build(),
        new dev.nudge.memory.InMemoryStore());
  }

  /** Twenty candidates enrolled in the campaign, their first step sent, the campaign paused. */
  private static List<EnrollmentId> twentySentThenPaused(Fixture f, Campaign c) {
    List<EnrollmentId> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(f.enroll(c.id(), "Candidate " + i));
    }
    f.run();
    f.nudge.pauseCampaign(c.id());
    return ids;
  }
}
