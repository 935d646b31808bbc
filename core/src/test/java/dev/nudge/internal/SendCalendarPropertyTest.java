package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.nudge.HolidayCalendar;
import dev.nudge.SendingSchedule;
import dev.nudge.TimeRange;
import dev.nudge.Wait;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random schedules, holidays, zones and instants: the next allowed instant is allowed, not before
 * the given instant, and no earlier instant in between is allowed. Replay a failure with {@code mvn
 * -pl core test -Dtest=SendCalendarPropertyTest -Dcalendar.seed=<seed from the message>}.
 */
class SendCalendarPropertyTest {

  private static final int CASES = 2_000;
  private static final long DEFAULT_SEED = 20_260_308L;
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("America/New_York"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("Asia/Kathmandu"),
          ZoneId.of("UTC"),
          ZoneId.of("Europe/London"),
          ZoneId.of("America/Santiago"));
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2028-01-01T00:00:00Z");
  private static final Duration STEADY_MARGIN = Duration.ofHours(30);

  @Test
  void nextAllowed_isTheEarliestAllowedInstantAtOrAfterT() {
    long seed = Long.getLong("calendar.seed", DEFAULT_SEED);
    Random random = new Random(seed);

    for (int i = 0; i < CASES; i++) {
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      Instant t = randomInstant(random, zone);
      SendingSchedule schedule = randomSchedule(random, zone, t);
      HolidayCalendar holidays = randomHolidays(random, LocalDate.ofInstant(t, zone));
      String replay =
          String.format(
              "replay with -Dcalendar.seed=%d, case %d: zone %s, t %s, schedule %s, holidays %s",
              seed, i, zone, t, schedule.ranges(), holidays.holidays());
      SendCalendar calendar = new SendCalendar(schedule, holidays);
      Duration maxJitter = Duration.ofSeconds(random.nextInt(3_600));
      long jitterSeed = random.nextLong();

      try {
        checkNextAllowed(calendar, schedule, holidays, zone, t, replay);
        checkSlot(calendar, zone, t, maxJitter, jitterSeed, replay);
      } catch (RuntimeException e) {
        throw new AssertionError(replay, e);
      }
    }
  }

