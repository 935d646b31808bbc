package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.EnrollmentId;
import dev.nudge.SendingSchedule;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.StepState;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.InterceptingStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * [S17] An email leaves only while its sending window is open at the moment it is handed to the
 * transport, not only at the moment its step was decided: whatever delays the hand-over (a slow
 * store, slow sends before it in the batch, decisions taken again after a concurrent change) cannot
 * carry it past the window's end. The fixture's campaign sends Monday to Friday, 09:00 to 17:00 New
 * York.
 */
class SendingWindowAtHandOverTest {
  private final InterceptingStore store = new InterceptingStore();

  @Test
  void aStepDueJustBeforeTheWindowCloses_whoseInFlightRecordTakesFiveMinutes_waitsForTomorrow() {
    try (Fixture f = fixture()) {
      List<Instant> handedOver = handOvers(f, Duration.ZERO);
      Campaign c = f.startedCampaign();
      f.clock.set(newYork("2026-03-02T16:59:30"));
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      store.beforeCommit(
          SendingWindowAtHandOverTest::recordsInFlight,
          changes -> f.clock.advance(Duration.ofMinutes(5)));

      f.run();

      assertThat(handedOver).isEmpty();
      assertThat(f.step(ada, 1).state()).isEqualTo(StepState.SCHEDULED);
      assertThat(f.step(ada, 1).scheduledAt()).isEqualTo(newYork("2026-03-03T09:00:00"));
    }
  }

  @Test
  void aBatchWhoseInFlightRecordTakesFiveMinutes_waitsForTomorrow() {
    try (Fixture f = fixture()) {
      List<Instant> handedOver = handOvers(f, Duration.ZERO);
      Campaign c = f.startedCampaign();
      f.clock.set(newYork("2026-03-02T16:59:30"));
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      f.enroll(c.id(), "Bob Builder");
      store.beforeCommit(
          SendingWindowAtHandOverTest::recordsInFlight,
          changes -> f.clock.advance(Duration.ofMinutes(5)));

      f.run();

      assertThat(handedOver).isEmpty();
      assertThat(f.step(ada, 1).scheduledAt()).isEqualTo(newYork("2026-03-03T09:00:00"));
    }
  }

  @Test
  void aBatchDecidedAgainOneByOneAfterConcurrentChanges_decidesEachAtItsOwnTime() {
    try (Fixture f = fixture()) {
      // a slow SMTP server: each send takes two minutes
      List<Instant> handedOver = handOvers(f, Duration.ofMinutes(2));
      Campaign c = f.startedCampaign();
      f.clock.set(newYork("2026-03-02T16:59:00"));
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      EnrollmentId bob = f.enroll(c.id(), "Bob Builder");
      EnrollmentId cleo = f.enroll(c.id(), "Cleo Patra");
      // the user pauses and resumes one of the batch's candidates while the batch records its
      // sends in flight, twice: the batch falls back to one enrollment at a time
      for (int i = 0; i < 2; i++) {
        store.beforeCommit(
            changes -> changes.updatedEnrollments().size() > 1 && recordsInFlight(changes),
            changes -> {
              f.nudge.pauseCandidate(cleo);
              f.nudge.resumeCandidate(cleo);
            });
      }

      f.run();

      // the first send takes the window's last minute; the others wait for Tuesday morning
      assertThat(handedOver).containsExactly(newYork("2026-03-02T16:59:00"));
      List<EnrollmentId> waiting =
          Stream.of(ada, bob, cleo)
              .filter(id -> f.step(id, 1).status() != StepStatus.SENT)
              .toList();
      assertThat(waiting).hasSize(2);
      assertThat(waiting)
          .allSatisfy(
              id ->
                  assertThat(f.step(id, 1).scheduledAt())
                      .isAfterOrEqualTo(newYork("2026-03-03T09:00:00")));
    }
  }

  @Test
  void theSendsOfABatch_stopAtTheWindowsEnd_evenWithinASecondOfTheDecision() {
    try (Fixture f = fixture()) {
      List<Instant> handedOver = handOvers(f, Duration.ofMillis(400));
      Campaign c = f.startedCampaign();
      f.clock.set(newYork("2026-03-02T16:59:59.500"));
      for (int i = 0; i < 3; i++) {
        f.enroll(c.id(), "Candidate " + i);
      }

      f.run();

      assertThat(handedOver)
          .containsExactly(newYork("2026-03-02T16:59:59.500"), newYork("2026-03-02T16:59:59.900"));
    }
  }

  @Test
  void anEngineDownFromFridayAfternoonToSunday3am_sendsOnMondayMorning() {
    try (Fixture f = fixture()) {
      List<Instant> handedOver = handOvers(f, Duration.ZERO);
      Campaign c = f.startedCampaign();
      f.clock.set(newYork("2026-03-06T16:00:00"));
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");

      f.at(newYork("2026-03-08T03:00:00"));

      assertThat(handedOver).isEmpty();
      assertThat(f.step(ada, 1).scheduledAt()).isEqualTo(newYork("2026-03-09T09:00:00"));

      f.at(newYork("2026-03-09T09:00:00"));

      assertThat(handedOver).containsExactly(newYork("2026-03-09T09:00:00"));
    }
  }

  @Test
  void aWindowStartingInTheRepeatedHour_isClosedWhenTheClocksGoBackToBeforeItsStart() {
    try (Fixture f = new Fixture()) {
      List<Instant> handedOver = handOvers(f, Duration.ZERO);
      SendingSchedule nights =
          SendingSchedule.builder()
              .on(EnumSet.allOf(DayOfWeek.class), LocalTime.of(1, 30), LocalTime.of(9, 0))
              .build();
      Campaign c = f.startedCampaign(d -> d.schedule(nights));
      // New York repeats 01:00 to 02:00 on 1 November 2026; 06:10Z is the second 01:10
      Instant second0110 = Instant.parse("2026-11-01T06:10:00Z");
      f.clock.set(second0110);
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");

      f.run();

      assertThat(handedOver).isEmpty();
      assertThat(f.step(ada, 1).scheduledAt()).isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
    }
  }

  private Fixture fixture() {
    return new Fixture(
        Fixture.MONDAY_9AM_NY, Tuning.builder().resumeSpread(Duration.ZERO).build(), store);
  }

  private static Instant newYork(String local) {
    return LocalDateTime.parse(local).atZone(Fixture.NEW_YORK).toInstant();
  }

  /** The clock's time at each hand-over to the transport, each of which takes {@code takes}. */
  private static List<Instant> handOvers(Fixture f, Duration takes) {
    List<Instant> times = Collections.synchronizedList(new ArrayList<>());
    f.transport.answerWith(
        m -> {
          times.add(f.clock.instant());
          f.clock.advance(takes);
          return SendResult.accepted();
        });
    return times;
  }

  private static boolean recordsInFlight(Changes changes) {
    return changes.updatedEnrollments().stream()
        .anyMatch(u -> u.next().step(1).state() == StepState.IN_FLIGHT);
  }
}
