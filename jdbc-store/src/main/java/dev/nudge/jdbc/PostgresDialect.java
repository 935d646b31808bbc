package dev.nudge.jdbc;

import dev.nudge.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: a batch is claimed in one statement that skips rows other engines have locked, and
 * due and lease times are compared with the database's clock.
 */
final class PostgresDialect extends Dialect {
  /**
   * Claims due enrollments in one round trip: lock what nobody holds, take it, return it. {@code
   * NOW} is the database's clock, or the engine's time bound as a parameter (see {@link
   * #claimSql}). The claim reads the index of due times and passes over rows held under a live
   * lease; it writes only columns in no index, so its row is rewritten in place (HOT).
   */
  private static final String CLAIM =
      """
      UPDATE nudge_due d
         SET lease_owner = ?,
             lease_until = NOW + make_interval(secs => ?),
             fence = d.fence + 1
        FROM (SELECT enrollment_id FROM nudge_due
               WHERE due_at <= NOW AND (lease_until IS NULL OR lease_until <= NOW)
               ORDER BY due_at
               LIMIT ?
               FOR UPDATE SKIP LOCKED) due
       WHERE d.enrollment_id = due.enrollment_id
      RETURNING d.enrollment_id, d.due_at, d.fence, d.lease_until
      """;

  /**
   * Looks up each entry a step left in the order by last activity, walking the index from the
   * entry's place to the first row still there: the index scan marks the entries of rows no
   * transaction can see any more as dead, which a count of the rows found does not need. {@code
   * ORDER BY} with {@code LIMIT 1} keeps the lookup on that index (a bitmap scan marks nothing).
   */
  private static final String CLEAR_STALE =
      """
      SELECT count(*)
        FROM unnest(?, ?, ?, ?) AS k(campaign_id, view_code, last_activity_at, enrollment_id)
        JOIN nudge_campaign c ON c.id = k.campaign_id
       CROSS JOIN LATERAL
             (SELECT 1 FROM nudge_due d
               WHERE d.campaign_seq = c.seq AND d.view_code = k.view_code
                 AND d.last_activity_at = k.last_activity_at
                 AND d.enrollment_id >= k.enrollment_id
               ORDER BY d.campaign_seq, d.view_code, d.last_activity_at, d.enrollment_id
               LIMIT 1) found
      """;

  /** An arbitrary, fixed key for the advisory lock that serializes schema migrations. */
  private static final long SCHEMA_LOCK = 0x6e75646765L; // "nudge"

  @Override
  String name() {
    return "postgresql";
  }

  @Override
  boolean rollsBackSchemaChanges() {
    return true;
  }

