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
 * read from one; and the enrollment's row in {@code nudge_enrollment_order}, its Candidates-tab
 * sort keys. Every column a query filters or sorts on holds a key core computed ({@link
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

  /** The enrollments' rows in {@code nudge_enrollment_order}: their Candidates-tab sort keys. */
  final MultiRowInsert<Keyed> insertOrder;

  final String update;

  /** A change of an enrollment's sort keys: its view, status or name changed. */
  static final String UPDATE_ORDER =
      "UPDATE nudge_enrollment_order SET view_code = ?, status_rank = ?, name_key = ?"
          + " WHERE campaign_id = ? AND enrollment_id = ?";

  EnrollmentRows(Dialect dialect) {
    this.dialect = dialect;
    this.insert =
        new MultiRowInsert<>(
            n ->
                MultiRowInsert.values(
                    "nudge_enrollment",
                    "id, campaign_id, candidate_id, primary_address, status, enrolled_at,"
                        + " last_activity_at, task_owner, task_due_at, step_flags, version, data",
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.json() + ")",
                    n),
            (ps, i, e) -> bindInsert(ps, i, e.enrollment(), e.keys()));
    this.insertOrder =
        new MultiRowInsert<>(
            n ->
                MultiRowInsert.values(
                    "nudge_enrollment_order",
                    "view_code, status_rank, name_key, campaign_id, enrollment_id",
                    "(?, ?, ?, ?, ?)",
                    n),
            (ps, i, e) -> {
              int next = bindOrder(ps, i, e.keys());
              dialect.setId(ps, next, e.enrollment().campaignId().value());
              dialect.setId(ps, next + 1, e.enrollment().id().value());
              return next + 2;
            });
    this.update =
        "UPDATE nudge_enrollment SET candidate_id = ?, primary_address = ?, status = ?,"
            + " last_activity_at = ?, task_owner = ?, task_due_at = ?, step_flags = ?,"
            + " version = ?, data = "
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
    dialect.setInstant(ps, 4, next.lastActivityAt());
    ps.setString(5, k.taskOwner());
    dialect.setInstant(ps, 6, k.taskDueAt());
    ps.setString(7, flags(k.stepFlags()));
    ps.setLong(8, next.version());
    ps.setString(9, Codec.data(next));
    dialect.setId(ps, 10, next.id().value());
    ps.setLong(11, next.version() - 1);
  }

  /** Whether an update changes what the enrollment's {@code nudge_enrollment_order} row holds. */
  static boolean orderChanged(EnrollmentKeys before, EnrollmentKeys after) {
    return before.view() != after.view()
        || before.statusRank() != after.statusRank()
        || !before.nameKey().equals(after.nameKey());
  }

  /** Binds the parameters of {@link #UPDATE_ORDER}. */
  void bindOrderUpdate(PreparedStatement ps, Enrollment next, EnrollmentKeys k)
      throws SQLException {
    int i = bindOrder(ps, 1, k);
    dialect.setId(ps, i, next.campaignId().value());
    dialect.setId(ps, i + 1, next.id().value());
  }

  /** Binds the sort keys: view, status rank, name; returns the next index. */
  private int bindOrder(PreparedStatement ps, int i, EnrollmentKeys k) throws SQLException {
    ps.setInt(i, EnrollmentKeys.viewCode(k.view()));
    ps.setInt(i + 1, k.statusRank());
    dialect.setSortKey(ps, i + 2, k.nameKey());
    return i + 3;
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