  private static void checkNextAllowed(
      SendCalendar calendar,
      SendingSchedule schedule,
      HolidayCalendar holidays,
      ZoneId zone,
      Instant t,
      String replay) {
    Instant next = calendar.nextAllowed(t, zone);
    List<ZoneOffsetTransition> transitions = transitionsAround(zone, t, next);

    assertThat(next).as(replay).isAfterOrEqualTo(t);
    assertThat(calendar.allows(next, zone)).as(replay).isTrue();
    assertThat(calendar.windowEnd(next, zone)).as(replay).isAfter(next);
    checkAgainstWallClock(schedule, holidays, zone, next, true, transitions, replay);

    // Every window boundary falls on a whole minute (offsets and ranges are whole minutes), so
    // checking t and each whole minute before next finds any earlier allowed instant.
    for (Instant m = t; m.isBefore(next); m = m.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60)) {
      if (calendar.allows(m, zone)) {
        fail(replay + ": " + m + " is allowed, before next allowed " + next);
      }
      checkAgainstWallClock(schedule, holidays, zone, m, false, transitions, replay);
    }
    // both passes of a repeated hour nearby, every five minutes
    for (ZoneOffsetTransition back : transitions) {
      if (back.isOverlap()) {
        Duration repeated = back.getDuration().negated();
        Instant to = back.getInstant().plus(repeated);
        for (Instant m = back.getInstant().minus(repeated);
            m.isBefore(to);
            m = m.plusSeconds(300)) {
          checkAgainstWallClock(
              schedule, holidays, zone, m, calendar.allows(m, zone), transitions, replay);
        }
      }
    }
  }

  private static void checkSlot(
      SendCalendar calendar,
      ZoneId zone,
      Instant t,
      Duration maxJitter,
      long jitterSeed,
      String replay) {
    Instant start = calendar.nextAllowed(t, zone);
    Instant slot = calendar.slot(t, Wait.none(), zone, maxJitter, jitterSeed);

    assertThat(slot).as(replay).isAfterOrEqualTo(start);
    assertThat(slot).as(replay).isBefore(calendar.windowEnd(start, zone));
    assertThat(Duration.between(start, slot)).as(replay).isLessThanOrEqualTo(maxJitter);
    assertThat(calendar.allows(slot, zone)).as(replay).isTrue();
  }

  /**
   * An instant is allowed exactly when its local date is not a holiday and its local time lies in
   * one of that day's ranges, with one exception on the night the clocks go back: during the second
   * pass of the repeated hour, a range that lies inside that hour is closed (it was used on the
   * first pass). An oracle independent of the window arithmetic; near a spring-forward gap, where a
   * range's start or end may not exist, it says nothing.
   */
  private static void checkAgainstWallClock(
      SendingSchedule schedule,
      HolidayCalendar holidays,
      ZoneId zone,
      Instant instant,
      boolean expected,
      List<ZoneOffsetTransition> transitions,
      String replay) {
    for (ZoneOffsetTransition transition : transitions) {
      if (transition.isGap()
          && Duration.between(transition.getInstant(), instant).abs().compareTo(STEADY_MARGIN)
              < 0) {
        return;
      }
    }
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    ZoneOffsetTransition repeated = zone.getRules().getTransition(local);
    boolean secondPass =
        repeated != null && repeated.getOffsetAfter().equals(zone.getRules().getOffset(instant));
    boolean inRange = false;
    for (TimeRange range : schedule.rangesOn(local.getDayOfWeek())) {
      LocalTime time = local.toLocalTime();
      LocalDateTime end =
          range.untilEndOfDay()
              ? local.toLocalDate().plusDays(1).atStartOfDay()
              : local.toLocalDate().atTime(range.end());
      boolean usedOnFirstPass =
          secondPass
              && !local.toLocalDate().atTime(range.start()).isBefore(repeated.getDateTimeAfter())
              && end.isBefore(repeated.getDateTimeBefore());
      inRange |=
          !time.isBefore(range.start())
              && (range.untilEndOfDay() || time.isBefore(range.end()))
              && !usedOnFirstPass;
    }
    if (expected != (inRange && !holidays.isHoliday(local.toLocalDate()))) {
      fail(
          replay
              + ": the calendar "
              + (expected ? "allows " : "refuses ")
              + instant
              + " but the wall clock ("
              + local
              + (secondPass ? ", second pass" : "")
              + ") says otherwise");
    }
  }

  private static List<ZoneOffsetTransition> transitionsAround(
      ZoneId zone, Instant from, Instant to) {
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    ZoneOffsetTransition transition = zone.getRules().nextTransition(from.minus(STEADY_MARGIN));
    while (transition != null && transition.getInstant().isBefore(to.plus(STEADY_MARGIN))) {
      transitions.add(transition);
      transition = zone.getRules().nextTransition(transition.getInstant());
    }
    return transitions;
  }

  /**
   * One to seven days with one to three ranges each, often touching the night-time DST hours; when
   * the clocks go back within three days of {@code t}, often also a range or two that start or end
   * at, or a minute or a quarter or half an hour from, either end of the repeated hour.
   */
  private static SendingSchedule randomSchedule(Random random, ZoneId zone, Instant t) {
    SendingSchedule.Builder builder = SendingSchedule.builder();
    ZoneOffsetTransition back = zone.getRules().nextTransition(t.minus(Duration.ofDays(3)));
    if (back != null
        && back.isOverlap()
        && back.getInstant().isBefore(t.plus(Duration.ofDays(3)))
        && random.nextInt(3) > 0) {
      for (int r = 1 + random.nextInt(2); r > 0; r--) {
        addRangeAround(builder, back, random);
      }
    }
    boolean any = false;
    for (DayOfWeek day : DayOfWeek.values()) {
      if (random.nextInt(100) < 55) {
        int ranges = 1 + random.nextInt(3);
        for (int r = 0; r < ranges; r++) {
          addRandomRange(builder, day, random);
        }
        any = true;
      }
    }
    if (!any) {
      addRandomRange(builder, DayOfWeek.of(1 + random.nextInt(7)), random);
    }
    return builder.build();
  }

  /** A range on the day the clocks go back, with a bound near one end of the repeated hour. */
  private static void addRangeAround(
      SendingSchedule.Builder builder, ZoneOffsetTransition back, Random r) {
    LocalDateTime from = back.getDateTimeAfter();
    LocalDateTime to = back.getDateTimeBefore();
    int day = 24 * 60;
    // minutes from the start of the day the repeated hour begins; its end may be the next day's
    int[] anchors = {
      from.getHour() * 60 + from.getMinute(),
      (to.toLocalDate().isAfter(from.toLocalDate()) ? day : 0) + to.getHour() * 60 + to.getMinute()
    };
    int[] shifts = {0, 0, 1, -1, 15, -15, 30, -30};
    int start = anchors[r.nextInt(2)] + shifts[r.nextInt(shifts.length)];
    int end =
        r.nextBoolean()
            ? anchors[r.nextInt(2)] + shifts[r.nextInt(shifts.length)]
            : start + 1 + r.nextInt(180);
    start = Math.max(0, Math.min(day - 1, start));
    end = Math.max(start + 1, Math.min(day, end));
    builder.on(
        from.getDayOfWeek(),
        LocalTime.of(start / 60, start % 60),
        end == day ? LocalTime.MIDNIGHT : LocalTime.of(end / 60, end % 60));
  }

  private static void addRandomRange(SendingSchedule.Builder builder, DayOfWeek day, Random r) {
    int start =
        switch (r.nextInt(10)) {
          case 0 -> 0;
          case 1, 2, 3 -> r.nextInt(4 * 60);
          default -> r.nextInt(24 * 60);
        };
    int end = start + 1 + (r.nextBoolean() ? r.nextInt(90) : r.nextInt(12 * 60));
    LocalTime to = end >= 24 * 60 ? LocalTime.MIDNIGHT : LocalTime.of(end / 60, end % 60);
    builder.on(day, LocalTime.of(start / 60, start % 60), to);
  }

  /** Scattered holidays over the two years, sometimes a block of them right after {@code near}. */
  private static HolidayCalendar randomHolidays(Random random, LocalDate near) {
    List<LocalDate> dates = new ArrayList<>();
    int scattered = random.nextInt(40);
    for (int i = 0; i < scattered; i++) {
      dates.add(LocalDate.of(2026, 1, 1).plusDays(random.nextInt(760)));
    }
    if (random.nextInt(4) == 0) {
      int block = 1 + random.nextInt(10);
      for (int i = 0; i < block; i++) {
        dates.add(near.plusDays(i));
      }
    }
    Set<DayOfWeek> weekend = EnumSet.noneOf(DayOfWeek.class);
    if (random.nextBoolean()) {
      weekend.add(DayOfWeek.SATURDAY);
      weekend.add(DayOfWeek.SUNDAY);
    }
    return new HolidayCalendar(weekend, Set.copyOf(dates));
  }

  /** Uniform over 2026-2027, or within a day and a half of one of the zone's offset changes. */
  private static Instant randomInstant(Random random, ZoneId zone) {
    long span = Duration.between(FROM, UNTIL).toSeconds();
    Instant uniform = FROM.plusSeconds(Math.floorMod(random.nextLong(), span));
    ZoneOffsetTransition transition = zone.getRules().nextTransition(uniform);
    Instant t = uniform;
    if (random.nextInt(10) < 4 && transition != null && transition.getInstant().isBefore(UNTIL)) {
      t = transition.getInstant().plusSeconds(random.nextInt(3 * 86_400) - 129_600L);
    }
    return random.nextBoolean() ? t : t.plusMillis(random.nextInt(1_000));
  }
}
