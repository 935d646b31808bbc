package dev.nudge.jdbc;

import dev.nudge.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
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

  /** The compatibility modes the store's SQL is tested in, as H2 names them, in upper case. */
  private static final Set<String> MODES =
      Set.of("REGULAR", "LEGACY", "POSTGRESQL", "MYSQL", "MARIADB");

  private static final String SETTING =
      "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?";

  /**
   * Besides the isolation level and read-only sessions: a compatibility mode whose SQL the store
   * does not speak (the Oracle, SQL Server, Derby and strict modes refuse {@code LIMIT}), text
   * compared ignoring case ({@code IGNORECASE}: ids that differ in case would collide), and a
   * database in a file that writes a commit to disk only some time after the commit returns ({@code
   * WRITE_DELAY}, 500 ms unless set), where a crash of the process loses the last commits: among
   * them the record that a send is in flight, so that the step is sent again, or the enrollments
   * just imported.
   */
  @Override
  void checkSession(Connection c) throws SQLException {
    super.checkSession(c);
    String mode = setting(c, SETTING, "MODE");
    if (mode != null && !MODES.contains(mode.toUpperCase(Locale.ROOT))) {
      throw new StoreException(
          "the data source's H2 database runs in MODE="
              + mode
              + ", whose SQL the store does not speak: leave the mode out of the JDBC URL, or use"
              + " MODE=PostgreSQL, MySQL, MariaDB or LEGACY",
          null);
    }
    String ignoreCase = setting(c, SETTING, "IGNORECASE");
    if (ignoreCase != null && !ignoreCase.equals("0") && !ignoreCase.equalsIgnoreCase("false")) {
      throw new StoreException(
          "the data source's H2 database compares text ignoring case (IGNORECASE=TRUE), so two"
              + " candidate ids or Message-IDs that differ only in case would be taken for one:"
              + " leave IGNORECASE out of the JDBC URL",
          null);
    }
    String delay = setting(c, SETTING, "WRITE_DELAY");
    if (setting(c, "SELECT DATABASE_PATH()") != null && delay != null && !delay.equals("0")) {
      throw new StoreException(
          "the data source's H2 database in a file writes a commit to disk up to "
              + delay
              + " ms after the commit returns (WRITE_DELAY), so a crash of the process can lose"
              + " the record that a send is in flight and send it again: add ;WRITE_DELAY=0 to"
              + " its JDBC URL",
          null);
    }
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
