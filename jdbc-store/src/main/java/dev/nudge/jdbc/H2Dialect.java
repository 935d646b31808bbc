package dev.nudge.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * H2 2.x, the embedded default: one node, so due and lease times are compared with the engine's
 * clock. Its locking read locks every matching row, so concurrent claimers take turns.
 */
final class H2Dialect extends LockingReadDialect {
  /** Schema migrations of embedded databases run in one JVM: one at a time. */
  private static final ReentrantLock SCHEMA = new ReentrantLock();

  @Override
  String name() {
    return "h2";
  }

  @Override
  String product() {
    return "H2";
  }

  /**
   * H2 orders text by UTF-16 unit, which puts a character beyond U+FFFF (a surrogate pair) before
   * U+E000 to U+FFFF: the sort key is kept as its UTF-8 bytes.
   */
  @Override
  void setSortKey(PreparedStatement ps, int i, String key) throws SQLException {
    setSortKeyBytes(ps, i, key);
  }

  /**
   * Also H2's lock timeout (SQL state HYT00): H2 gives up waiting for another transaction's row
   * lock after its {@code LOCK_TIMEOUT}, two seconds unless the URL sets another, less than a large
   * import of another thread takes on a busy machine. The store rolls its transaction back, so
   * nothing was written, and the engine decides again on fresh reads.
   */
  @Override
  boolean isRolledBack(java.sql.SQLException e) {
    return super.isRolledBack(e) || "HYT00".equals(e.getSQLState());
  }

  @Override
  String json() {
    return "? FORMAT JSON";
  }

  @Override
  boolean hasClock() {
    return false;
  }

  @Override
  String now() {
    return "CURRENT_TIMESTAMP(6)";
  }

  @Override
  String shareLock() {
    return "FOR UPDATE";
  }

  @Override
  String insertIfAbsent(String table, String columns, String key, int rows) {
    StringBuilder on = new StringBuilder();
    for (String k : key.split(",", -1)) {
      on.append(on.length() == 0 ? "" : " AND ")
          .append("t.")
          .append(k.strip())
          .append(" = s.")
          .append(k.strip());
    }
    StringBuilder values = new StringBuilder();
    for (String col : columns.split(",", -1)) {
      values.append(values.length() == 0 ? "" : ", ").append("s.").append(col.strip());
    }
    StringBuilder source = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      source.append(i == 0 ? "" : ", ").append(row(columns));
    }
    return "MERGE INTO "
        + table
        + " t USING (VALUES "
        + source
        + ") s("
        + columns
        + ") ON "
        + on
        + " WHEN NOT MATCHED THEN INSERT ("
        + columns
        + ") VALUES ("
        + values
        + ")";
  }

  @Override
  void lockSchema(Connection c) {
    SCHEMA.lock();
  }

  @Override
  void unlockSchema(Connection c) {
    SCHEMA.unlock();
  }
}
