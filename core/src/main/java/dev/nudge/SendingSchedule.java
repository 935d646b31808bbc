package dev.nudge;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Days of the week and local time ranges in which sending is allowed, evaluated in the recipient's
 * time zone. Ranges of a day are kept sorted, with overlapping or touching ranges merged.
 *
 * @param ranges the ranges of each day that has any; days without ranges are absent
 */
public record SendingSchedule(Map<DayOfWeek, List<TimeRange>> ranges) {

  /** Copies, sorts and merges the ranges; refuses nulls and a schedule without any range. */
  public SendingSchedule {
    if (ranges == null) {
      throw new InvalidInputException("schedule", "is required");
    }
    Map<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
    for (Map.Entry<DayOfWeek, List<TimeRange>> entry : ranges.entrySet()) {
      DayOfWeek day = entry.getKey();
      List<TimeRange> dayRanges = entry.getValue();
      if (day == null) {
        throw new InvalidInputException("schedule", "contains a null day");
      }
      if (dayRanges == null) {
        throw new InvalidInputException("schedule." + day, "is null");
      }
      for (int i = 0; i < dayRanges.size(); i++) {
        if (dayRanges.get(i) == null) {
          throw new InvalidInputException("schedule." + day + "[" + i + "]", "is null");
        }
      }
      if (!dayRanges.isEmpty()) {
        copy.put(day, merge(dayRanges));
      }
    }
    if (copy.isEmpty()) {
      throw new InvalidInputException("schedule", "has no sending range");
    }
    ranges = Collections.unmodifiableMap(copy);
  }

  /** Monday to Friday, each from {@code from} to {@code to} local time. */
  public static SendingSchedule weekdays(LocalTime from, LocalTime to) {
    return builder()
        .on(
            EnumSet.of(
                DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY),
            from,
            to)
        .build();
  }

  /** Every day, the whole day: sending is never held back. */
  public static SendingSchedule always() {
    return builder()
        .on(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)
        .build();
  }

  /** Starts an empty schedule to which ranges are added day by day. */
  public static Builder builder() {
    return new Builder();
  }

  /** The sorted, merged ranges of {@code day}; empty when nothing may be sent that day. */
  public List<TimeRange> rangesOn(DayOfWeek day) {
    List<TimeRange> dayRanges = ranges.get(day);
    return dayRanges == null ? List.of() : dayRanges;
  }

  private static List<TimeRange> merge(List<TimeRange> dayRanges) {
    List<TimeRange> sorted = new ArrayList<>(dayRanges);
    sorted.sort(Comparator.comparing(TimeRange::start));
    List<TimeRange> merged = new ArrayList<>();
    TimeRange current = sorted.get(0);
    for (TimeRange next : sorted.subList(1, sorted.size())) {
      if (next.start().toNanoOfDay() <= current.endNanoOfDay()) {
        if (next.endNanoOfDay() > current.endNanoOfDay()) {
          current = new TimeRange(current.start(), next.end());
        }
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    return List.copyOf(merged);
  }

  /** Collects ranges day by day; {@link #build()} validates and merges them. */
  public static final class Builder {
    private final Map<DayOfWeek, List<TimeRange>> ranges = new EnumMap<>(DayOfWeek.class);

    private Builder() {}

    /** Allows sending on {@code day} from {@code from} to {@code to} (midnight: end of day). */
    public Builder on(DayOfWeek day, LocalTime from, LocalTime to) {
      if (day == null) {
        throw new InvalidInputException("schedule.day", "is required");
      }
      List<TimeRange> dayRanges = ranges.getOrDefault(day, List.of());
      TimeRange.check("schedule." + day + "[" + dayRanges.size() + "]", from, to);
      ranges.computeIfAbsent(day, d -> new ArrayList<>()).add(new TimeRange(from, to));
      return this;
    }

    /** Allows sending on each of {@code days} from {@code from} to {@code to}. */
    public Builder on(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
      if (days == null || days.isEmpty()) {
        throw new InvalidInputException("schedule.days", "at least one day is required");
      }
      Set<DayOfWeek> inOrder = EnumSet.noneOf(DayOfWeek.class);
      for (DayOfWeek day : days) {
        if (day == null) {
          throw new InvalidInputException("schedule.days", "contains null");
        }
        inOrder.add(day);
      }
      for (DayOfWeek day : inOrder) {
        on(day, from, to);
      }
      return this;
    }

    /** The schedule; fails when no range was added. */
    public SendingSchedule build() {
      return new SendingSchedule(ranges);
    }
  }
}
