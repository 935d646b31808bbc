package dev.nudge;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Weekend days and holiday dates: neither counts for business-day waits, and nothing is sent on a
 * holiday even when the sending schedule covers its day of the week.
 *
 * @param weekend days of the week that are not business days; never all seven
 * @param holidays dates that are not business days and on which nothing is sent
 */
public record HolidayCalendar(Set<DayOfWeek> weekend, Set<LocalDate> holidays) {

  private static final Set<DayOfWeek> SATURDAY_SUNDAY =
      Collections.unmodifiableSet(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));

  /** Copies both sets; refuses nulls and a weekend of all seven days. */
  public HolidayCalendar {
    if (weekend == null) {
      throw new InvalidInputException("holidays.weekend", "is required");
    }
    if (holidays == null) {
      throw new InvalidInputException("holidays", "is required");
    }
    Set<DayOfWeek> weekendCopy = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek day : weekend) {
      if (day == null) {
        throw new InvalidInputException("holidays.weekend", "contains null");
      }
      weekendCopy.add(day);
    }
    if (weekendCopy.size() == DayOfWeek.values().length) {
      throw new InvalidInputException("holidays.weekend", "leaves no business day in the week");
    }
    weekend = Collections.unmodifiableSet(weekendCopy);
    holidays = copyDates(holidays);
  }

  /** Saturday and Sunday off, no holidays. */
  public static HolidayCalendar none() {
    return new HolidayCalendar(SATURDAY_SUNDAY, Set.of());
  }

  /** Saturday and Sunday off, plus the given holiday dates. */
  public static HolidayCalendar of(LocalDate... holidays) {
    if (holidays == null) {
      throw new InvalidInputException("holidays", "is required");
    }
    return new HolidayCalendar(SATURDAY_SUNDAY, copyDates(Arrays.asList(holidays)));
  }

  /** A copy whose holiday dates are exactly {@code dates}; the weekend is kept. */
  public HolidayCalendar withHolidays(Collection<LocalDate> dates) {
    if (dates == null) {
      throw new InvalidInputException("holidays", "is required");
    }
    return new HolidayCalendar(weekend, copyDates(dates));
  }

  /** A copy with {@code days} as the weekend; the holiday dates are kept. */
  public HolidayCalendar withWeekend(Set<DayOfWeek> days) {
    return new HolidayCalendar(days, holidays);
  }

  /** Whether {@code date} is neither a weekend day nor a holiday. */
  public boolean isBusinessDay(LocalDate date) {
    return !weekend.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /** Whether {@code date} is one of the holiday dates (weekends are not holidays). */
  public boolean isHoliday(LocalDate date) {
    return holidays.contains(date);
  }

  private static Set<LocalDate> copyDates(Collection<LocalDate> dates) {
    Set<LocalDate> sorted = new TreeSet<>();
    for (LocalDate date : dates) {
      if (date == null) {
        throw new InvalidInputException("holidays", "contains null");
      }
      sorted.add(date);
    }
    return Collections.unmodifiableSet(sorted);
  }
}
