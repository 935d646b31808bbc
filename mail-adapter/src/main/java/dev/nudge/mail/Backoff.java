package dev.nudge.mail;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between failed attempts: doubling from {@link #FIRST} up to {@link #CAP}, each wait drawn
 * at random from its upper half so that pollers failing together do not retry together. A refused
 * login waits at least {@link #AFTER_REFUSAL}, so that wrong credentials do not lock the account.
 */
final class Backoff {
  static final Duration FIRST = Duration.ofSeconds(2);
  static final Duration CAP = Duration.ofMinutes(5);
  static final Duration AFTER_REFUSAL = Duration.ofMinutes(1);

  private int failures;

  /** The wait after one more failure. */
  Duration next(boolean loginRefused) {
    failures = Math.min(failures + 1, 30);
    long ceiling = Math.min(CAP.toMillis(), FIRST.toMillis() << Math.min(failures - 1, 20));
    if (loginRefused) {
      ceiling = Math.max(ceiling, AFTER_REFUSAL.toMillis());
    }
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /** Forgets the failures after a success. */
  void reset() {
    failures = 0;
  }
}
