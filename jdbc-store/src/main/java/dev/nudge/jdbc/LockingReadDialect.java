package dev.nudge.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Databases that claim with a locking read that skips locked rows, then an update of what it
 * locked, in one transaction (MariaDB, H2). The time compared with is the database's clock where
 * the dialect uses it, else the engine's.
 */
abstract class LockingReadDialect extends Dialect {
  private static final String DUE =
      """
      SELECT enrollment_id, due_at, fence FROM nudge_due
       WHERE claimable_at <= ?
       ORDER BY claimable_at
       LIMIT ?
       FOR UPDATE SKIP LOCKED
      """;
  private static final String TAKE =
      "UPDATE nudge_due SET lease_owner = ?, lease_until = ?, fence = ? WHERE enrollment_id = ?";

  @Override
  final List<Claimed> claim(
      Connection c, String owner, Instant engineNow, Duration lease, int limit)
      throws SQLException {
    Instant now = clock(c, engineNow);
    Instant until = now.plus(lease);
    List<Claimed> claimed = new ArrayList<>(Math.min(limit, 1000));
    try (PreparedStatement ps = c.prepareStatement(DUE)) {
      setInstant(ps, 1, now);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(
              new Claimed(
                  getId(rs, "enrollment_id"),
                  Objects.requireNonNull(getInstant(rs, "due_at")),
                  rs.getLong("fence") + 1,
                  until));
        }
      }
    }
    if (claimed.isEmpty()) {
      return claimed;
    }
    try (PreparedStatement ps = c.prepareStatement(TAKE)) {
      for (Claimed k : claimed) {
        ps.setString(1, owner);
        setInstant(ps, 2, until);
        ps.setLong(3, k.fence());
        setId(ps, 4, k.id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return claimed;
  }
}
