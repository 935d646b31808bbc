package dev.nudge.jdbc;

import dev.nudge.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything that differs between the supported databases, in one place: how ids, times and JSON
 * are bound and read, which clock due and lease times are compared with, how due work is claimed,
 * how a row is inserted unless present, and how schema migrations are kept to one node at a time.
 * The SQL that is the same everywhere lives with the repository that runs it.
 */
abstract class Dialect {
  /**
   * Whether to compare due and lease times with the engine's time even where the database has a
   * clock.
   */
  private boolean engineClock;

  /** Makes claims and leases use the time the engine passes, not the database's clock. */
  final Dialect withEngineClock(boolean engineClock) {
    this.engineClock = engineClock;
    return this;
  }

  /** The folder of this database's schema files, e.g. {@code postgresql}. */
  abstract String name();

  /**
   * Whether a rollback undoes tables and indexes made in the transaction; H2 and MariaDB commit
   * each of them at once.
   */
  boolean rollsBackSchemaChanges() {
    return false;
  }

  /** The schema file of a version, inside the jar. */
  final String schemaResource(int version) {
    return "dev/nudge/jdbc/schema/" + name() + "/V" + version + "__nudge.sql";
  }

  // ---- values ------------------------------------------------------------------------------

  void setId(PreparedStatement ps, int i, UUID id) throws SQLException {
    ps.setObject(i, id);
  }

