package dev.nudge.jdbc;

import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEntry;
import dev.nudge.InvalidInputException;
import dev.nudge.MatchMethod;
import dev.nudge.StepRef;
import dev.nudge.spi.store.InboundLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@code nudge_inbound} table: one row per received mail, keyed by Message-ID (or hash). Rows
 * are inserted by {@link Committer} in the commit of the mail's effect; a key already present
 * refuses that commit.
 */
final class JdbcInbound implements InboundLog {
  static final String COLUMNS =
      "msg_key, received_at, kind, outcome, enrollment_id, step, matched_by, from_address, detail";

  /** The columns an insert binds: {@link #COLUMNS} and the sender in lower case. */
  static final String INSERT_COLUMNS = COLUMNS + ", from_key";

  /** Rows still holding a sender or a detail. */
  private static final String UNCLEARED = "(from_address IS NOT NULL OR detail <> '')";

  private static final String FIND_FROM = "SELECT msg_key FROM nudge_inbound WHERE from_key IN (";
  private static final String FIND_MATCHED =
      "SELECT msg_key FROM nudge_inbound WHERE " + UNCLEARED + " AND enrollment_id IN (";
  private static final String CLEAR =
      "UPDATE nudge_inbound SET from_address = NULL, from_key = NULL, detail = ''"
          + " WHERE msg_key = ? AND "
          + UNCLEARED;
  private static final String FIND = "SELECT " + COLUMNS + " FROM nudge_inbound WHERE msg_key = ?";
  private static final String RECENT =
      "SELECT " + COLUMNS + " FROM nudge_inbound ORDER BY received_at DESC, msg_key DESC LIMIT ?";

  private final Tx tx;
  private final Dialect dialect;

  JdbcInbound(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  @Override
  public Optional<InboundEntry> find(String key) {
    return tx.read(
        "read a received mail",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.<InboundEntry>empty();
            }
          }
        });
  }

  @Override
  public List<InboundEntry> recent(int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit", "must be at least 1, was " + limit);
    }
    return tx.read(
        "read received mails",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(RECENT)) {
            ps.setInt(1, limit);
            List<InboundEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                entries.add(read(rs));
              }
            }
            return entries;
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>The rows are found first, then cleared one at a time in the order of their keys: two
   * erasures that reach the same rows (one by sender, the other by enrollment) lock them in one
   * order, so the second waits for the first instead of a deadlock failing one of them.
   */
  @Override
  public int forget(Collection<EmailAddress> from, Collection<EnrollmentId> enrollments) {
    List<String> senders =
        new ArrayList<>(new LinkedHashSet<>(from.stream().map(EmailAddress::key).toList()));
    List<EnrollmentId> ids = new ArrayList<>(new LinkedHashSet<>(enrollments));
    return tx.write(
        "forget the senders of received mails",
        c -> {
          SortedSet<String> keys = new TreeSet<>();
          for (int i = 0; i < senders.size(); i += JdbcEnrollments.IN_LIMIT) {
            List<String> part =
                senders.subList(i, Math.min(senders.size(), i + JdbcEnrollments.IN_LIMIT));
            try (PreparedStatement ps =
                c.prepareStatement(FIND_FROM + JdbcEnrollments.markers(part.size()) + ")")) {
              for (int j = 0; j < part.size(); j++) {
                ps.setString(j + 1, part.get(j));
              }
              keys(ps, keys);
            }
          }
          for (int i = 0; i < ids.size(); i += JdbcEnrollments.IN_LIMIT) {
            List<EnrollmentId> part =
                ids.subList(i, Math.min(ids.size(), i + JdbcEnrollments.IN_LIMIT));
            try (PreparedStatement ps =
                c.prepareStatement(FIND_MATCHED + JdbcEnrollments.markers(part.size()) + ")")) {
              for (int j = 0; j < part.size(); j++) {
                dialect.setId(ps, j + 1, part.get(j).value());
              }
              keys(ps, keys);
            }
          }
          if (keys.isEmpty()) {
            return 0;
          }
          int cleared = 0;
          try (PreparedStatement ps = c.prepareStatement(CLEAR)) {
            for (String key : keys) {
              ps.setString(1, key);
              ps.addBatch();
            }
            for (int n : Tx.counts(ps)) {
              cleared += n;
            }
          }
          return cleared;
        });
  }

  private static void keys(PreparedStatement ps, SortedSet<String> into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        into.add(rs.getString(1));
      }
    }
  }

  /** Binds one row in the order of {@link #INSERT_COLUMNS}; returns the next free index. */
  int bind(PreparedStatement ps, int i, InboundEntry e) throws SQLException {
    ps.setString(i++, e.key());
    dialect.setInstant(ps, i++, e.receivedAt());
    ps.setString(i++, e.kind().name());
    ps.setString(i++, e.outcome().name());
    StepRef step = e.step();
    if (step == null) {
      ps.setObject(i++, null);
      ps.setObject(i++, null);
    } else {
      dialect.setId(ps, i++, step.enrollmentId().value());
      ps.setInt(i++, step.step());
    }
    MatchMethod by = e.matchedBy();
    ps.setString(i++, by == null ? null : by.name());
    EmailAddress from = e.from();
    ps.setString(i++, from == null ? null : from.value());
    ps.setString(i++, e.detail());
    ps.setString(i++, from == null ? null : from.key());
    return i;
  }

  private InboundEntry read(ResultSet rs) throws SQLException {
    String by = rs.getString("matched_by");
    String from = rs.getString("from_address");
    int step = rs.getInt("step");
    StepRef ref =
        rs.wasNull()
            ? null
            : new StepRef(new EnrollmentId(dialect.getId(rs, "enrollment_id")), step);
    return new InboundEntry(
        rs.getString("msg_key"),
        Objects.requireNonNull(dialect.getInstant(rs, "received_at"), "received_at"),
        InboundEntry.Kind.valueOf(rs.getString("kind")),
        InboundEntry.Outcome.valueOf(rs.getString("outcome")),
        ref,
        by == null ? null : MatchMethod.valueOf(by),
        from == null ? null : EmailAddress.of("from_address", from),
        rs.getString("detail"));
  }
}
