package dev.nudge.jdbc;

import dev.nudge.Enrollment;
import dev.nudge.spi.store.EnrollmentKeys;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The {@code nudge_due} table: when each enrollment next needs an engine, who holds it (lease owner
 * and end) and its fencing token. Claims read and write only this narrow table; the wide enrollment
 * row is written once per change, by version. It also holds the enrollment's campaign (by its
 * number, {@link CampaignNumbers}), view and last activity, the Candidates tab's order by last
 * activity: every step rewrites these rows anyway.
 *
 * <p>Each statement that writes a due time starts with the same three parameters: {@link #SET}.
 */
final class DueRows {
  /**
   * The columns of a new row, and its values: the same as {@link #SET}, then the campaign's number
   * and the id.
   */
  static final String INSERT_COLUMNS =
      "due_at, view_code, last_activity_at, campaign_seq, enrollment_id, fence";

  static final String INSERT_ROW = "(?, ?, ?, ?, ?, 0)";

  /** The columns every due-time write sets, parameters 1 to 3. */
  static final String SET = "due_at = ?, view_code = ?, last_activity_at = ?";

  /** A new due time written outside a claim. */
  static final String SET_DUE = "UPDATE nudge_due SET " + SET + " WHERE enrollment_id = ?";

  /**
   * A due time written outside a claim, in the commit that gives a claim back: the claim is given
   * back only while its fence holds.
   */
  static final String SET_DUE_AND_RELEASE_IF_HELD =
      "UPDATE nudge_due SET "
          + SET
          + ", lease_owner = CASE WHEN fence = ? THEN NULL ELSE lease_owner END,"
          + " lease_until = CASE WHEN fence = ? THEN NULL ELSE lease_until END"
          + " WHERE enrollment_id = ?";

  /** A new due time written under a claim that is kept. */
  static final String SET_DUE_HELD =
      "UPDATE nudge_due SET "
          + SET
          + " WHERE enrollment_id = ? AND fence = ? AND lease_owner IS NOT NULL";

  /** A new due time written under a claim that is given back in the same commit. */
  static final String SET_DUE_AND_RELEASE =
      "UPDATE nudge_due SET "
          + SET
          + ", lease_owner = NULL, lease_until = NULL"
          + " WHERE enrollment_id = ? AND fence = ? AND lease_owner IS NOT NULL";

  static final String RELEASE =
      "UPDATE nudge_due SET lease_owner = NULL, lease_until = NULL"
          + " WHERE enrollment_id = ? AND fence = ?";

  static final String RENEW =
      "UPDATE nudge_due SET lease_until = ?"
          + " WHERE enrollment_id = ? AND fence = ? AND lease_owner IS NOT NULL";

  /**
   * Binds {@link #SET}'s parameters (1 to 3, or from {@code first}) for an enrollment; returns the
   * next free index.
   */
  static int bindSet(
      Dialect dialect, PreparedStatement ps, int first, EnrollmentKeys keys, Enrollment e)
      throws SQLException {
    dialect.setInstant(ps, first, keys.dueAt());
    ps.setInt(first + 1, EnrollmentKeys.viewCode(keys.view()));
    dialect.setInstant(ps, first + 2, e.lastActivityAt());
    return first + 3;
  }

  private DueRows() {}
}
