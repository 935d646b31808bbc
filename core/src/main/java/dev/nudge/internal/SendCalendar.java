package dev.nudge.internal;

import dev.nudge.HolidayCalendar;
import dev.nudge.InvalidInputException;
import dev.nudge.SendingSchedule;
import dev.nudge.TimeRange;
import dev.nudge.Wait;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works out when a step may be sent: applies waits, finds the next instant inside the sending
 * schedule in a given time zone and spreads sends inside a window with deterministic jitter.
 *
 * <p>A window is an interval of instants whose local time, on one local date, is inside a range of
 * the schedule. A local time that falls in a daylight-saving gap is taken as the first instant
 * after the gap, and one that occurs twice as its first occurrence, so a range lying inside a
 * repeated hour is used once. A range that starts inside a repeated hour and ends after it makes
 * two windows: with 01:00 to 02:00 repeated, 01:30 to 09:00 is open from the first 01:30 until the
 * clocks go back to 01:00, and again from the second 01:30 on. A range that starts before a
 * repeated hour and ends inside it makes two as well: 00:00 to 01:30 is open until the first 01:30,
 * and again from the moment the clocks go back to 01:00 until the second 01:30. All methods are
 * pure: the time is always a parameter.
 */
final class SendCalendar {

  /** How far ahead {@link #nextAllowed} looks before it gives up. */
  static final int SEARCH_DAYS = 400;

  /** Days whose windows are kept; the cache is emptied when it grows past this. */
  private static final int WINDOW_CACHE_SIZE = 4096;

  private final SendingSchedule schedule;
  private final HolidayCalendar holidays;
  private final Map<DayKey, List<Window>> windowCache = new ConcurrentHashMap<>();

