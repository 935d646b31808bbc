package dev.nudge.internal;

import java.time.Duration;

/**
 * Keeps trying to record what is known (a send's answer) through store failures — a lost
 * connection, a database restarting — for a while, with a growing pause: only recording it moves
 * the step on, and the lease keeps other engines off the enrollment meanwhile.
 */
final class Patience {
  private static final long FIRST_PAUSE_MILLIS = 200;
  private static final long LONGEST_PAUSE_MILLIS = 5_000;

  private final long deadline;
  private long pause = FIRST_PAUSE_MILLIS;

  /** Gives up once {@code budget} has passed. */
  Patience(Duration budget) {
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  /** Waits before the next try; false when the time is up or the thread was interrupted. */
  boolean pause() {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    try {
      Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
    return true;
  }
}