  /**
   * Whether the table is found the way the store's statements find it: on the connection's
   * search_path. A search_path that names no existing schema (a {@code currentSchema} not created,
   * or in mixed case, which the driver does not quote) is refused, naming it.
   */
  @Override
  boolean tableExists(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT current_schema(), to_regclass(?) IS NOT NULL, current_setting('search_path')")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getString(1) == null) {
          throw new StoreException(
              "no schema on the connection's search_path ("
                  + rs.getString(3)
                  + ") exists: create it, or correct currentSchema on the JDBC URL",
              null);
        }
        return rs.getBoolean(2);
      }
    }
  }

  @Override
  String json() {
    return "CAST(? AS json)";
  }

  @Override
  boolean hasClock() {
    return true;
  }

  @Override
  String now() {
    return "clock_timestamp()";
  }

  @Override
  List<Claimed> claim(Connection c, String owner, Instant engineNow, Duration lease, int limit)
      throws SQLException {
    List<Claimed> claimed = new ArrayList<>(Math.min(limit, 1000));
    boolean db = databaseClock();
    try (PreparedStatement ps = c.prepareStatement(claimSql(db))) {
      int i = 1;
      ps.setString(i++, owner);
      if (!db) {
        setInstant(ps, i++, engineNow);
      }
      ps.setDouble(i++, lease.toNanos() / 1e9);
      if (!db) {
        setInstant(ps, i++, engineNow);
        setInstant(ps, i++, engineNow);
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(
              new Claimed(
                  getId(rs, "enrollment_id"),
                  Objects.requireNonNull(getInstant(rs, "due_at")),
                  rs.getLong("fence"),
                  Objects.requireNonNull(getInstant(rs, "lease_until"))));
        }
      }
    }
    return claimed;
  }

  /**
   * The claim, with the database's clock or with the engine's time as a parameter. The database's
   * clock is read in sub-selects, once per statement for each of the due comparison, the lease
   * comparison and the lease end (microseconds apart): {@code clock_timestamp()} itself is
   * volatile, so a comparison with it is a filter on every row of the index rather than the end of
   * the range read, and a claim when nothing is due would read the whole index.
   */
  static String claimSql(boolean databaseClock) {
    return CLAIM.replace(
        "NOW", databaseClock ? "(SELECT clock_timestamp())" : "CAST(? AS timestamptz)");
  }

  @Override
  String insertIfAbsent(String table, String columns, String key, int rows) {
    return MultiRowInsert.values(table, columns, row(columns), rows)
        + " ON CONFLICT ("
        + key
        + ") DO NOTHING";
  }

  /**
   * Asked in a transaction, as the store writes: pgjdbc makes a read-only connection's transactions
   * read-only ({@code readOnlyMode=transaction}, its default) or not at all ({@code ignore}), and a
   * replica (hot standby) or {@code default_transaction_read_only} makes every transaction
   * read-only.
   */
  @Override
  boolean readOnly(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      // in the caller's transaction already: asked there, and left open
      return "on".equals(setting(c, "SHOW transaction_read_only"));
    }
    c.setAutoCommit(false);
    try {
      boolean readOnly = "on".equals(setting(c, "SHOW transaction_read_only"));
      c.rollback();
      return readOnly;
    } finally {
      // back to autocommit, which ends the transaction when the statement failed
      c.setAutoCommit(true);
    }
  }

  /** The tables every step rewrites, whose old row versions only a vacuum clears. */
  private static final String NOT_VACUUMED =
      """
      SELECT c.relname
        FROM pg_class c CROSS JOIN LATERAL pg_options_to_table(c.reloptions) o
       WHERE c.oid IN (to_regclass('nudge_due'), to_regclass('nudge_enrollment'))
         AND o.option_name = 'autovacuum_enabled' AND NOT o.option_value::boolean
       ORDER BY c.relname
      """;

  /**
   * Autovacuum off for the server ({@code autovacuum} or {@code track_counts}) or for one of the
   * tables every step rewrites: the row versions each step leaves behind stay until a vacuum, and
   * the claim and the Candidates tab step over more of them the longer the engines send (after a
   * million sends, the first page by last activity took a second to read).
   */
  @Override
  @Nullable String upkeepWarning(Connection c) throws SQLException {
    List<String> off = new ArrayList<>();
    for (String setting : List.of("autovacuum", "track_counts")) {
      if (!"on".equals(setting(c, "SHOW " + setting))) {
        off.add(setting + " = off");
      }
    }
    try (PreparedStatement ps = c.prepareStatement(NOT_VACUUMED);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        off.add("autovacuum_enabled = false on " + rs.getString(1));
      }
    }
    if (off.isEmpty()) {
      return null;
    }
    return "PostgreSQL's autovacuum does not run for the Nudge store ("
        + String.join(", ", off)
        + "): the row versions every step leaves in nudge_enrollment and nudge_due stay until a"
        + " VACUUM, and claims and Candidates-tab reads slow down as they pile up. Turn"
        + " autovacuum on, or run VACUUM (ANALYZE) on those two tables regularly";
  }

  @Override
  boolean keepsStaleEntries() {
    return true;
  }

  @Override
  void clearStale(Connection c, List<StaleEntries.Entry> entries) throws SQLException {
    int n = entries.size();
    Object[] campaigns = new Object[n];
    Object[] views = new Object[n];
    Object[] times = new Object[n];
    Object[] ids = new Object[n];
    for (int i = 0; i < n; i++) {
      StaleEntries.Entry e = entries.get(i);
      campaigns[i] = e.campaignId();
      views[i] = (short) e.viewCode();
      // text in UTC with its offset: read back as the same instant whatever the session's zone
      times[i] = e.lastActivityAt().toString();
      ids[i] = e.enrollmentId();
    }
    try (PreparedStatement ps = c.prepareStatement(CLEAR_STALE)) {
      ps.setArray(1, c.createArrayOf("uuid", campaigns));
      ps.setArray(2, c.createArrayOf("int2", views));
      ps.setArray(3, c.createArrayOf("timestamptz", times));
      ps.setArray(4, c.createArrayOf("uuid", ids));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  }

  /** READ COMMITTED, the default; READ UNCOMMITTED is the same level on PostgreSQL. */
  @Override
  boolean acceptsIsolation(int level) {
    return level == Connection.TRANSACTION_READ_COMMITTED
        || level == Connection.TRANSACTION_READ_UNCOMMITTED;
  }

  @Override
  String product() {
    return "PostgreSQL";
  }

  @Override
  void lockSchema(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
      ps.setLong(1, SCHEMA_LOCK);
      ps.execute();
    }
  }

  @Override
  void unlockSchema(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      ps.setLong(1, SCHEMA_LOCK);
      ps.execute();
    }
  }

  /**
   * PostgreSQL plans from statistics only ANALYZE (or autovacuum) gathers, and keeps a prepared
   * statement's generic plan until they change. The vacuum also marks the new rows visible to all,
   * which the first Candidates-tab reads after an import would otherwise do row by row (ANALYZE
   * alone made the first read of page 99 up to six times slower: benchmarks/HISTORY.md).
   */
  @Override
  String refreshStatistics() {
    return "VACUUM (ANALYZE, SKIP_LOCKED) nudge_enrollment, nudge_enrollment_order,"
        + " nudge_enrollment_address, nudge_due, nudge_message_id";
  }
}
