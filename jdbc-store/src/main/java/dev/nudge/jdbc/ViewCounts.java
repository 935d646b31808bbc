package dev.nudge.jdbc;

import dev.nudge.CandidateView;
import dev.nudge.Enrollment;
import dev.nudge.spi.store.EnrollmentKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many enrollments each Candidates-tab view of a campaign holds, kept in {@code
 * nudge_view_count} by the commits that move enrollments in or out of a view, so that a page's
 * total is the sum of a few rows instead of a count over the campaign.
 *
 * <p>Each view has {@value #SHARDS} counter rows, all made with the campaign. A commit adds its
 * changes to one shard picked at random, in one order of campaigns and views: two commits wait for
 * each other only when they picked the same shard, and never in a circle.
 */
final class ViewCounts {
  /** Counter rows per view of a campaign. */
  static final int SHARDS = 8;

  private static final String CREATE =
      "INSERT INTO nudge_view_count (campaign_id, view_code, shard, n) VALUES (?, ?, ?, 0)";
  private static final String ADD =
      "UPDATE nudge_view_count SET n = n + ? WHERE campaign_id = ? AND view_code = ? AND shard = ?";
  private static final String TOTAL =
      "SELECT COALESCE(SUM(n), 0) FROM nudge_view_count WHERE campaign_id = ? AND view_code = ?";

  private final Dialect dialect;

  ViewCounts(Dialect dialect) {
    this.dialect = dialect;
  }

  /** A campaign's view. */
  private record View(UUID campaign, int code) {}

  private static final Comparator<View> ORDER =
      Comparator.comparing((View v) -> v.campaign().toString()).thenComparingInt(View::code);

  /** The changes of one commit, to add in one go. */
  static final class Deltas {
    private final Map<View, Long> deltas = new TreeMap<>(ORDER);

    /** An enrollment inserted. */
    void inserted(Enrollment e, EnrollmentKeys keys) {
      add(e.campaignId().value(), keys.view(), 1);
    }

    /** An enrollment updated, from its keys before to its keys after. */
    void updated(Enrollment e, EnrollmentKeys before, EnrollmentKeys after) {
      if (before.view() != after.view()) {
        add(e.campaignId().value(), before.view(), -1);
        add(e.campaignId().value(), after.view(), 1);
      }
    }

    private void add(UUID campaign, CandidateView view, long n) {
      deltas.merge(new View(campaign, EnrollmentKeys.viewCode(view)), n, Long::sum);
    }
  }

  /** Makes the counter rows of a new campaign, at zero. */
  void create(Connection c, UUID campaign) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CREATE)) {
      for (CandidateView view : CandidateView.values()) {
        for (int shard = 0; shard < SHARDS; shard++) {
          dialect.setId(ps, 1, campaign);
          ps.setInt(2, EnrollmentKeys.viewCode(view));
          ps.setInt(3, shard);
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** Adds a commit's changes to one shard. */
  void add(Connection c, Deltas changes) throws SQLException {
    int shard = ThreadLocalRandom.current().nextInt(SHARDS);
    boolean any = false;
    try (PreparedStatement ps = c.prepareStatement(ADD)) {
      for (Map.Entry<View, Long> d : changes.deltas.entrySet()) {
        if (d.getValue() == 0) {
          continue;
        }
        ps.setLong(1, d.getValue());
        dialect.setId(ps, 2, d.getKey().campaign());
        ps.setInt(3, d.getKey().code());
        ps.setInt(4, shard);
        ps.addBatch();
        any = true;
      }
      if (!any) {
        return;
      }
      int[] counts = Tx.counts(ps);
      for (int n : counts) {
        if (n == 0) {
          throw new IllegalStateException(
              "a campaign has no rows in nudge_view_count: its schema predates them");
        }
      }
    }
  }

  /** How many enrollments a campaign's view holds. */
  long total(Connection c, UUID campaign, CandidateView view) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(TOTAL)) {
      dialect.setId(ps, 1, campaign);
      ps.setInt(2, EnrollmentKeys.viewCode(view));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
