package dev.nudge;

import static dev.nudge.SendingScheduleTest.assertRefused;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

  private static final LocalDate FRIDAY_2026_05_22 = LocalDate.of(2026, 5, 22);
  private static final LocalDate SATURDAY_2026_05_23 = LocalDate.of(2026, 5, 23);
  private static final LocalDate MONDAY_2026_05_25 = LocalDate.of(2026, 5, 25);

  @Test
  void none_hasSaturdaySundayWeekendAndNoHolidays() {
    HolidayCalendar calendar = HolidayCalendar.none();

    assertThat(calendar.weekend()).containsExactlyInAnyOrder(SATURDAY, SUNDAY);
    assertThat(calendar.holidays()).isEmpty();
    assertThat(calendar.isBusinessDay(FRIDAY_2026_05_22)).isTrue();
    assertThat(calendar.isBusinessDay(SATURDAY_2026_05_23)).isFalse();
    assertThat(calendar.isBusinessDay(MONDAY_2026_05_25)).isTrue();
  }

  @Test
  void holiday_isNeitherBusinessDayNorWeekend() {
    HolidayCalendar calendar = HolidayCalendar.of(MONDAY_2026_05_25);

    assertThat(calendar.isHoliday(MONDAY_2026_05_25)).isTrue();
    assertThat(calendar.isBusinessDay(MONDAY_2026_05_25)).isFalse();
    assertThat(calendar.isBusinessDay(MONDAY_2026_05_25.plusWeeks(1))).isTrue();
  }

  @Test
  void weekendDay_isNotAHoliday() {
    assertThat(HolidayCalendar.none().isHoliday(SATURDAY_2026_05_23)).isFalse();
  }

  @Test
  void withWeekend_replacesTheWeekendAndKeepsHolidays() {
    HolidayCalendar calendar =
        HolidayCalendar.of(MONDAY_2026_05_25).withWeekend(EnumSet.of(FRIDAY, SATURDAY));

    assertThat(calendar.isBusinessDay(FRIDAY_2026_05_22)).isFalse();
    assertThat(calendar.isBusinessDay(SATURDAY_2026_05_23)).isFalse();
    assertThat(calendar.isBusinessDay(SATURDAY_2026_05_23.plusDays(1))).isTrue();
    assertThat(calendar.isHoliday(MONDAY_2026_05_25)).isTrue();
  }

  @Test
  void emptyWeekend_makesEveryNonHolidayABusinessDay() {
    HolidayCalendar calendar = HolidayCalendar.none().withWeekend(Set.of());

    assertThat(calendar.isBusinessDay(SATURDAY_2026_05_23)).isTrue();
  }

  @Test
  void withHolidays_replacesTheDatesAndKeepsTheWeekend() {
    HolidayCalendar calendar =
        HolidayCalendar.of(MONDAY_2026_05_25)
            .withWeekend(EnumSet.of(FRIDAY))
            .withHolidays(List.of(SATURDAY_2026_05_23));

    assertThat(calendar.holidays()).containsExactly(SATURDAY_2026_05_23);
    assertThat(calendar.weekend()).containsExactly(FRIDAY);
  }

  @Test
  void calendar_isACopyThatCannotBeChanged() {
    List<LocalDate> dates = new ArrayList<>(List.of(MONDAY_2026_05_25));
    HolidayCalendar calendar = HolidayCalendar.none().withHolidays(dates);

    dates.add(FRIDAY_2026_05_22);

    assertThat(calendar.holidays()).containsExactly(MONDAY_2026_05_25);
    assertThatThrownBy(() -> calendar.holidays().add(FRIDAY_2026_05_22))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> calendar.weekend().add(FRIDAY))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void weekendOfAllSevenDays_isRefused() {
    assertRefused(
        () -> HolidayCalendar.none().withWeekend(EnumSet.allOf(DayOfWeek.class)),
        "holidays.weekend");
  }

  @Test
  @SuppressWarnings("NullAway")
  void nulls_areRefusedNamingTheField() {
    assertRefused(() -> new HolidayCalendar(null, Set.of()), "holidays.weekend");
    assertRefused(() -> new HolidayCalendar(Set.of(SATURDAY), null), "holidays");
    assertRefused(() -> HolidayCalendar.none().withWeekend(null), "holidays.weekend");
    assertRefused(
        () -> HolidayCalendar.none().withWeekend(new HashSet<>(Arrays.asList(FRIDAY, null))),
        "holidays.weekend");
    assertRefused(() -> HolidayCalendar.none().withHolidays(null), "holidays");
    assertRefused(() -> HolidayCalendar.of((LocalDate[]) null), "holidays");
    assertRefused(() -> HolidayCalendar.of(MONDAY_2026_05_25, null), "holidays");
  }
}
