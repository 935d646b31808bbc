package dev.nudge.jdbc;

import dev.nudge.CampaignId;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.spi.store.ActivityLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code nudge_activity} table: a row for each commit that appended events for an enrollment,
 * read in the order they were committed.
 */
final class JdbcActivity implements ActivityLog {
  private static final String LIST =
      "SELECT campaign_id, events FROM nudge_activity WHERE enrollment_id = ? ORDER BY seq";

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
                events.addAll(
                    Codec.events(
                        enrollmentId,
                        new CampaignId(dialect.getId(rs, "campaign_id")),
                        rs.getString("events")));
              }
            }
          }
          return events;
        });
  }
}
