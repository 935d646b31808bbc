package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.HolidayCalendar;
import dev.nudge.InvalidInputException;
import dev.nudge.SendingSchedule;
import dev.nudge.Wait;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deterministic jitter that spreads a batch of sends inside their window. */
class SendCalendarJitterTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final SendCalendar calendar =
      new SendCalendar(
          SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)),
          HolidayCalendar.none());

  private static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  private Instant slot(Instant base, Duration maxJitter, long seed) {
    return calendar.slot(base, Wait.none(), BERLIN, maxJitter, seed);
  }

  @Test
  void sameSeed_givesTheSameSlot() {
    Instant base = berlin("2026-06-03T07:00");

    assertThat(slot(base, Duration.ofMinutes(30), 12345L))
        .isEqualTo(slot(base, Duration.ofMinutes(30), 12345L));
  }

  @Test
  void slot_staysInsideTheWindowOfTheNextAllowedInstant() {
    Instant base = berlin("2026-06-03T16:50");
    Instant start = calendar.nextAllowed(base, BERLIN);
    Instant windowEnd = calendar.windowEnd(start, BERLIN);

    for (long seed = 0; seed < 1_000; seed++) {
      Instant slot = slot(base, Duration.ofHours(6), seed);

      assertThat(slot).as("seed %d", seed).isBetween(start, windowEnd.minusMillis(1));
      assertThat(calendar.allows(slot, BERLIN)).as("seed %d", seed).isTrue();
    }
  }

  @Test
  void slot_isNeverLaterThanMaxJitterAfterTheNextAllowedInstant() {
    Instant base = berlin("2026-06-06T10:00");
    Instant start = berlin("2026-06-08T09:00");
    Duration maxJitter = Duration.ofMinutes(10);

    for (long seed = -500; seed < 500; seed++) {
      Instant slot = slot(base, maxJitter, seed);

      assertThat(slot).as("seed %d", seed).isAfterOrEqualTo(start).isBefore(start.plus(maxJitter));
    }
  }

  @Test
  void differentSeeds_spreadOverTheJitterSpan() {
    Instant base = berlin("2026-06-03T10:00");
    Duration maxJitter = Duration.ofMinutes(20);
    Set<Instant> slots = new HashSet<>();
    Instant earliest = Instant.MAX;
    Instant latest = Instant.MIN;

    for (long seed = 1; seed <= 200; seed++) {
      Instant slot = slot(base, maxJitter, seed);
      slots.add(slot);
      earliest = slot.isBefore(earliest) ? slot : earliest;
      latest = slot.isAfter(latest) ? slot : latest;
    }

    assertThat(slots).hasSizeGreaterThan(190);
    assertThat(earliest).isBefore(base.plus(Duration.ofMinutes(2)));
    assertThat(latest).isAfter(base.plus(Duration.ofMinutes(18)));
  }

  @Test
  void zeroJitter_givesTheNextAllowedInstant() {
    assertThat(slot(berlin("2026-06-03T07:00"), Duration.ZERO, 99L))
        .isEqualTo(berlin("2026-06-03T09:00"));
  }

  @Test
  void slot_appliesTheWaitBeforeTheJitter() {
    Instant slot =
        calendar.slot(
            berlin("2026-06-05T10:00"), Wait.businessDays(1), BERLIN, Duration.ofMinutes(5), 7L);

    assertThat(slot).isBetween(berlin("2026-06-08T10:00"), berlin("2026-06-08T10:05"));
  }

  @Test
  void negativeJitter_isRefused() {
    assertThatThrownBy(() -> slot(berlin("2026-06-03T07:00"), Duration.ofSeconds(-1), 1L))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("maxJitter"));
  }

  @Test
  void spreadFromJustBeforeTheWindowCloses_goesOnInTheNextWindow_overSendingTimeOnly() {
    // Friday 16:55: five minutes of the window are left, the next window opens Monday 09:00
    Instant base = berlin("2026-06-05T16:55");
    Instant friday5pm = berlin("2026-06-05T17:00");
    Instant monday9am = berlin("2026-06-08T09:00");
    int friday = 0;

    for (long seed = 0; seed < 1_000; seed++) {
      Instant at = calendar.spread(base, BERLIN, Duration.ofMinutes(30), seed);

      assertThat(calendar.allows(at, BERLIN)).as("seed %d: %s", seed, at).isTrue();
      if (at.isBefore(friday5pm)) {
        assertThat(at).as("seed %d", seed).isAfterOrEqualTo(base);
        friday++;
      } else {
        assertThat(at).as("seed %d", seed).isBetween(monday9am, berlin("2026-06-08T09:24:59.999"));
      }
    }
    // five of the thirty minutes of sending time are on Friday: about one in six
    assertThat(friday).isBetween(120, 220);
  }
}
