package dev.nudge.jdbc;

import dev.nudge.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB: ids as text, times as UTC {@code DATETIME(6)} (no session time zone touches them), a
 * claim as a locking read that skips rows other engines hold followed by an update in the same
 * transaction, due and lease times compared with {@code UTC_TIMESTAMP(6)}.
 */
final class MariaDbDialect extends LockingReadDialect {
  @Override
  String name() {
    return "mariadb";
  }

  @Override
  String product() {
    return "MariaDB";
  }

  /** REPEATABLE READ, the default, or READ COMMITTED: the levels the store is tested at. */
  @Override
  boolean acceptsIsolation(int level) {
    return level == Connection.TRANSACTION_REPEATABLE_READ
        || level == Connection.TRANSACTION_READ_COMMITTED;
  }

  @Override
  String acceptedIsolation() {
    return "REPEATABLE READ, MariaDB's default, or READ COMMITTED (HikariCP:"
        + " transactionIsolation=TRANSACTION_REPEATABLE_READ)";
  }

  /**
   * Text compares with a collation that pads the shorter value with spaces, so "ann" sorts after
   * "ann\tlee": the sort key is kept as its UTF-8 bytes.
   */
  @Override
  void setSortKey(PreparedStatement ps, int i, String key) throws SQLException {
    setSortKeyBytes(ps, i, key);
  }

  @Override
  void setId(PreparedStatement ps, int i, UUID id) throws SQLException {
    ps.setString(i, id.toString());
  }

  @Override
  UUID getId(ResultSet rs, String column) throws SQLException {
    return UUID.fromString(rs.getString(column));
  }

  @Override
  void setInstant(PreparedStatement ps, int i, @Nullable Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.TIMESTAMP);
    } else {
      ps.setObject(i, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }
  }

  @Override
  @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  @Override
  boolean hasClock() {
    return true;
  }

  @Override
  String now() {
    return "UTC_TIMESTAMP(6)";
  }

  @Override
  String shareLock() {
    return "LOCK IN SHARE MODE";
  }

  @Override
  String insertIfAbsent(String table, String columns, String key, int rows) {
    String first = key.split(",", -1)[0].strip();
    return MultiRowInsert.values(table, columns, row(columns), rows)
        + " ON DUPLICATE KEY UPDATE "
        + first
        + " = "
        + first;
  }

  /**
   * A deadlock (error 1213) only: MySQL's driver also gives a lock wait timeout (1205) SQL state
   * 40001, and InnoDB undoes just the statement that timed out.
   */
  @Override
  boolean isRolledBack(SQLException e) {
    return e.getErrorCode() == 1213;
  }

  @Override
  boolean isDuplicate(SQLException e) {
    return e.getErrorCode() == 1062 || super.isDuplicate(e);
  }

  /**
   * A strict {@code sql_mode} ({@code STRICT_TRANS_TABLES}, MariaDB's default, or {@code
   * STRICT_ALL_TABLES}): without it the server cuts an over-long value short, or stores a value it
   * cannot convert as something else, with only a warning, and the store would go on with what it
   * did not write.
   */
  @Override
  void checkSession(Connection c) throws SQLException {
    super.checkSession(c);
    String mode = setting(c, "SELECT @@SESSION.sql_mode");
    if (!isStrict(mode)) {
      throw new StoreException(
          "the data source's MariaDB sessions run with sql_mode '"
              + (mode == null ? "" : mode)
              + "', which cuts over-long values short instead of refusing them: add"
              + " STRICT_TRANS_TABLES (MariaDB's default) to the server's sql_mode, or set it for"
              + " the pool's sessions (for example sessionVariables=sql_mode=... on the JDBC URL)",
          null);
    }
  }

  /**
   * Also a session set to {@code TRANSACTION READ ONLY} ({@code tx_read_only} before MariaDB 11.1,
   * {@code transaction_read_only} in later releases and MySQL 8), and a server set to {@code
   * read_only} that refuses this user's writes (a user with the right to write through it, such as
   * {@code READ_ONLY ADMIN}, is taken). Whether it refuses them is asked of the server with an
   * update of no row on the schema's version table; before the schema exists, the migrator's first
   * statement is refused instead.
   */
  @Override
  boolean readOnly(Connection c) throws SQLException {
    if (super.readOnly(c)) {
      return true;
    }
    String session;
    try {
      session = setting(c, "SELECT @@SESSION.tx_read_only");
    } catch (SQLException unknownVariable) {
      if (unknownVariable.getErrorCode() != UNKNOWN_SYSTEM_VARIABLE) {
        throw unknownVariable;
      }
      session = setting(c, "SELECT @@SESSION.transaction_read_only");
    }
    if ("1".equals(session)) {
      return true;
    }
    String server = setting(c, "SELECT @@GLOBAL.read_only");
    if (server == null || "0".equals(server) || "OFF".equalsIgnoreCase(server)) {
      return false;
    }
    if (!tableExists(c, "nudge_schema_version")) {
      return false;
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE nudge_schema_version SET version = version WHERE version < 0")) {
      ps.executeUpdate();
      return false;
    } catch (SQLException e) {
      if (isReadOnlyRefusal(e)) {
        return true;
      }
      if (e.getErrorCode() == NO_TABLE_PRIVILEGE) {
        // a user that may not update the version table: what read_only does to it stays unknown,
        // and its own writes will say so
        return false;
      }
      throw e;
    }
  }

  /** MariaDB's and MySQL's error for a command the user has no privilege for on a table. */
  private static final int NO_TABLE_PRIVILEGE = 1142;

  /**
   * Also the server's {@code read_only} (1290, the error of every server option that refuses a
   * statement, so only when its message names read-only) and a read-only transaction (1792).
   */
  @Override
  boolean isReadOnlyRefusal(SQLException e) {
    if (e.getErrorCode() == 1290) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return message.contains("read-only") || message.contains("read_only");
    }
    return e.getErrorCode() == 1792 || super.isReadOnlyRefusal(e);
  }

  /** MariaDB's and MySQL's error for a system variable the server does not have. */
  private static final int UNKNOWN_SYSTEM_VARIABLE = 1193;

  private static boolean isStrict(@Nullable String sqlMode) {
    if (sqlMode == null) {
      return false;
    }
    for (String mode : sqlMode.split(",", -1)) {
      String m = mode.strip().toUpperCase(Locale.ROOT);
      if (m.equals("STRICT_TRANS_TABLES") || m.equals("STRICT_ALL_TABLES")) {
        return true;
      }
    }
    return false;
  }

  @Override
  void lockSchema(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK('nudge_schema', 120)");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next() || rs.getInt(1) != 1) {
        throw new SQLException("could not take the schema migration lock within 120 s");
      }
    }
  }

  @Override
  void unlockSchema(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK('nudge_schema')")) {
      ps.execute();
    }
  }
}
