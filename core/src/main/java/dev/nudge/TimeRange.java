package dev.nudge;

import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * A range of local times within one day, from {@code start} inclusive to {@code end} exclusive; an
 * {@code end} of {@link LocalTime#MIDNIGHT} means "until the end of the day".
 *
 * @param start first local time of the range
 * @param end first local time after the range, or midnight for the end of the day
 */
public record TimeRange(LocalTime start, LocalTime end) {

  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  /** Refuses a missing bound and a start that is not before the end. */
  public TimeRange {
    check("range", start, end);
  }

  /** A range from {@code start} inclusive to {@code end} exclusive (midnight: end of the day). */
  public static TimeRange of(LocalTime start, LocalTime end) {
    return new TimeRange(start, end);
  }

  /** Whether the range runs until the end of the day. */
  public boolean untilEndOfDay() {
    return end.equals(LocalTime.MIDNIGHT);
  }

  /** Nanosecond of the day where the range ends, 24 hours for the end of the day. */
  long endNanoOfDay() {
    return untilEndOfDay() ? NANOS_PER_DAY : end.toNanoOfDay();
  }

  /** Validates bounds of a range, reporting problems under {@code field}. */
  static void check(String field, @Nullable LocalTime start, @Nullable LocalTime end) {
    if (start == null) {
      throw new InvalidInputException(field, "start is required");
    }
    if (end == null) {
      throw new InvalidInputException(field, "end is required");
    }
    if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
      throw new InvalidInputException(
          field, "start " + start + " must be before end " + end + " (00:00 = end of day)");
    }
  }
}