  UUID getId(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  /**
   * Binds a sort key core computed ({@code name_key}), which the database must order as core does:
   * by code point ({@link dev.nudge.spi.store.EnrollmentKeys#TEXT_ORDER}).
   */
  void setSortKey(PreparedStatement ps, int i, String key) throws SQLException {
    ps.setString(i, key);
  }

  /**
   * Binds a sort key as its UTF-8 bytes, for a database that keeps it in a binary string: those
   * compare by unsigned byte, and UTF-8's byte order is code point order.
   */
  static void setSortKeyBytes(PreparedStatement ps, int i, String key) throws SQLException {
    ps.setBytes(i, key.getBytes(StandardCharsets.UTF_8));
  }

  void setInstant(PreparedStatement ps, int i, @Nullable Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, t.atOffset(ZoneOffset.UTC));
    }
  }

  @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /**
   * A statement that refreshes the planner's statistics of the tables lookups and claims read, or
   * null when the database keeps them current by itself (see {@link Statistics}).
   */
  @Nullable String refreshStatistics() {
    return null;
  }

  /**
   * Whether the database keeps the index entries of old row versions until a vacuum, so that the
   * store clears those its commits leave in the order by last activity ({@link StaleEntries}).
   * InnoDB purges them by itself, and H2 keeps no such entries.
   */
  boolean keepsStaleEntries() {
    return false;
  }

  /**
   * Looks the entries up in {@code nudge_due_by_last_activity}, so that the database marks those
   * whose rows are gone for every transaction as dead (see {@link StaleEntries}).
   */
  void clearStale(Connection c, List<StaleEntries.Entry> entries) throws SQLException {
    // nothing to clear
  }

  /** The parameter marker of a JSON value bound as a string. */
  String json() {
    return "?";
  }

  // ---- clocks and claims -------------------------------------------------------------------

  /**
   * Whether due and lease times are compared with the database's clock ({@link #now()}) rather than
   * the engine's: then a node with a skewed clock cannot steal a live lease.
   */
  final boolean databaseClock() {
    return hasClock() && !engineClock;
  }

  /** Whether the database's clock is the one claims use, unless told otherwise. */
  abstract boolean hasClock();

  /** The SQL expression of the database's current time, when {@link #databaseClock()}. */
  abstract String now();

  /**
   * Claims up to {@code limit} due enrollments nobody holds a live lease on, earliest due first, in
   * the connection's transaction, and returns them with their new fence and lease end.
   */
  abstract List<Claimed> claim(
      Connection c, String owner, Instant engineNow, Duration lease, int limit) throws SQLException;

  /** A claimed row. */
  record Claimed(UUID id, Instant dueAt, long fence, Instant leaseUntil) {}

  /** Reads the database clock, or returns the engine's time for a database without one in use. */
  final Instant clock(Connection c, Instant engineNow) throws SQLException {
    if (!databaseClock()) {
      return engineNow;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT " + now() + " AS now");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      Instant now = getInstant(rs, "now");
      return now == null ? engineNow : now;
    }
  }

  // ---- writes ------------------------------------------------------------------------------

  /**
   * The clause that locks a campaign row read to check its version against changes of it until the
   * transaction ends, while other readers may lock it too.
   */
  String shareLock() {
    return "FOR SHARE";
  }

  /**
   * An insert of {@code rows} rows that leaves out each row whose key is taken already.
   *
   * @param table the table
   * @param columns its columns, comma-separated, each bound by one parameter
   * @param key the columns of the key, comma-separated
   * @param rows how many rows the statement inserts
   */
  abstract String insertIfAbsent(String table, String columns, String key, int rows);

  /** {@code (?, ?, ...)}, one marker per column. */
  static String row(String columns) {
    int n = columns.split(",", -1).length;
    return "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
  }

  /**
   * Whether the transaction failed on another one and nothing of it was written once the store
   * rolled it back: the database rolled it back to end a deadlock or a serialization conflict (SQL
   * state 40001 on H2 and PostgreSQL, or 40P01 for a deadlock on PostgreSQL), or gave up waiting
   * for its lock ({@link H2Dialect}).
   */
  boolean isRolledBack(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /** Whether a statement failed because a unique key or primary key was already taken. */
  boolean isDuplicate(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.equals("23505");
  }

  // ---- schema ------------------------------------------------------------------------------

  /**
   * Refuses a connection whose session settings the store cannot keep its promises on, naming the
   * setting; called once when the store is built. Here: an isolation level the store is not tested
   * at, where the writes of engines and commands that meet each other fail where they must complete
   * (at REPEATABLE READ on H2 and PostgreSQL, the mailbox counters, erasures and suppression lists
   * fail with serialization errors). And a read-only session: the store writes at every step, and a
   * driver may let some writes through (pgjdbc's read-only connections write in autocommit).
   */
  void checkSession(Connection c) throws SQLException {
    if (readOnly(c)) {
      throw readOnlyConnections(null);
    }
    int level = c.getTransactionIsolation();
    if (!acceptsIsolation(level)) {
      throw new StoreException(
          "the data source's "
              + product()
              + " sessions run at "
              + isolationName(level)
              + ", where writes that meet another transaction's fail where the store needs them"
              + " to complete: give the store a pool at "
              + acceptedIsolation(),
          null);
    }
  }

  /**
   * What in the database's settings will slow the store down as it runs, for a warning when the
   * store is built; {@code null} when nothing does. Here nothing: InnoDB purges old row versions by
   * itself, and H2 reuses their space as it writes.
   */
  @Nullable String upkeepWarning(Connection c) throws SQLException {
    return null;
  }

  /** The store's refusal of connections that may not write. */
  StoreException readOnlyConnections(@Nullable SQLException cause) {
    return new StoreException(
        "the data source's "
            + product()
            + " connections are read-only (a replica, or a pool, session or server set to read"
            + " only), and the store writes at every step: give the store a pool that writes, on"
            + " the primary server",
        cause);
  }

  /** Whether the database refused a write because the session or the server is read only. */
  boolean isReadOnlyRefusal(SQLException e) {
    return "25006".equals(e.getSQLState());
  }

  /**
   * The single value a statement that reads a setting returns, its text parameters bound in order.
   */
  static @Nullable String setting(Connection c, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Whether the session may not write: the driver's flag, and the server's where it has one. */
  boolean readOnly(Connection c) throws SQLException {
    return c.isReadOnly();
  }

  /** The isolation levels {@link #acceptsIsolation} takes, and how to ask a pool for one. */
  String acceptedIsolation() {
    return "READ COMMITTED, "
        + product()
        + "'s default (HikariCP: transactionIsolation=TRANSACTION_READ_COMMITTED)";
  }

  /** Whether the store is tested, and works, at a JDBC isolation level on this database. */
  boolean acceptsIsolation(int level) {
    return level == Connection.TRANSACTION_READ_COMMITTED;
  }

  /** The database's name for people. */
  abstract String product();

  private static String isolationName(int level) {
    return switch (level) {
      case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
      case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
      case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
      case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
      default -> "isolation level " + level;
    };
  }

  /** Keeps other nodes out of the schema migration until {@link #unlockSchema}. */
  abstract void lockSchema(Connection c) throws SQLException;

  abstract void unlockSchema(Connection c) throws SQLException;

  /** Whether a table exists in the connection's current schema. */
  boolean tableExists(Connection c, String table) throws SQLException {
    for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
      try (ResultSet rs =
          c.getMetaData().getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  static Timestamp utc(Instant t) {
    return Timestamp.from(t);
  }
}
