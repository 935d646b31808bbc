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

  /** An enrollment with the keys core computed for it. */
  record Keyed(Enrollment enrollment, EnrollmentKeys keys) {}

  final MultiRowInsert<Keyed> insert;
  final String update;

  EnrollmentRows(Dialect dialect) {
    this.dialect = dialect;
    this.insert =
        new MultiRowInsert<>(
            n ->
                MultiRowInsert.values(
                    "nudge_enrollment",
                    "id, campaign_id, candidate_id, primary_address, status, status_rank,"
                        + " view_code, name_key, enrolled_at, last_activity_at, task_owner,"
                        + " task_due_at, step_flags, version, data",
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.json() + ")",
                    n),
            (ps, i, e) -> bindInsert(ps, i, e.enrollment(), e.keys()));
    this.update =
        "UPDATE nudge_enrollment SET candidate_id = ?, primary_address = ?, status = ?,"
            + " status_rank = ?, view_code = ?, name_key = ?, last_activity_at = ?,"
            + " task_owner = ?, task_due_at = ?, step_flags = ?, version = ?, data = "
            + dialect.json()
            + " WHERE id = ? AND version = ?";
  }

  /** Binds the parameters of one row of {@link #insert} from {@code i}; returns the next index. */
  private int bindInsert(PreparedStatement ps, int i, Enrollment e, EnrollmentKeys k)
      throws SQLException {
    dialect.setId(ps, i++, e.id().value());
    dialect.setId(ps, i++, e.campaignId().value());
    ps.setString(i++, e.candidate().id().value());
    ps.setString(i++, k.primaryAddress());
    ps.setString(i++, e.status().name());
    ps.setInt(i++, k.statusRank());
    ps.setInt(i++, EnrollmentKeys.viewCode(k.view()));
    dialect.setSortKey(ps, i++, k.nameKey());
    dialect.setInstant(ps, i++, e.enrolledAt());
    dialect.setInstant(ps, i++, e.lastActivityAt());
    ps.setString(i++, k.taskOwner());
    dialect.setInstant(ps, i++, k.taskDueAt());
    ps.setString(i++, flags(k.stepFlags()));
    ps.setLong(i++, e.version());
    ps.setString(i++, Codec.data(e));
    return i;
  }

  /** Binds the parameters of {@link #update}. */
  void bindUpdate(PreparedStatement ps, Enrollment next, EnrollmentKeys k) throws SQLException {
    ps.setString(1, next.candidate().id().value());
    ps.setString(2, k.primaryAddress());
    ps.setString(3, next.status().name());
    ps.setInt(4, k.statusRank());
    ps.setInt(5, EnrollmentKeys.viewCode(k.view()));
    dialect.setSortKey(ps, 6, k.nameKey());
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
