package dev.nudge.internal;

import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.HolidayCalendar;
import dev.nudge.SendingSchedule;
import dev.nudge.Wait;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Windows and waits across daylight-saving changes. New York 2026: spring forward on Sunday March 8
 * (02:00 EST to 03:00 EDT), fall back on Sunday November 1 (02:00 EDT to 01:00 EST). Lord Howe 2026
 * (half-hour changes): fall back on Sunday April 5 (02:00 +11 to 01:30 +10:30), spring forward on
 * Sunday October 4 (02:00 +10:30 to 02:30 +11).
 */
class SendCalendarDaylightSavingTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
  private static final ZoneOffset EST = ZoneOffset.ofHours(-5);
  private static final ZoneOffset EDT = ZoneOffset.ofHours(-4);

  private static Instant utc(String instant) {
    return Instant.parse(instant + ":00Z");
  }

  private static Instant local(String localDateTime, ZoneOffset offset) {
    return LocalDateTime.parse(localDateTime).toInstant(offset);
  }

  private static SendCalendar everyDay(int fromHour, int fromMinute, int toHour, int toMinute) {
    return new SendCalendar(
        SendingSchedule.builder()
            .on(
                EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(fromHour, fromMinute),
                LocalTime.of(toHour, toMinute))
            .build(),
        HolidayCalendar.none());
  }

  private static SendCalendar sundays(int fromHour, int fromMinute, int toHour, int toMinute) {
    return new SendCalendar(
        SendingSchedule.builder()
            .on(SUNDAY, LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute))
            .build(),
        HolidayCalendar.none());
  }

  @Test
  void officeHoursAroundSpringForward_openAt0900LocalEachDay() {
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    assertThat(calendar.nextAllowed(utc("2026-03-07T05:00"), NEW_YORK))
        .isEqualTo(utc("2026-03-07T14:00"));
    assertThat(calendar.windowEnd(utc("2026-03-07T14:00"), NEW_YORK))
        .isEqualTo(utc("2026-03-07T22:00"));
    assertThat(calendar.nextAllowed(utc("2026-03-08T05:00"), NEW_YORK))
        .isEqualTo(utc("2026-03-08T13:00"));
    assertThat(calendar.nextAllowed(utc("2026-03-09T04:00"), NEW_YORK))
        .isEqualTo(utc("2026-03-09T13:00"));
    assertThat(calendar.windowEnd(utc("2026-03-09T13:00"), NEW_YORK))
        .isEqualTo(utc("2026-03-09T21:00"));
  }

  @Test
  void officeHoursAroundFallBack_openAt0900LocalEachDay() {
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    assertThat(calendar.nextAllowed(utc("2026-10-31T04:00"), NEW_YORK))
        .isEqualTo(utc("2026-10-31T13:00"));
    assertThat(calendar.nextAllowed(utc("2026-11-01T04:00"), NEW_YORK))
        .isEqualTo(utc("2026-11-01T14:00"));
    assertThat(calendar.nextAllowed(utc("2026-11-02T05:00"), NEW_YORK))
        .isEqualTo(utc("2026-11-02T14:00"));
    assertThat(calendar.windowEnd(utc("2026-11-02T14:00"), NEW_YORK))
        .isEqualTo(utc("2026-11-02T22:00"));
  }

  @Test
  void rangeFrom0200OnSpringForwardDay_opensAt0300Edt() {
    SendCalendar calendar = sundays(2, 0, 4, 0);

    Instant opening = calendar.nextAllowed(local("2026-03-08T00:00", EST), NEW_YORK);

    assertThat(opening).isEqualTo(local("2026-03-08T03:00", EDT));
    assertThat(calendar.allows(opening.minusMillis(1), NEW_YORK)).isFalse();
    assertThat(calendar.windowEnd(opening, NEW_YORK)).isEqualTo(local("2026-03-08T04:00", EDT));
  }

  @Test
  void rangeStartingInsideTheGap_opensAtTheFirstInstantAfterIt() {
    SendCalendar calendar = sundays(2, 30, 4, 0);

    assertThat(calendar.nextAllowed(local("2026-03-08T00:00", EST), NEW_YORK))
        .isEqualTo(local("2026-03-08T03:00", EDT));
  }

  @Test
  void rangeLyingInsideTheGap_doesNotExistThatDay() {
    SendCalendar calendar = sundays(2, 10, 2, 50);

    assertThat(calendar.nextAllowed(local("2026-03-08T00:00", EST), NEW_YORK))
        .isEqualTo(local("2026-03-15T02:10", EDT));
  }

  @Test
  void rangeInsideTheRepeatedHour_allowsItsFirstPassOnly() {
    // given
    SendCalendar calendar = sundays(1, 0, 1, 30);

    // when / then
    assertThat(calendar.allows(local("2026-11-01T01:10", EDT), NEW_YORK)).isTrue();
    assertThat(calendar.windowEnd(local("2026-11-01T01:10", EDT), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:30", EDT));
    assertThat(calendar.allows(local("2026-11-01T01:10", EST), NEW_YORK)).isFalse();
    assertThat(calendar.nextAllowed(local("2026-11-01T01:00", EST), NEW_YORK))
        .isEqualTo(local("2026-11-08T01:00", EST));
  }

  @Test
  void rangeStartingInTheRepeatedHour_isClosedWhileTheClocksRepeatTheTimesBeforeItsStart() {
    SendCalendar calendar = sundays(1, 30, 9, 0);

    assertThat(calendar.nextAllowed(utc("2026-11-01T00:00"), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:30", EDT));
    assertThat(calendar.windowEnd(local("2026-11-01T01:40", EDT), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:00", EST));
    assertThat(calendar.allows(local("2026-11-01T01:10", EST), NEW_YORK)).isFalse();
    assertThat(calendar.nextAllowed(local("2026-11-01T01:10", EST), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:30", EST));
    assertThat(calendar.windowEnd(local("2026-11-01T01:30", EST), NEW_YORK))
        .isEqualTo(local("2026-11-01T09:00", EST));
  }

  @Test
  void rangeStartingAsTheHourRepeats_isOneWindowFromItsFirstPassToItsEnd() {
    SendCalendar calendar = sundays(1, 0, 9, 0);

    Instant opening = calendar.nextAllowed(utc("2026-11-01T00:00"), NEW_YORK);

    assertThat(opening).isEqualTo(local("2026-11-01T01:00", EDT));
    assertThat(calendar.windowEnd(opening, NEW_YORK)).isEqualTo(local("2026-11-01T09:00", EST));
  }

  @Test
  void rangeAcrossTheRepeatedHour_runsFromTheFirstPassToItsEnd() {
    SendCalendar calendar = sundays(0, 0, 3, 0);

    Instant opening = calendar.nextAllowed(utc("2026-11-01T00:00"), NEW_YORK);

    assertThat(opening).isEqualTo(local("2026-11-01T00:00", EDT));
    assertThat(calendar.windowEnd(opening, NEW_YORK)).isEqualTo(local("2026-11-01T03:00", EST));
    assertThat(calendar.allows(local("2026-11-01T01:10", EST), NEW_YORK)).isTrue();
  }

  @Test
  void rangeEndingInTheRepeatedHour_opensAgainForItsTimesSecondPass() {
    // given: 00:00 to 01:30, and 01:00 to 02:00 comes twice on November 1
    SendCalendar calendar = sundays(0, 0, 1, 30);

    // when / then: open until the first 01:30, closed for the rest of the first pass
    assertThat(calendar.windowEnd(local("2026-11-01T01:10", EDT), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:30", EDT));
    assertThat(calendar.allows(local("2026-11-01T01:40", EDT), NEW_YORK)).isFalse();
    // open again from the moment the clocks go back to 01:00 until the second 01:30
    assertThat(calendar.nextAllowed(local("2026-11-01T01:40", EDT), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:00", EST));
    assertThat(calendar.allows(local("2026-11-01T01:10", EST), NEW_YORK)).isTrue();
    assertThat(calendar.windowEnd(local("2026-11-01T01:10", EST), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:30", EST));
    assertThat(calendar.allows(local("2026-11-01T01:30", EST), NEW_YORK)).isFalse();
    assertThat(calendar.nextAllowed(local("2026-11-01T01:30", EST), NEW_YORK))
        .isEqualTo(local("2026-11-08T00:00", EST));
  }

  @Test
  void rangeEndingAsTheHourRepeats_hasNoSecondPass() {
    SendCalendar calendar = sundays(0, 0, 1, 0);

    assertThat(calendar.windowEnd(local("2026-11-01T00:30", EDT), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:00", EDT));
    assertThat(calendar.allows(local("2026-11-01T01:00", EST), NEW_YORK)).isFalse();
    assertThat(calendar.nextAllowed(local("2026-11-01T01:00", EDT), NEW_YORK))
        .isEqualTo(local("2026-11-08T00:00", EST));
  }

  @Test
  void secondPassOfOneRange_joinsTheFirstPassOfTheNextWhereTheyMeet() {
    // given: 00:00 to 01:30 and 01:45 to 03:00; the second range starts inside the repeated hour
    SendCalendar calendar =
        new SendCalendar(
            SendingSchedule.builder()
                .on(SUNDAY, LocalTime.of(0, 0), LocalTime.of(1, 30))
                .on(SUNDAY, LocalTime.of(1, 45), LocalTime.of(3, 0))
                .build(),
            HolidayCalendar.none());

    // when / then: first 01:45 until the clocks go back (second range), then 01:00 to 01:30
    // again (first range) make one window
    assertThat(calendar.windowEnd(local("2026-11-01T01:50", EDT), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:30", EST));
    assertThat(calendar.allows(local("2026-11-01T01:35", EST), NEW_YORK)).isFalse();
    assertThat(calendar.nextAllowed(local("2026-11-01T01:35", EST), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:45", EST));
    assertThat(calendar.windowEnd(local("2026-11-01T01:45", EST), NEW_YORK))
        .isEqualTo(local("2026-11-01T03:00", EST));
  }

  // St. John's fell back on Sunday 2009-11-01 at 00:01 -02:30 (02:31Z) to Saturday 23:01 -03:30:
  // Saturday 23:01 to 24:00 and Sunday 00:00 to 00:01 came twice, on both sides of midnight
  private static final ZoneId ST_JOHNS = ZoneId.of("America/St_Johns");

  private static SendCalendar saturdays(LocalTime from, LocalTime to) {
    return new SendCalendar(
        SendingSchedule.builder().on(DayOfWeek.SATURDAY, from, to).build(), HolidayCalendar.none());
  }

  @Test
  void repeatedHourAcrossMidnight_theEveningsSecondPassIsFoundFromTheNextDatesFirstMinute() {
    SendCalendar calendar = saturdays(LocalTime.of(20, 0), LocalTime.of(23, 59));
    Instant sundayFirstPass = utc("2009-11-01T02:30"); // Sunday 00:00 -02:30
    Instant saturdaySecondPass = utc("2009-11-01T02:31"); // Saturday 23:01 -03:30

    assertThat(calendar.allows(sundayFirstPass, ST_JOHNS)).isFalse();
    assertThat(calendar.nextAllowed(sundayFirstPass, ST_JOHNS)).isEqualTo(saturdaySecondPass);
    assertThat(calendar.windowEnd(saturdaySecondPass, ST_JOHNS))
        .isEqualTo(utc("2009-11-01T03:29")); // Saturday 23:59 -03:30
  }

  @Test
  void rangeToMidnightAcrossARepeatedHour_isOpenOnBothPasses() {
    SendCalendar calendar = saturdays(LocalTime.of(20, 0), LocalTime.MIDNIGHT);

    assertThat(calendar.allows(utc("2009-11-01T02:00"), ST_JOHNS)).isTrue(); // 23:30, first pass
    assertThat(calendar.allows(utc("2009-11-01T03:00"), ST_JOHNS)).isTrue(); // 23:30, second pass
    assertThat(calendar.windowEnd(utc("2009-11-01T03:00"), ST_JOHNS))
        .isEqualTo(utc("2009-11-01T03:30")); // Sunday 00:00 -03:30
  }

  @Test
  void oneBusinessDayAcrossSpringForward_keepsTheLocalTimeOfDay() {
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    assertThat(calendar.earliest(local("2026-03-06T10:00", EST), Wait.businessDays(1), NEW_YORK))
        .isEqualTo(local("2026-03-09T10:00", EDT));
  }

  @Test
  void oneBusinessDayAcrossFallBack_keepsTheLocalTimeOfDay() {
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    assertThat(calendar.earliest(local("2026-10-30T10:00", EDT), Wait.businessDays(1), NEW_YORK))
        .isEqualTo(local("2026-11-02T10:00", EST));
  }

  @Test
  void businessDayWaitLandingInTheGap_movesForwardByTheGapLength() {
    SendCalendar calendar =
        new SendCalendar(SendingSchedule.always(), HolidayCalendar.none().withWeekend(Set.of()));

    assertThat(calendar.earliest(local("2026-03-07T02:30", EST), Wait.businessDays(1), NEW_YORK))
        .isEqualTo(local("2026-03-08T03:30", EDT));
  }

  @Test
  void businessDayWaitLandingInTheRepeatedHour_takesTheFirstPass() {
    SendCalendar calendar =
        new SendCalendar(SendingSchedule.always(), HolidayCalendar.none().withWeekend(Set.of()));

    assertThat(calendar.earliest(local("2026-10-31T01:30", EDT), Wait.businessDays(1), NEW_YORK))
        .isEqualTo(local("2026-11-01T01:30", EDT));
  }

  @Test
  void calendarWaitOf24HoursAcrossSpringForward_movesTheLocalTimeAnHourLater() {
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    Instant due = calendar.earliest(local("2026-03-07T10:00", EST), Wait.days(1), NEW_YORK);

    assertThat(due).isEqualTo(local("2026-03-08T11:00", EDT));
    assertThat(ZonedDateTime.ofInstant(due, NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(11, 0));
  }

  @Test
  void calendarWaitOf24HoursAcrossFallBack_movesTheLocalTimeAnHourEarlier() {
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    Instant due = calendar.earliest(local("2026-10-31T10:00", EDT), Wait.hours(24), NEW_YORK);

    assertThat(due).isEqualTo(local("2026-11-01T09:00", EST));
    assertThat(ZonedDateTime.ofInstant(due, NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
  }

  @Test
  void lordHoweFallBack_officeHoursUseTheNewHalfHourOffset() {
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    // Saturday April 4 at +11, Sunday April 5 at +10:30.
    assertThat(calendar.nextAllowed(utc("2026-04-03T13:00"), LORD_HOWE))
        .isEqualTo(utc("2026-04-03T22:00"));
    assertThat(calendar.nextAllowed(utc("2026-04-04T13:00"), LORD_HOWE))
        .isEqualTo(utc("2026-04-04T22:30"));
    assertThat(calendar.windowEnd(utc("2026-04-04T22:30"), LORD_HOWE))
        .isEqualTo(utc("2026-04-05T06:30"));
  }

  @Test
  void lordHoweFallBack_windowAcrossTheRepeatedHalfHourIsThreeAndAHalfHoursLong() {
    SendCalendar calendar = sundays(0, 0, 3, 0);

    Instant opening = calendar.nextAllowed(utc("2026-04-04T12:00"), LORD_HOWE);

    assertThat(opening).isEqualTo(utc("2026-04-04T13:00"));
    assertThat(Duration.between(opening, calendar.windowEnd(opening, LORD_HOWE)))
        .isEqualTo(Duration.ofMinutes(210));
  }

  @Test
  void lordHoweFallBack_rangeInsideTheRepeatedHalfHourIsUsedOnce() {
    SendCalendar calendar = sundays(1, 35, 1, 55);

    // 01:45 +11 is 14:45Z, its repetition 01:45 +10:30 is 15:15Z.
    assertThat(calendar.nextAllowed(utc("2026-04-04T12:00"), LORD_HOWE))
        .isEqualTo(utc("2026-04-04T14:35"));
    assertThat(calendar.windowEnd(utc("2026-04-04T14:45"), LORD_HOWE))
        .isEqualTo(utc("2026-04-04T14:55"));
    assertThat(calendar.allows(utc("2026-04-04T15:15"), LORD_HOWE)).isFalse();
  }

  @Test
  void lordHoweFallBack_rangeEndingInTheRepeatedHalfHourOpensAgainForItsSecondPass() {
    SendCalendar calendar = sundays(0, 0, 1, 45);

    // 01:45 +11 is 14:45Z; the clocks go back to 01:30 at 15:00Z; 01:45 +10:30 is 15:15Z.
    assertThat(calendar.windowEnd(utc("2026-04-04T14:00"), LORD_HOWE))
        .isEqualTo(utc("2026-04-04T14:45"));
    assertThat(calendar.nextAllowed(utc("2026-04-04T14:50"), LORD_HOWE))
        .isEqualTo(utc("2026-04-04T15:00"));
    assertThat(calendar.windowEnd(utc("2026-04-04T15:00"), LORD_HOWE))
        .isEqualTo(utc("2026-04-04T15:15"));
  }

  @Test
  void lordHoweSpringForward_rangeFromInsideTheGapOpensWhenTheGapEnds() {
    SendCalendar calendar = sundays(2, 0, 4, 0);

    // 02:00 +10:30 does not exist; 02:30 +11 is 15:30Z; 04:00 +11 is 17:00Z.
    Instant opening = calendar.nextAllowed(utc("2026-10-03T12:00"), LORD_HOWE);

    assertThat(opening).isEqualTo(utc("2026-10-03T15:30"));
    assertThat(calendar.windowEnd(opening, LORD_HOWE)).isEqualTo(utc("2026-10-03T17:00"));
  }

  @Test
  void lordHoweSpringForward_windowAcrossTheGapIsTwoAndAHalfHoursLong() {
    SendCalendar calendar = sundays(0, 0, 3, 0);

    Instant opening = calendar.nextAllowed(utc("2026-10-03T12:00"), LORD_HOWE);

    assertThat(opening).isEqualTo(utc("2026-10-03T13:30"));
    assertThat(calendar.windowEnd(opening, LORD_HOWE)).isEqualTo(utc("2026-10-03T16:00"));
  }

  @Test
  void lordHoweSpringForward_officeHoursUseTheNewOffset() {
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    assertThat(calendar.nextAllowed(utc("2026-10-02T13:00"), LORD_HOWE))
        .isEqualTo(utc("2026-10-02T22:30"));
    assertThat(calendar.nextAllowed(utc("2026-10-03T13:00"), LORD_HOWE))
        .isEqualTo(utc("2026-10-03T22:00"));
  }

  @Test
  void kathmandu_officeHoursOpenAt0315Utc() {
    ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
    SendCalendar calendar = everyDay(9, 0, 17, 0);

    Instant opening = calendar.nextAllowed(utc("2026-06-10T00:00"), kathmandu);

    assertThat(opening).isEqualTo(utc("2026-06-10T03:15"));
    assertThat(calendar.windowEnd(opening, kathmandu)).isEqualTo(utc("2026-06-10T11:15"));
  }

  @Test
  void santiagoFallBackAtMidnight_lateRangeIsUsedOnceAndTheDayEndsAfterTheRepeat() {
    // Santiago falls back on 2026-04-05 at 00:00 -03:00 to 23:00 -04:00 on April 4 (a Saturday).
    ZoneId santiago = ZoneId.of("America/Santiago");
    SendCalendar lateEvening =
        new SendCalendar(
            SendingSchedule.builder()
                .on(DayOfWeek.SATURDAY, LocalTime.of(23, 0), LocalTime.of(23, 30))
                .on(DayOfWeek.SUNDAY, LocalTime.of(0, 0), LocalTime.of(1, 0))
                .build(),
            HolidayCalendar.none());

    assertThat(lateEvening.nextAllowed(utc("2026-04-04T12:00"), santiago))
        .isEqualTo(utc("2026-04-05T02:00"));
    assertThat(lateEvening.allows(utc("2026-04-05T03:10"), santiago)).isFalse();
    assertThat(lateEvening.nextAllowed(utc("2026-04-05T03:10"), santiago))
        .isEqualTo(utc("2026-04-05T04:00"));
    assertThat(lateEvening.startOfNextDay(utc("2026-04-05T02:00"), santiago))
        .isEqualTo(utc("2026-04-05T04:00"));
  }
}
