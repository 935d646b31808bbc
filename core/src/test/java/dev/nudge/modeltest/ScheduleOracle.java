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
 * a range's bounds as S17 defines them: a bound in a gap is the first instant after the gap, an end
 * that occurs twice is its first occurrence and a start that occurs twice its second (before that,
 * the wall-clock time says whether the first pass is inside).
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
      Instant from = bound(date, range.start(), zone, true);
      Instant to =
          untilMidnight
              ? bound(date.plusDays(1), LocalTime.MIDNIGHT, zone, false)
              : bound(date, range.end(), zone, false);
      if (!t.isBefore(from) && t.isBefore(to)) {
        return true;
      }
    }
    return false;
  }

  private static Instant bound(LocalDate date, LocalTime time, ZoneId zone, boolean start) {
    LocalDateTime wall = date.atTime(time);
    ZoneOffsetTransition change = zone.getRules().getTransition(wall);
    if (change == null) {
      return wall.atZone(zone).toInstant();
    }
    // in a gap: the first instant after it; in an overlap: a start's second occurrence, an end's
    // first
    if (change.isGap()) {
      return change.getInstant();
    }
    return wall.atOffset(start ? change.getOffsetAfter() : change.getOffsetBefore()).toInstant();
  }
}
