package dev.nudge.jdbc;

import dev.nudge.StoreException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner's statistics in step with tables that grow fast. A database whose statistics
 * lag (PostgreSQL with autovacuum off, or a bulk load faster than its analyze) plans lookups for
 * the tiny table it last saw and keeps those plans for prepared statements: lookups by address
 * become scans, slower with every row. So, on databases that need it, the store refreshes the
 * statistics of its own tables after this node inserted a number of enrollments that doubles each
 * time (5,000, 10,000, 20,000, ...): a few refreshes over a million rows, none in steady state. The
 * refresh skips a table another vacuum holds rather than wait for it.
 */
final class Statistics {
  private static final Logger log = LoggerFactory.getLogger("dev.nudge.store");
  static final long FIRST = 5_000;

  private final Tx tx;
  private final Dialect dialect;
  private final AtomicLong inserted = new AtomicLong();
  private final AtomicLong next = new AtomicLong(FIRST);

  Statistics(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  /** Counts enrollments inserted by a commit that held; refreshes when the next mark is passed. */
  void inserted(int enrollments) {
    String sql = dialect.refreshStatistics();
    if (enrollments == 0 || sql == null) {
      return;
    }
    long total = inserted.addAndGet(enrollments);
    long mark = next.get();
    if (total < mark || !next.compareAndSet(mark, Math.max(mark, total) * 2)) {
      return;
    }
    try {
      long started = System.nanoTime();
      tx.read(
          "refresh table statistics",
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute(sql);
              if (s.getWarnings() != null) {
                // e.g. a role that does not own the tables: the database skipped them
                log.debug("refreshing table statistics: {}", s.getWarnings().getMessage());
              }
            }
            return Boolean.TRUE;
          });
      log.debug(
          "table statistics refreshed after {} enrollments inserted, in {} ms",
          total,
          (System.nanoTime() - started) / 1_000_000);
    } catch (StoreException e) {
      // statistics only help the planner: the commit held, so this is not the caller's failure
      log.warn("refreshing table statistics failed; the database's own analyze will do it", e);
    }
  }
}
