package dev.nudge.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The numbers the database gave campaigns ({@code nudge_campaign.seq}), under which {@code
 * nudge_due} keeps the order by last activity: an index entry with a number instead of the
 * campaign's id is a quarter smaller. Read where needed, in the caller's transaction, which sees a
 * campaign inserted earlier in it; never cached, since a campaign inserted by a transaction that
 * then rolled back gets another number when it is inserted again.
 */
final class CampaignNumbers {
  private CampaignNumbers() {}

  /** The numbers of the stored campaigns among {@code ids}; the others are missing. */
  static Map<UUID, Integer> of(Connection c, Dialect dialect, Collection<UUID> ids)
      throws SQLException {
    List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    Map<UUID, Integer> numbers = new HashMap<>();
    for (List<UUID> chunk : JdbcEnrollments.chunks(distinct)) {
      String sql =
          "SELECT id, seq FROM nudge_campaign WHERE id IN ("
              + JdbcEnrollments.markers(chunk.size())
              + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (UUID id : chunk) {
          dialect.setId(ps, i++, id);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            numbers.put(dialect.getId(rs, "id"), rs.getInt("seq"));
          }
        }
      }
    }
    return numbers;
  }
}
