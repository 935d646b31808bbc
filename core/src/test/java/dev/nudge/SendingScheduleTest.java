package dev.nudge;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SendingScheduleTest {

  private static LocalTime at(int hour) {
    return LocalTime.of(hour, 0);
  }

  private static TimeRange range(int fromHour, int toHour) {
    return TimeRange.of(at(fromHour), at(toHour));
  }

  @Test
  void weekdays_coverMondayToFridayOnly() {
    SendingSchedule schedule = SendingSchedule.weekdays(at(9), at(17));

    assertThat(schedule.ranges().keySet())
        .containsExactly(MONDAY, TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, FRIDAY);
    assertThat(schedule.rangesOn(MONDAY)).containsExactly(range(9, 17));
    assertThat(schedule.rangesOn(SATURDAY)).isEmpty();
    assertThat(schedule.rangesOn(SUNDAY)).isEmpty();
  }

  @Test
  void always_coversEveryDayFromMidnightToMidnight() {
    SendingSchedule schedule = SendingSchedule.always();

    for (DayOfWeek day : DayOfWeek.values()) {
      assertThat(schedule.rangesOn(day))
          .containsExactly(TimeRange.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
    }
  }

  @Test
  void rangesOfOneDay_areSorted() {
    SendingSchedule schedule =
        SendingSchedule.builder().on(MONDAY, at(14), at(17)).on(MONDAY, at(9), at(12)).build();

    assertThat(schedule.rangesOn(MONDAY)).containsExactly(range(9, 12), range(14, 17));
  }

  @Test
  void overlappingRangesOfOneDay_areMerged() {
    SendingSchedule schedule =
        SendingSchedule.builder()
            .on(MONDAY, at(9), at(12))
            .on(MONDAY, at(11), at(15))
            .on(MONDAY, at(10), at(11))
            .build();

    assertThat(schedule.rangesOn(MONDAY)).containsExactly(range(9, 15));
  }

  @Test
  void touchingRangesOfOneDay_areMerged() {
    SendingSchedule schedule =
        SendingSchedule.builder().on(MONDAY, at(9), at(12)).on(MONDAY, at(12), at(15)).build();

    assertThat(schedule.rangesOn(MONDAY)).containsExactly(range(9, 15));
  }

  @Test
  void rangeUntilEndOfDay_absorbsLaterRanges() {
    SendingSchedule schedule =
        SendingSchedule.builder()
            .on(MONDAY, at(20), LocalTime.MIDNIGHT)
            .on(MONDAY, at(22), at(23))
            .on(MONDAY, at(18), at(21))
            .build();

    assertThat(schedule.rangesOn(MONDAY)).containsExactly(TimeRange.of(at(18), LocalTime.MIDNIGHT));
    assertThat(schedule.rangesOn(MONDAY).get(0).untilEndOfDay()).isTrue();
  }

  @Test
  void rangesOfDifferentDays_areNotMerged() {
    SendingSchedule schedule =
        SendingSchedule.builder()
            .on(MONDAY, at(20), LocalTime.MIDNIGHT)
            .on(TUESDAY, LocalTime.MIDNIGHT, at(2))
            .build();

    assertThat(schedule.rangesOn(MONDAY)).containsExactly(TimeRange.of(at(20), LocalTime.MIDNIGHT));
    assertThat(schedule.rangesOn(TUESDAY)).containsExactly(range(0, 2));
  }

  @Test
  void constructor_mergesAndDropsDaysWithoutRanges() {
    Map<DayOfWeek, List<TimeRange>> ranges = new EnumMap<>(DayOfWeek.class);
    ranges.put(MONDAY, List.of(range(13, 15), range(9, 14)));
    ranges.put(TUESDAY, List.of());

    SendingSchedule schedule = new SendingSchedule(ranges);

    assertThat(schedule.ranges()).containsOnlyKeys(MONDAY);
    assertThat(schedule.rangesOn(MONDAY)).containsExactly(range(9, 15));
  }

  @Test
  void schedule_isACopyThatCannotBeChanged() {
    // given
    Map<DayOfWeek, List<TimeRange>> ranges = new EnumMap<>(DayOfWeek.class);
    List<TimeRange> monday = new ArrayList<>(List.of(range(9, 17)));
    ranges.put(MONDAY, monday);
    SendingSchedule schedule = new SendingSchedule(ranges);

    // when
    monday.add(range(18, 20));
    ranges.put(FRIDAY, List.of(range(9, 17)));

    // then
    assertThat(schedule.rangesOn(MONDAY)).containsExactly(range(9, 17));
    assertThat(schedule.rangesOn(FRIDAY)).isEmpty();
    assertThatThrownBy(() -> schedule.ranges().put(FRIDAY, List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> schedule.rangesOn(MONDAY).add(range(1, 2)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalSchedules_areEqual() {
    assertThat(SendingSchedule.weekdays(at(9), at(17)))
        .isEqualTo(
            SendingSchedule.builder()
                .on(EnumSet.range(MONDAY, FRIDAY), at(9), at(12))
                .on(EnumSet.range(MONDAY, FRIDAY), at(12), at(17))
                .build());
  }

  @Test
  void emptySchedule_isRefused() {
    assertRefused(() -> SendingSchedule.builder().build(), "schedule");
    assertRefused(() -> new SendingSchedule(Map.of()), "schedule");
    assertRefused(() -> new SendingSchedule(Map.of(MONDAY, List.of())), "schedule");
  }

  @Test
  void startNotBeforeEnd_isRefusedNamingDayAndIndex() {
    assertRefused(
        () -> SendingSchedule.builder().on(MONDAY, at(9), at(10)).on(MONDAY, at(17), at(9)),
        "schedule.MONDAY[1]");
    assertRefused(() -> SendingSchedule.builder().on(FRIDAY, at(9), at(9)), "schedule.FRIDAY[0]");
    assertRefused(() -> SendingSchedule.weekdays(at(17), at(9)), "schedule.MONDAY[0]");
    assertRefused(() -> TimeRange.of(at(10), at(9)), "range");
  }

  @Test
  void midnightEnd_meansEndOfDay() {
    assertThat(TimeRange.of(at(9), LocalTime.MIDNIGHT).untilEndOfDay()).isTrue();
    assertThat(TimeRange.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).untilEndOfDay()).isTrue();
    assertThat(range(9, 17).untilEndOfDay()).isFalse();
  }

  @Test
  @SuppressWarnings("NullAway")
  void nulls_areRefusedNamingTheField() {
    assertRefused(() -> new SendingSchedule(null), "schedule");
    assertRefused(() -> TimeRange.of(null, at(9)), "range");
    assertRefused(() -> TimeRange.of(at(9), null), "range");
    assertRefused(
        () -> SendingSchedule.builder().on((DayOfWeek) null, at(9), at(10)), "schedule.day");
    assertRefused(() -> SendingSchedule.builder().on(MONDAY, null, at(10)), "schedule.MONDAY[0]");
    assertRefused(() -> SendingSchedule.weekdays(at(9), null), "schedule.MONDAY[0]");
    assertRefused(
        () -> SendingSchedule.builder().on((Set<DayOfWeek>) null, at(9), at(10)), "schedule.days");
    assertRefused(
        () ->
            SendingSchedule.builder().on(new HashSet<>(Arrays.asList(MONDAY, null)), at(9), at(10)),
        "schedule.days");
    assertRefused(
        () -> new SendingSchedule(Map.of(MONDAY, Arrays.asList(range(9, 10), null))),
        "schedule.MONDAY[1]");
    Map<DayOfWeek, List<TimeRange>> nullList = new EnumMap<>(DayOfWeek.class);
    nullList.put(TUESDAY, null);
    assertRefused(() -> new SendingSchedule(nullList), "schedule.TUESDAY");
  }

  @Test
  void emptySetOfDays_isRefused() {
    assertRefused(() -> SendingSchedule.builder().on(Set.of(), at(9), at(10)), "schedule.days");
  }

  static void assertRefused(Runnable action, String field) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
