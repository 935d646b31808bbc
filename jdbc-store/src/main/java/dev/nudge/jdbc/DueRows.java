package dev.nudge.jdbc;

/**
 * The {@code nudge_due} table: when each enrollment next needs an engine, who holds it (lease owner
 * and end) and its fencing token. Claims read and write only this narrow table; the wide enrollment
 * row is written once per change, by version.
 */
final class DueRows {
  static final String INSERT =
      "INSERT INTO nudge_due (enrollment_id, due_at, lease_owner, lease_until, fence)"
          + " VALUES (?, ?, NULL, NULL, 0)";

  /** A new due time written outside a claim. */
  static final String SET_DUE = "UPDATE nudge_due SET due_at = ? WHERE enrollment_id = ?";

  /**
   * A due time written outside a claim, in the commit that gives a claim back: the claim is given
   * back only while its fence holds.
   */
  static final String SET_DUE_AND_RELEASE_IF_HELD =
      "UPDATE nudge_due SET due_at = ?,"
          + " lease_owner = CASE WHEN fence = ? THEN NULL ELSE lease_owner END,"
          + " lease_until = CASE WHEN fence = ? THEN NULL ELSE lease_until END"
          + " WHERE enrollment_id = ?";

  /** A new due time written under a claim that is kept. */
  static final String SET_DUE_HELD =
      "UPDATE nudge_due SET due_at = ?"
          + " WHERE enrollment_id = ? AND fence = ? AND lease_owner IS NOT NULL";

  /** A new due time written under a claim that is given back in the same commit. */
  static final String SET_DUE_AND_RELEASE =
      "UPDATE nudge_due SET due_at = ?, lease_owner = NULL, lease_until = NULL"
          + " WHERE enrollment_id = ? AND fence = ? AND lease_owner IS NOT NULL";

  static final String RELEASE =
      "UPDATE nudge_due SET lease_owner = NULL, lease_until = NULL"
          + " WHERE enrollment_id = ? AND fence = ?";

  static final String RENEW =
      "UPDATE nudge_due SET lease_until = ?"
          + " WHERE enrollment_id = ? AND fence = ? AND lease_owner IS NOT NULL";

  private DueRows() {}
}
