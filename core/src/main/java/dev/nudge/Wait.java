package dev.nudge;

import java.time.Duration;

/**
 * How long a step waits after the previous one before it may be sent: either elapsed time or a
 * number of business days.
 */
public sealed interface Wait permits Wait.Calendar, Wait.BusinessDays {

  /** Most business days a wait may span, about ten years. */
  int MAX_BUSINESS_DAYS = 3650;

  /** Longest calendar wait: ten years, like {@link #MAX_BUSINESS_DAYS}. */
  Duration MAX_DURATION = Duration.ofDays(3650);

  /** No wait: the step is due as soon as the previous one is done. */
  static Wait none() {
    return new Calendar(Duration.ZERO);
  }

  /** Elapsed time, regardless of weekends, holidays and daylight-saving changes. */
  static Wait of(Duration duration) {
    return new Calendar(duration);
  }

  /** The given number of elapsed hours. */
  static Wait hours(long hours) {
    if (hours < 0) {
      throw new InvalidInputException("wait.duration", "must not be negative: " + hours + "h");
    }
    return new Calendar(durationOf(hours, 3_600L));
  }

  /** The given number of elapsed days of 24 hours each. */
  static Wait days(long days) {
    if (days < 0) {
      throw new InvalidInputException("wait.duration", "must not be negative: " + days + "d");
    }
    return new Calendar(durationOf(days, 86_400L));
  }

  /** The given number of business days; the local time of day is kept. */
  static Wait businessDays(int days) {
    return new BusinessDays(days);
  }

  private static Duration durationOf(long amount, long secondsPerUnit) {
    try {
      return Duration.ofSeconds(Math.multiplyExact(amount, secondsPerUnit));
    } catch (ArithmeticException e) {
      throw new InvalidInputException("wait.duration", "is too long");
    }
  }

  /**
   * A wait of elapsed time.
   *
   * @param duration time to wait, zero or more
   */
  record Calendar(Duration duration) implements Wait {
    /** Refuses a missing or negative duration. */
    public Calendar {
      if (duration == null) {
        throw new InvalidInputException("wait.duration", "is required");
      }
      if (duration.isNegative()) {
        throw new InvalidInputException("wait.duration", "must not be negative: " + duration);
      }
      if (duration.compareTo(MAX_DURATION) > 0) {
        throw new InvalidInputException(
            "wait.duration", "longer than " + MAX_DURATION.toDays() + " days: " + duration);
      }
    }
  }

  /**
   * A wait of business days: weekends and holidays do not count, the local time of day is kept.
   *
   * @param days business days to wait, from 0 to {@value Wait#MAX_BUSINESS_DAYS}
   */
  record BusinessDays(int days) implements Wait {
    /** Refuses a count outside 0 to {@value Wait#MAX_BUSINESS_DAYS}. */
    public BusinessDays {
      if (days < 0 || days > MAX_BUSINESS_DAYS) {
        throw new InvalidInputException(
            "wait.businessDays", "must be between 0 and " + MAX_BUSINESS_DAYS + ": " + days);
      }
    }
  }
}
