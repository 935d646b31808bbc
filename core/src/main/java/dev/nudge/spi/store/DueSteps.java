package dev.nudge.spi.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hands out due work. An enrollment is due when {@link dev.nudge.Enrollment#dueAt()} has passed;
 * claiming it takes a lease, so that of several engines sharing the store exactly one works on it.
 * Each claim carries a fencing token, checked by {@link Store#commit} on writes made under the
 * claim, so a node whose lease ran out cannot write. A store may compare due and lease times with
 * its own clock (a database's) instead of {@code now}.
 */
public interface DueSteps {
  /**
   * Atomically claims up to {@code limit} due enrollments that nobody holds a live lease on,
   * earliest due first.
   *
   * @param owner identifies the claiming engine
   * @param now the engine's time
   * @param lease how long the claim lasts unless renewed
   */
  List<Claim> claim(String owner, Instant now, Duration lease, int limit);

  /** Extends a live claim; empty if it was lost (expired and taken, or released). */
  Optional<Claim> renew(Claim claim, Instant now, Duration lease);

  /** Gives the claim back without changing the enrollment; does nothing if it was lost. */
  void release(Claim claim);
}
