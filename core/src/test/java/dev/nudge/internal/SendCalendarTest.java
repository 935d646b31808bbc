package dev.nudge.internal;

import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.HolidayCalendar;
import dev.nudge.SendingSchedule;
import dev.nudge.Wait;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sending windows, holidays and business days away from daylight-saving changes. */
class SendCalendarTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final SendingSchedule OFFICE_HOURS =
      SendingSchedule.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0));
  // Week of 2026-05-18: Thursday the 21st, Friday the 22nd, Monday the 25th (Memorial Day).
  private static final LocalDate MEMORIAL_DAY = LocalDate.of(2026, 5, 25);

  private final SendCalendar officeHours = new SendCalendar(OFFICE_HOURS, HolidayCalendar.none());
  private final SendCalendar officeHoursMemorialDayOff =
      new SendCalendar(OFFICE_HOURS, HolidayCalendar.of(MEMORIAL_DAY));

  /** The instant of a New York local date-time, e.g. {@code "2026-05-22T18:00"}. */
  private static Instant ny(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
  }

  @Test
  void stepDueOnSaturday_movesToMonday() {
    assertThat(officeHours.nextAllowed(ny("2026-05-23T10:00"), NEW_YORK))
        .isEqualTo(ny("2026-05-25T09:00"));
  }

  @Test
  void timeInsideTheWindow_isReturnedUnchanged() {
    Instant t = ny("2026-05-20T10:30:15.123");

    assertThat(officeHours.allows(t, NEW_YORK)).isTrue();
    assertThat(officeHours.nextAllowed(t, NEW_YORK)).isEqualTo(t);
  }

  @Test
  void timeBeforeTodaysWindow_movesToItsOpening() {
    assertThat(officeHours.nextAllowed(ny("2026-05-20T07:00"), NEW_YORK))
        .isEqualTo(ny("2026-05-20T09:00"));
  }

  @Test
  void timeAfterTodaysWindow_movesToTomorrowsOpening() {
    assertThat(officeHours.nextAllowed(ny("2026-05-20T17:30"), NEW_YORK))
        .isEqualTo(ny("2026-05-21T09:00"));
  }

  @Test
  void windowEnd_isExclusive() {
    assertThat(officeHours.allows(ny("2026-05-20T16:59:59.999"), NEW_YORK)).isTrue();
    assertThat(officeHours.allows(ny("2026-05-20T17:00"), NEW_YORK)).isFalse();
    assertThat(officeHours.nextAllowed(ny("2026-05-22T17:00"), NEW_YORK))
        .isEqualTo(ny("2026-05-25T09:00"));
  }

  @Test
  void severalRangesOnOneDay_gapBetweenThemMovesToTheNextRange() {
    // given
    EnumSet<DayOfWeek> weekdays = EnumSet.range(MONDAY, DayOfWeek.FRIDAY);
    SendCalendar calendar =
        new SendCalendar(
            SendingSchedule.builder()
                .on(weekdays, LocalTime.of(9, 0), LocalTime.of(12, 0))
                .on(weekdays, LocalTime.of(14, 0), LocalTime.of(17, 0))
                .build(),
            HolidayCalendar.none());

    // when
    Instant next = calendar.nextAllowed(ny("2026-05-20T12:30"), NEW_YORK);

    // then
    assertThat(next).isEqualTo(ny("2026-05-20T14:00"));
    assertThat(calendar.allows(ny("2026-05-20T12:30"), NEW_YORK)).isFalse();
    assertThat(calendar.windowEnd(ny("2026-05-20T10:00"), NEW_YORK))
        .isEqualTo(ny("2026-05-20T12:00"));
    assertThat(calendar.windowEnd(next, NEW_YORK)).isEqualTo(ny("2026-05-20T17:00"));
  }

  @Test
  void always_allowsEverything() {
    SendCalendar calendar = new SendCalendar(SendingSchedule.always(), HolidayCalendar.none());
    Random random = new Random(17);

    for (int i = 0; i < 1_000; i++) {
      Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(63_072_000));
      assertThat(calendar.allows(t, NEW_YORK)).as("%s", t).isTrue();
      assertThat(calendar.nextAllowed(t, NEW_YORK)).isEqualTo(t);
      assertThat(calendar.windowEnd(t, NEW_YORK)).isEqualTo(calendar.startOfNextDay(t, NEW_YORK));
    }
  }

  @Test
  void scheduledWeekendDay_isAllowedBecauseOnlyHolidaysAreExcluded() {
    SendCalendar calendar = new SendCalendar(SendingSchedule.always(), HolidayCalendar.none());

    assertThat(calendar.allows(ny("2026-05-23T10:00"), NEW_YORK)).isTrue();
  }

  @Test
  void holiday_isExcludedEvenFromAnAlwaysSchedule() {
    SendCalendar calendar =
        new SendCalendar(SendingSchedule.always(), HolidayCalendar.of(MEMORIAL_DAY));

    assertThat(calendar.allows(ny("2026-05-25T10:00"), NEW_YORK)).isFalse();
    assertThat(calendar.nextAllowed(ny("2026-05-25T10:00"), NEW_YORK))
        .isEqualTo(ny("2026-05-26T00:00"));
  }

  @Test
  void sendDueFridayEvening_withMondayHoliday_movesToTuesdayMorning() {
    assertThat(officeHoursMemorialDayOff.nextAllowed(ny("2026-05-22T18:00"), NEW_YORK))
        .isEqualTo(ny("2026-05-26T09:00"));
  }

  @Test
  void oneBusinessDayFromFriday_withMondayHoliday_landsOnTuesday() {
    assertThat(
            officeHoursMemorialDayOff.earliest(
                ny("2026-05-22T10:15"), Wait.businessDays(1), NEW_YORK))
        .isEqualTo(ny("2026-05-26T10:15"));
  }

  @Test
  void twoBusinessDaysFromThursday_withMondayHoliday_landOnTuesday() {
    assertThat(
            officeHoursMemorialDayOff.earliest(
                ny("2026-05-21T16:00"), Wait.businessDays(2), NEW_YORK))
        .isEqualTo(ny("2026-05-26T16:00"));
  }

  @Test
  void oneBusinessDayFromSaturday_landsOnMonday() {
    assertThat(officeHours.earliest(ny("2026-05-23T11:00"), Wait.businessDays(1), NEW_YORK))
        .isEqualTo(ny("2026-05-25T11:00"));
  }

  @Test
  void zeroBusinessDays_leaveTheBaseUnchanged() {
    Instant saturday = ny("2026-05-23T11:00");

    assertThat(officeHours.earliest(saturday, Wait.businessDays(0), NEW_YORK)).isEqualTo(saturday);
  }

  @Test
  void calendarWait_addsElapsedTimeIgnoringWeekends() {
    assertThat(officeHours.earliest(ny("2026-05-22T10:00"), Wait.days(1), NEW_YORK))
        .isEqualTo(ny("2026-05-23T10:00"));
    assertThat(officeHours.earliest(ny("2026-05-22T10:00"), Wait.none(), NEW_YORK))
        .isEqualTo(ny("2026-05-22T10:00"));
  }

  @Test
  void slotWithoutJitter_isTheNextAllowedInstantAfterTheWait() {
    assertThat(
            officeHoursMemorialDayOff.slot(
                ny("2026-05-21T16:00"), Wait.days(1), NEW_YORK, Duration.ZERO, 42L))
        .isEqualTo(ny("2026-05-22T16:00"));
    assertThat(
            officeHoursMemorialDayOff.slot(
                ny("2026-05-21T18:00"), Wait.days(1), NEW_YORK, Duration.ZERO, 42L))
        .isEqualTo(ny("2026-05-26T09:00"));
  }

  @Test
  void windowEndOutsideAWindow_isRefused() {
    assertThatThrownBy(() -> officeHours.windowEnd(ny("2026-05-23T10:00"), NEW_YORK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyScheduledDayAHolidayForAYear_throwsInsteadOfLooping() {
    // given: Mondays only, and every Monday of 2026 and 2027 a holiday
    List<LocalDate> mondays = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 1, 5); d.getYear() < 2028; d = d.plusWeeks(1)) {
      mondays.add(d);
    }
    SendingSchedule mondaysOnly =
        SendingSchedule.builder().on(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    SendCalendar calendar =
        new SendCalendar(mondaysOnly, HolidayCalendar.none().withHolidays(mondays));

    // when / then
    assertThatThrownBy(() -> calendar.nextAllowed(ny("2026-01-01T00:00"), NEW_YORK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schedule")
        .hasMessageContaining("MONDAY");
    assertThat(calendar.nextAllowed(ny("2027-06-01T00:00"), NEW_YORK))
        .isEqualTo(ny("2028-01-03T09:00"));
  }

  @Test
  void startOfNextDay_isTheNextLocalMidnight() {
    assertThat(officeHours.startOfNextDay(ny("2026-05-22T23:59:59"), NEW_YORK))
        .isEqualTo(ny("2026-05-23T00:00"));
    assertThat(officeHours.startOfNextDay(ny("2026-05-22T00:00"), NEW_YORK))
        .isEqualTo(ny("2026-05-23T00:00"));
  }

  @Test
  void startOfNextDay_whereMidnightDoesNotExist_isTheFirstInstantOfThatDay() {
    // Santiago springs forward at midnight: 2026-09-06 starts at 01:00 -03:00.
    ZoneId santiago = ZoneId.of("America/Santiago");
    Instant saturdayNoon = ZonedDateTime.of(2026, 9, 5, 12, 0, 0, 0, santiago).toInstant();

    assertThat(officeHours.startOfNextDay(saturdayNoon, santiago))
        .isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
  }
}
