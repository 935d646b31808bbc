package dev.nudge.jdbc;

import dev.nudge.CampaignId;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.spi.store.ActivityLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The {@code nudge_activity} table, read in the order entries were committed. */
final class JdbcActivity implements ActivityLog {
  private static final String LIST =
      "SELECT enrollment_id, campaign_id, occurred_at, event_type, step, from_status, to_status,"
          + " detail FROM nudge_activity WHERE enrollment_id = ? ORDER BY seq";

  private final Tx tx;
  private final Dialect dialect;

  JdbcActivity(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  @Override
  public List<EnrollmentEvent> list(EnrollmentId enrollmentId) {
    return tx.read(
        "read an activity log",
        c -> {
          List<EnrollmentEvent> events = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(LIST)) {
            dialect.setId(ps, 1, enrollmentId.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                events.add(
                    new EnrollmentEvent(
                        new EnrollmentId(dialect.getId(rs, "enrollment_id")),
                        new CampaignId(dialect.getId(rs, "campaign_id")),
                        Objects.requireNonNull(dialect.getInstant(rs, "occurred_at")),
                        EnrollmentEvent.Type.valueOf(rs.getString("event_type")),
                        rs.getInt("step"),
                        rs.getString("from_status"),
                        rs.getString("to_status"),
                        rs.getString("detail")));
              }
            }
          }
          return events;
        });
  }
}