  /** A calendar sending within {@code schedule}, never on one of the {@code holidays}. */
  public SendCalendar(SendingSchedule schedule, HolidayCalendar holidays) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.holidays = Objects.requireNonNull(holidays, "holidays");
  }

  /**
   * The earliest instant the wait allows after {@code base}: elapsed time is simply added; business
   * days advance the local date in {@code zone} and keep the local time of day (a time that does
   * not exist that day moves forward by the length of the gap).
   */
  public Instant earliest(Instant base, Wait wait, ZoneId zone) {
    if (wait instanceof Wait.Calendar calendar) {
      return base.plus(calendar.duration());
    }
    int days = ((Wait.BusinessDays) wait).days();
    if (days == 0) {
      return base;
    }
    LocalDateTime local = LocalDateTime.ofInstant(base, zone);
    LocalDate date = local.toLocalDate();
    for (int counted = 0; counted < days; ) {
      date = date.plusDays(1);
      if (holidays.isBusinessDay(date)) {
        counted++;
      }
    }
    return ZonedDateTime.ofLocal(date.atTime(local.toLocalTime()), zone, null).toInstant();
  }

  /** Whether {@code t} lies inside a sending window of a non-holiday date in {@code zone}. */
  public boolean allows(Instant t, ZoneId zone) {
    return containingWindow(t, zone).isPresent();
  }

  /**
   * The earliest instant at or after {@code t} that {@link #allows} sending.
   *
   * @throws IllegalStateException if no window opens within 400 days (every scheduled day a
   *     holiday)
   */
  public Instant nextAllowed(Instant t, ZoneId zone) {
    Window window =
        firstWindowEndingAfter(t, zone, SEARCH_DAYS)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no sending window within "
                            + SEARCH_DAYS
                            + " days after "
                            + t
                            + " in "
                            + zone
                            + " for schedule "
                            + schedule.ranges()
                            + " with "
                            + holidays.holidays().size()
                            + " holidays"));
    return window.start().isAfter(t) ? window.start() : t;
  }

  /**
   * The end of the window that contains {@code t}.
   *
   * @throws IllegalArgumentException if {@code t} is not inside a window
   */
  public Instant windowEnd(Instant t, ZoneId zone) {
    return containingWindow(t, zone)
        .orElseThrow(
            () -> new IllegalArgumentException(t + " is not inside a sending window in " + zone))
        .end();
  }

  /**
   * When a step may be sent: the next allowed instant after the wait, moved later by up to {@code
   * maxJitter} but never out of its window. The same {@code jitterSeed} always gives the same slot.
   */
  public Instant slot(Instant base, Wait wait, ZoneId zone, Duration maxJitter, long jitterSeed) {
    if (maxJitter.isNegative()) {
      throw new InvalidInputException("maxJitter", "must not be negative: " + maxJitter);
    }
    Instant start = nextAllowed(earliest(base, wait, zone), zone);
    if (maxJitter.isZero()) {
      return start;
    }
    Duration room = Duration.between(start, windowEnd(start, zone));
    long spanMillis = (room.compareTo(maxJitter) < 0 ? room : maxJitter).toMillis();
    if (spanMillis <= 0) {
      return start;
    }
    return start.plusMillis(Math.floorMod(splitMix64(jitterSeed), spanMillis));
  }

  /**
   * An instant spread over {@code span} of sending time from the next allowed instant at or after
   * {@code t}: the open time of the windows counts and the closed time between them does not, so
   * steps spread from just before a window closes go on in the next window instead of all leaving
   * in what is left of this one. The same {@code seed} always gives the same instant.
   */
  public Instant spread(Instant t, ZoneId zone, Duration span, long seed) {
    Instant at = nextAllowed(t, zone);
    long spanMillis = span.toMillis();
    if (spanMillis <= 0) {
      return at;
    }
    Duration left = Duration.ofMillis(Math.floorMod(splitMix64(seed), spanMillis));
    while (true) {
      Instant end = windowEnd(at, zone);
      Duration room = Duration.between(at, end);
      if (left.compareTo(room) < 0) {
        return at.plus(left);
      }
      left = left.minus(room);
      at = nextAllowed(end, zone);
    }
  }

  /** The first instant of the local date after the local date of {@code t} in {@code zone}. */
  public Instant startOfNextDay(Instant t, ZoneId zone) {
    return LocalDate.ofInstant(t, zone).plusDays(1).atStartOfDay(zone).toInstant();
  }

  private Optional<Window> containingWindow(Instant t, ZoneId zone) {
    return firstWindowEndingAfter(t, zone, 1).filter(w -> !w.start().isAfter(t));
  }

  /**
   * The window that starts first among those ending after {@code t}: it either contains {@code t}
   * or is the next to open. Windows never overlap, and a date's windows come after the earlier
   * dates' windows but one kind: on a night whose repeated hour spans midnight, the second pass of
   * the evening comes after the first minutes of the next date. So the search starts on the date
   * before {@code t}'s, takes the first window ending after {@code t} on each date, and stops one
   * date after the first date that has one, looking at most {@code extraDays} past {@code t}'s
   * date.
   */
  private Optional<Window> firstWindowEndingAfter(Instant t, ZoneId zone, int extraDays) {
    LocalDate first = localDate(t, zone).minusDays(1);
    Window best = null;
    LocalDate foundOn = null;
    for (int i = 0; i <= extraDays + 1; i++) {
      LocalDate date = first.plusDays(i);
      if (foundOn != null && date.isAfter(foundOn.plusDays(1))) {
        break;
      }
      for (Window window : windowsOn(date, zone)) {
        if (window.end().isAfter(t)) {
          if (best == null || window.start().isBefore(best.start())) {
            best = window;
          }
          foundOn = foundOn == null ? date : foundOn;
          break;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The local date; for a fixed offset without the rules object {@code ZoneOffset} makes anew. */
  private static LocalDate localDate(Instant t, ZoneId zone) {
    if (zone instanceof ZoneOffset offset) {
      return LocalDate.ofEpochDay(
          Math.floorDiv(t.getEpochSecond() + offset.getTotalSeconds(), 86_400L));
    }
    return LocalDate.ofInstant(t, zone);
  }

  /** The non-empty windows of {@code date} in order; none on a holiday. Cached per day and zone. */
  List<Window> windowsOn(LocalDate date, ZoneId zone) {
    DayKey key = new DayKey(date, zone);
    List<Window> windows = windowCache.get(key);
    if (windows == null) {
      if (windowCache.size() >= WINDOW_CACHE_SIZE) {
        windowCache.clear();
      }
      windows = computeWindowsOn(date, zone);
      windowCache.put(key, windows);
    }
    return windows;
  }

  private List<Window> computeWindowsOn(LocalDate date, ZoneId zone) {
    if (holidays.isHoliday(date)) {
      return List.of();
    }
    List<Window> windows = new ArrayList<>();
    for (TimeRange range : schedule.rangesOn(date.getDayOfWeek())) {
      Instant end =
          range.untilEndOfDay()
              ? boundary(date.plusDays(1), LocalTime.MIDNIGHT, zone)
              : boundary(date, range.end(), zone);
      LocalDateTime start = date.atTime(range.start());
      ZoneOffsetTransition transition = zone.getRules().getTransition(start);
      if (transition != null && transition.isOverlap()) {
        Instant second = start.atOffset(transition.getOffsetAfter()).toInstant();
        if (second.isBefore(end)) {
          // the start occurs twice and the range goes on past the repeated hour: open from the
          // start's first pass until the clocks go back (the local times before the start come
          // again then), and from its second pass to the end
          add(windows, start.atOffset(transition.getOffsetBefore()).toInstant(), transition);
          add(windows, second, end);
          continue;
        }
      }
      add(windows, boundary(date, range.start(), zone), end);
      LocalDateTime endLocal =
          range.untilEndOfDay() ? date.plusDays(1).atStartOfDay() : date.atTime(range.end());
      ZoneOffsetTransition back = zone.getRules().getTransition(endLocal);
      if (back != null && back.isOverlap() && start.isBefore(back.getDateTimeAfter())) {
        // the end occurs twice and the range began before the repeated hour: the window above
        // closes at the end's first pass, and the range's times come again when the clocks go
        // back, until the end's second pass
        add(windows, back.getInstant(), endLocal.atOffset(back.getOffsetAfter()).toInstant());
      }
    }
    // a range's second pass through the repeated hour comes after the first pass of a later
    // range of the day: in the order of time, windows that touch are one
    windows.sort(Comparator.comparing(Window::start));
    List<Window> merged = new ArrayList<>(windows.size());
    for (Window w : windows) {
      add(merged, w.start(), w.end());
    }
    return List.copyOf(merged);
  }

  private static void add(List<Window> windows, Instant start, ZoneOffsetTransition until) {
    add(windows, start, until.getInstant());
  }

  /** Adds a window; one that starts where the last ended (at the clocks' change) extends it. */
  private static void add(List<Window> windows, Instant start, Instant end) {
    if (!start.isBefore(end)) {
      return;
    }
    int last = windows.size() - 1;
    if (last >= 0 && windows.get(last).end().equals(start)) {
      windows.set(last, new Window(windows.get(last).start(), end));
    } else {
      windows.add(new Window(start, end));
    }
  }

  /**
   * The instant of a window boundary: a local time in a gap becomes the first instant after the
   * gap, one in an overlap takes the earlier offset (its first occurrence). An end taken so leaves
   * no instant in its window whose local time is past it.
   */
  static Instant boundary(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = date.atTime(time);
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  /** SplitMix64 finalizer: spreads consecutive seeds over the whole range of longs. */
  static long splitMix64(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The instants from {@code start} inclusive to {@code end} exclusive. */
  record Window(Instant start, Instant end) {}

  private record DayKey(LocalDate date, ZoneId zone) {}
}
