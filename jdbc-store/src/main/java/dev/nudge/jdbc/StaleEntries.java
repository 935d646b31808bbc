package dev.nudge.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the entries that steps leave behind in the Candidates tab's index by last activity, on a
 * database that keeps them until a vacuum (PostgreSQL). Each step moves its enrollment to the end
 * of that index and leaves an entry at its old place, at the front of the order oldest first;
 * without a vacuum, the first reader of that page after a burst of sends checks every such entry
 * against the table (a million sends: a second) before it finds a row to show. So, {@link
 * #DELAY_MILLIS} ms after a commit moved enrollments, the store looks them up at their old places
 * ({@link Dialect#clearStale}): the database marks the entries dead as it finds their rows gone to
 * every transaction, and later readers step over them without visiting the table. The delay lets
 * the transactions that could still see the old rows end; an entry one of them still needs is left
 * for the reader, as before.
 *
 * <p>Best effort and bounded: at most {@link #MAX_PENDING} entries wait, a sweep of at most {@link
 * #CHUNK} of them runs at most every {@link #INTERVAL_MILLIS} ms on a thread that has just
 * committed (a few milliseconds at the end of its commit), and a failed sweep is logged and
 * dropped. Nothing the store promises depends on it.
 */
final class StaleEntries {
  private static final Logger log = LoggerFactory.getLogger("dev.nudge.store");

  /** How long an entry waits before its sweep. */
  static final long DELAY_MILLIS = 100;

  /** The shortest time between two sweeps. */
  static final long INTERVAL_MILLIS = 25;

  /** The most entries that wait; more are left to the reader or to a vacuum. */
  static final int MAX_PENDING = 100_000;

  /** The most entries one sweep looks up, in one statement; more wait for the next sweep. */
  static final int CHUNK = 2_000;

  /**
   * An index entry a commit left behind: where the enrollment was in the order by last activity.
   */
  record Entry(UUID campaignId, int viewCode, Instant lastActivityAt, UUID enrollmentId) {}

  private record Pending(long leftAtNanos, Entry entry) {}

  private final Tx tx;
  private final Dialect dialect;
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private volatile long lastSweepNanos = System.nanoTime();

  StaleEntries(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  /** Notes the entries a commit that held left behind, then sweeps those whose time has come. */
  void left(List<Entry> entries) {
    if (entries.isEmpty() && size.get() == 0) {
      return;
    }
    long now = System.nanoTime();
    for (Entry e : entries) {
      if (size.incrementAndGet() > MAX_PENDING) {
        size.decrementAndGet();
        break;
      }
      pending.add(new Pending(now, e));
    }
    sweep(now);
  }

  private void sweep(long now) {
    if (now - lastSweepNanos < TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS)) {
      return;
    }
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      lastSweepNanos = now;
      List<Entry> due = new ArrayList<>();
      for (Pending p = pending.peek();
          p != null
              && due.size() < CHUNK
              && now - p.leftAtNanos() >= TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS);
          p = pending.peek()) {
        pending.poll();
        size.decrementAndGet();
        due.add(p.entry());
      }
      if (!due.isEmpty()) {
        tx.read(
            "clear stale index entries",
            c -> {
              dialect.clearStale(c, due);
              return Boolean.TRUE;
            });
      }
    } catch (RuntimeException e) {
      // the entries stay for the next reader or vacuum; the commit before this held, and its
      // caller must not see this as its failure
      log.debug("clearing stale index entries failed", e);
    } finally {
      sweeping.set(false);
    }
  }
}
