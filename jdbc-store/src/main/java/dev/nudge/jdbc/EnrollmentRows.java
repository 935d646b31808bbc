package dev.nudge.jdbc;

import dev.nudge.CampaignId;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.spi.store.EnrollmentKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The {@code nudge_enrollment} table: its columns, and how an enrollment is written to a row and
 * read from one. Every column a query filters or sorts on holds a key core computed ({@link
 * EnrollmentKeys}); the candidate and the steps are JSON.
 */
final class EnrollmentRows {
  /** The columns every read selects. */
  static final String COLUMNS =
      "e.id, e.campaign_id, e.status, e.enrolled_at, e.last_activity_at, e.version, e.data";

  private final Dialect dialect;
  final String insert;
  final String update;

  EnrollmentRows(Dialect dialect) {
    this.dialect = dialect;
    this.insert =
        "INSERT INTO nudge_enrollment (id, campaign_id, candidate_id, primary_address, status,"
            + " status_rank, view_code, name_key, enrolled_at, last_activity_at, task_owner,"
            + " task_due_at, step_flags, version, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, "
            + dialect.json()
            + ")";
    this.update =
        "UPDATE nudge_enrollment SET candidate_id = ?, primary_address = ?, status = ?,"
            + " status_rank = ?, view_code = ?, name_key = ?, last_activity_at = ?,"
            + " task_owner = ?, task_due_at = ?, step_flags = ?, version = ?, data = "
            + dialect.json()
            + " WHERE id = ? AND version = ?";
  }

  /** Binds the parameters of {@link #insert}. */
  void bindInsert(PreparedStatement ps, Enrollment e, EnrollmentKeys k) throws SQLException {
    dialect.setId(ps, 1, e.id().value());
    dialect.setId(ps, 2, e.campaignId().value());
    ps.setString(3, e.candidate().id().value());
    ps.setString(4, k.primaryAddress());
    ps.setString(5, e.status().name());
    ps.setInt(6, k.statusRank());
    ps.setInt(7, EnrollmentKeys.viewCode(k.view()));
    ps.setString(8, k.nameKey());
    dialect.setInstant(ps, 9, e.enrolledAt());
    dialect.setInstant(ps, 10, e.lastActivityAt());
    ps.setString(11, k.taskOwner());
    dialect.setInstant(ps, 12, k.taskDueAt());
    ps.setString(13, flags(k.stepFlags()));
    ps.setLong(14, e.version());
    ps.setString(15, Codec.data(e));
  }

  /** Binds the parameters of {@link #update}. */
  void bindUpdate(PreparedStatement ps, Enrollment next, EnrollmentKeys k) throws SQLException {
    ps.setString(1, next.candidate().id().value());
    ps.setString(2, k.primaryAddress());
    ps.setString(3, next.status().name());
    ps.setInt(4, k.statusRank());
    ps.setInt(5, EnrollmentKeys.viewCode(k.view()));
    ps.setString(6, k.nameKey());
    dialect.setInstant(ps, 7, next.lastActivityAt());
    ps.setString(8, k.taskOwner());
    dialect.setInstant(ps, 9, k.taskDueAt());
    ps.setString(10, flags(k.stepFlags()));
    ps.setLong(11, next.version());
    ps.setString(12, Codec.data(next));
    dialect.setId(ps, 13, next.id().value());
    ps.setLong(14, next.version() - 1);
  }

  /** Reads the enrollment of the current row, selected with {@link #COLUMNS}. */
  Enrollment read(ResultSet rs) throws SQLException {
    return Codec.enrollment(
        new EnrollmentId(dialect.getId(rs, "id")),
        new CampaignId(dialect.getId(rs, "campaign_id")),
        EnrollmentStatus.valueOf(rs.getString("status")),
        Objects.requireNonNull(dialect.getInstant(rs, "enrolled_at")),
        Objects.requireNonNull(dialect.getInstant(rs, "last_activity_at")),
        rs.getLong("version"),
        rs.getString("data"));
  }

  /** The step flags as one hexadecimal digit per step. */
  static String flags(List<Integer> flags) {
    char[] out = new char[flags.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Character.forDigit(flags.get(i), 16);
    }
    return new String(out);
  }
}
