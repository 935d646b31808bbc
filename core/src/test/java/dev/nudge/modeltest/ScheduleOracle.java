package dev.nudge.modeltest;

import dev.nudge.HolidayCalendar;
import dev.nudge.SendingSchedule;
import dev.nudge.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * Whether an instant lies inside a sending schedule, worked out from the schedule's data alone (not
 * with the engine's calendar), for the model test's invariant 5.
 *
 * <p>An instant is inside when its local date is not a holiday and either its wall-clock time lies
 * in one of that weekday's ranges, or — on a daylight-saving day — it lies between the instants of
 * a range's bounds as S17 defines them: a bound in a gap is the first instant after the gap, a
 * bound that occurs twice is its first occurrence.
 */
final class ScheduleOracle {
  private ScheduleOracle() {}

  static boolean allows(
      Instant t, ZoneId zone, SendingSchedule schedule, HolidayCalendar holidays) {
    ZonedDateTime local = t.atZone(zone);
    LocalDate date = local.toLocalDate();
    if (holidays.holidays().contains(date)) {
      return false;
    }
    LocalTime time = local.toLocalTime();
    for (TimeRange range : schedule.rangesOn(date.getDayOfWeek())) {
      boolean untilMidnight = range.end().equals(LocalTime.MIDNIGHT);
      if (!time.isBefore(range.start()) && (untilMidnight || time.isBefore(range.end()))) {
        return true;
      }
      Instant from = bound(date, range.start(), zone);
      Instant to =
          untilMidnight
              ? bound(date.plusDays(1), LocalTime.MIDNIGHT, zone)
              : bound(date, range.end(), zone);
      if (!t.isBefore(from) && t.isBefore(to)) {
        return true;
      }
    }
    return false;
  }

  private static Instant bound(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime wall = date.atTime(time);
    ZoneOffsetTransition change = zone.getRules().getTransition(wall);
    if (change == null) {
      return wall.atZone(zone).toInstant();
    }
    // in a gap: the first instant after it; in an overlap: the first occurrence
    return change.isGap()
        ? change.getInstant()
        : wall.atOffset(change.getOffsetBefore()).toInstant();
  }
}
