package dev.nudge.jdbc;

import dev.nudge.CampaignId;
import dev.nudge.CandidateId;
import dev.nudge.CandidatesQuery;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.Page;
import dev.nudge.StepTotals;
import dev.nudge.spi.store.EnrollmentKeys;
import dev.nudge.spi.store.EnrollmentKeys.StepFlags;
import dev.nudge.spi.store.EnrollmentLookup;
import dev.nudge.spi.store.EnrollmentRepository;
import dev.nudge.spi.store.EnrollmentStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads of the {@code nudge_enrollment} table: by id, by the lookups, the Candidates tab (its total
 * from {@link ViewCounts} and one page, sorted on keys core computed) and the aggregates.
 */
final class JdbcEnrollments implements EnrollmentRepository, EnrollmentStatistics {
  private static final String SELECT =
      "SELECT " + EnrollmentRows.COLUMNS + " FROM nudge_enrollment e";
  private static final String BY_ID = SELECT + " WHERE e.id = ?";
  private static final String BY_CAMPAIGN_AND_CANDIDATE =
      SELECT + " WHERE e.campaign_id = ? AND e.candidate_id = ?";
  private static final String BY_CAMPAIGN =
      SELECT + " WHERE e.campaign_id = ? ORDER BY e.enrolled_at, e.id";
  private static final String BY_CANDIDATE =
      SELECT + " WHERE e.candidate_id = ? ORDER BY e.enrolled_at, e.id";
  private static final String BY_ADDRESS =
      SELECT
          + " JOIN nudge_enrollment_address a ON a.enrollment_id = e.id"
          + " WHERE a.address = ? ORDER BY e.enrolled_at, e.id";
  private static final String BY_MESSAGE_ID =
      SELECT + " JOIN nudge_message_id m ON m.enrollment_id = e.id WHERE m.message_id = ?";

  /** Longest Message-ID the {@code nudge_message_id} table holds; the engine's are shorter. */
  static final int MESSAGE_ID_LENGTH = 300;

  /**
   * Whether the table could hold this Message-ID: printable ASCII without spaces, as the engine
   * makes them, and short.
   */
  static boolean couldBeKept(String messageId) {
    return messageId.length() <= MESSAGE_ID_LENGTH
        && messageId.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f);
  }

  private static final String IN_CAMPAIGN =
      SELECT
          + " JOIN (SELECT enrollment_id FROM nudge_enrollment_order WHERE campaign_id = ?"
          + " ORDER BY enrollment_id LIMIT ?) p ON p.enrollment_id = e.id ORDER BY e.id";
  private static final String IN_CAMPAIGN_AFTER =
      SELECT
          + " JOIN (SELECT enrollment_id FROM nudge_enrollment_order WHERE campaign_id = ?"
          + " AND enrollment_id > ? ORDER BY enrollment_id LIMIT ?) p ON p.enrollment_id = e.id"
          + " ORDER BY e.id";

  /** The most values one {@code IN (...)} list binds. */
  static final int IN_LIMIT = 500;

  /**
   * A page: the ids of its rows found (and skipped to) on an index alone, then their rows. By name
   * and by status on {@code nudge_enrollment_order}'s indexes; by last activity on {@code
   * nudge_due}'s, under the campaign's number ({@link CampaignNumbers}). A page after another
   * ({@code after}) starts on the index where the other ended, by comparing the sort keys as one
   * row value, so its cost does not grow with its number; the range on the first sort key alone is
   * there for databases that seek on it but not on a row value (MariaDB).
   */
  private static String pageSql(CandidatesQuery.Sort sort, String dir, boolean after) {
    String past = dir.isEmpty() ? " > " : " < ";
    String from = dir.isEmpty() ? " >= ?" : " <= ?";
    return switch (sort) {
      case NAME ->
          SELECT
              + " JOIN (SELECT enrollment_id, name_key FROM nudge_enrollment_order"
              + " WHERE campaign_id = ? AND view_code = ?"
              + (after
                  ? " AND name_key" + from + " AND (name_key, enrollment_id)" + past + "(?, ?)"
                  : "")
              + (" ORDER BY name_key" + dir + ", enrollment_id" + dir + " LIMIT ? OFFSET ?) p")
              + (" ON p.enrollment_id = e.id ORDER BY p.name_key"
                  + dir
                  + ", p.enrollment_id"
                  + dir);
      case STATUS ->
          SELECT
              + " JOIN (SELECT enrollment_id, status_rank, name_key FROM nudge_enrollment_order"
              + " WHERE campaign_id = ? AND view_code = ?"
              + (after
                  ? " AND status_rank"
                      + from
                      + " AND (status_rank, name_key, enrollment_id)"
                      + past
                      + "(?, ?, ?)"
                  : "")
              + (" ORDER BY status_rank" + dir + ", name_key" + dir + ", enrollment_id" + dir)
              + " LIMIT ? OFFSET ?) p ON p.enrollment_id = e.id"
              + (" ORDER BY p.status_rank"
                  + dir
                  + ", p.name_key"
                  + dir
                  + ", p.enrollment_id"
                  + dir);
      case LAST_ACTIVITY ->
          SELECT
              + " JOIN (SELECT enrollment_id, last_activity_at FROM nudge_due"
              + " WHERE campaign_seq = ? AND view_code = ?"
              + (after
                  ? " AND last_activity_at"
                      + from
                      + " AND (last_activity_at, enrollment_id)"
                      + past
                      + "(?, ?)"
                  : "")
              + (" ORDER BY last_activity_at" + dir + ", enrollment_id" + dir)
              + " LIMIT ? OFFSET ?) p ON p.enrollment_id = e.id"
              + (" ORDER BY p.last_activity_at" + dir + ", p.enrollment_id" + dir);
    };
  }

  private static final String FLAGS =
      "SELECT step_flags FROM nudge_enrollment WHERE campaign_id = ?";
  private static final String OPEN_TASKS =
      SELECT + " WHERE e.task_owner = ? ORDER BY e.task_due_at, e.id";
  private static final String ALL_OPEN_TASKS =
      SELECT + " WHERE e.task_owner IS NOT NULL ORDER BY e.task_due_at, e.id";

  private final Tx tx;
  private final Dialect dialect;
  private final ViewCounts viewCounts;
  private final EnrollmentRows rows;

  JdbcEnrollments(Tx tx, Dialect dialect, EnrollmentRows rows, ViewCounts viewCounts) {
    this.tx = tx;
    this.viewCounts = viewCounts;
    this.dialect = dialect;
    this.rows = rows;
  }

  @Override
  public Optional<Enrollment> find(EnrollmentId id) {
    List<Enrollment> found =
        tx.read(
            "read an enrollment",
            c -> {
              try (PreparedStatement ps = c.prepareStatement(BY_ID)) {
                dialect.setId(ps, 1, id.value());
                return list(ps);
              }
            });
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Map<EnrollmentId, Long> versions(Collection<EnrollmentId> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return tx.read(
        "read enrollment versions",
        c -> {
          Map<EnrollmentId, Long> versions = new HashMap<>();
          for (List<EnrollmentId> chunk : chunks(new ArrayList<>(ids))) {
            String sql =
                "SELECT id, version FROM nudge_enrollment WHERE id IN ("
                    + markers(chunk.size())
                    + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              int i = 1;
              for (EnrollmentId id : chunk) {
                dialect.setId(ps, i++, id.value());
              }
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  versions.put(new EnrollmentId(dialect.getId(rs, "id")), rs.getLong("version"));
                }
              }
            }
          }
          return versions;
        });
  }

  static String markers(int n) {
    StringBuilder sb = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ", ?");
    }
    return sb.toString();
  }

  @Override
  public List<Enrollment> find(Collection<EnrollmentId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return tx.read(
        "read enrollments",
        c -> {
          List<Enrollment> found = new ArrayList<>(ids.size());
          for (List<EnrollmentId> chunk : chunks(new ArrayList<>(ids))) {
            String sql = SELECT + " WHERE e.id IN (" + markers(chunk.size()) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              int i = 1;
              for (EnrollmentId id : chunk) {
                dialect.setId(ps, i++, id.value());
              }
              found.addAll(list(ps));
            }
          }
          return found;
        });
  }

  @Override
  public List<Enrollment> findEnrolled(
      CampaignId campaignId,
      Collection<CandidateId> candidates,
      Collection<EmailAddress> addresses) {
    if (candidates.isEmpty() && addresses.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(candidates.size());
    candidates.forEach(k -> ids.add(k.value()));
    List<String> keys = new ArrayList<>(addresses.size());
    addresses.forEach(a -> keys.add(a.key()));
    return tx.read(
        "look up who of a batch is enrolled",
        c -> {
          Map<EnrollmentId, Enrollment> found = new LinkedHashMap<>();
          for (List<String> chunk : chunks(ids)) {
            String sql =
                SELECT
                    + " WHERE e.campaign_id = ? AND e.candidate_id IN ("
                    + markers(chunk.size())
                    + ")";
            collect(c, sql, campaignId, chunk, found);
          }
          for (List<String> chunk : chunks(keys)) {
            String sql =
                SELECT
                    + " WHERE e.campaign_id = ? AND e.id IN (SELECT a.enrollment_id FROM"
                    + " nudge_enrollment_address a WHERE a.address IN ("
                    + markers(chunk.size())
                    + "))";
            collect(c, sql, campaignId, chunk, found);
          }
          return new ArrayList<>(found.values());
        });
  }

  private void collect(
      Connection c,
      String sql,
      CampaignId campaignId,
      List<String> values,
      Map<EnrollmentId, Enrollment> found)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      dialect.setId(ps, 1, campaignId.value());
      for (int i = 0; i < values.size(); i++) {
        ps.setString(i + 2, values.get(i));
      }
      for (Enrollment e : list(ps)) {
        found.put(e.id(), e);
      }
    }
  }

  /**
   * A list in slices of at most {@link #IN_LIMIT}, one {@code IN (...)} list each: a statement
   * binds at most 65,535 parameters on PostgreSQL, and long lists plan slowly everywhere.
   */
  static <T> List<List<T>> chunks(List<T> values) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < values.size(); i += IN_LIMIT) {
      chunks.add(values.subList(i, Math.min(values.size(), i + IN_LIMIT)));
    }
    return chunks;
  }

  @Override
  public List<Enrollment> findInCampaign(
      CampaignId campaignId, @Nullable EnrollmentId after, int limit) {
    return tx.read(
        "read a slice of a campaign's enrollments",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(after == null ? IN_CAMPAIGN : IN_CAMPAIGN_AFTER)) {
            int i = 1;
            dialect.setId(ps, i++, campaignId.value());
            if (after != null) {
              dialect.setId(ps, i++, after.value());
            }
            ps.setInt(i, limit);
            return list(ps);
          }
        });
  }

  @Override
  public List<Enrollment> find(EnrollmentLookup lookup) {
    return tx.read(
        "look enrollments up",
        c -> {
          if (lookup instanceof EnrollmentLookup.ByCampaignAndCandidate l) {
            try (PreparedStatement ps = c.prepareStatement(BY_CAMPAIGN_AND_CANDIDATE)) {
              dialect.setId(ps, 1, l.campaignId().value());
              ps.setString(2, l.candidateId().value());
              return list(ps);
            }
          } else if (lookup instanceof EnrollmentLookup.ByCampaign l) {
            try (PreparedStatement ps = c.prepareStatement(BY_CAMPAIGN)) {
              dialect.setId(ps, 1, l.campaignId().value());
              return list(ps);
            }
          } else if (lookup instanceof EnrollmentLookup.ByCandidate l) {
            try (PreparedStatement ps = c.prepareStatement(BY_CANDIDATE)) {
              ps.setString(1, l.candidateId().value());
              return list(ps);
            }
          } else if (lookup instanceof EnrollmentLookup.ByAddress l) {
            try (PreparedStatement ps = c.prepareStatement(BY_ADDRESS)) {
              ps.setString(1, l.address().key());
              return list(ps);
            }
          } else if (lookup instanceof EnrollmentLookup.ByMessageId l) {
            if (!couldBeKept(l.messageId())) {
              // a stray mail's reference the column could not hold is none of ours (and MariaDB
              // refuses to compare its ASCII column with other characters)
              return List.<Enrollment>of();
            }
            try (PreparedStatement ps = c.prepareStatement(BY_MESSAGE_ID)) {
              ps.setString(1, l.messageId());
              return list(ps);
            }
          }
          throw new IllegalArgumentException("unknown lookup " + lookup);
        });
  }

  @Override
  public Page<Enrollment> page(CampaignId campaignId, CandidatesQuery query) {
    CandidatesQuery.After after = query.after();
    String sql = pageSql(query.sort(), query.descending() ? " DESC" : "", after != null);
    return tx.read(
        "read a page of the Candidates tab",
        c -> {
          long total = viewCounts.total(c, campaignId.value(), query.view());
          Integer seq = null;
          if (query.sort() == CandidatesQuery.Sort.LAST_ACTIVITY) {
            seq =
                CampaignNumbers.of(c, dialect, List.of(campaignId.value())).get(campaignId.value());
            if (seq == null) {
              return new Page<>(List.<Enrollment>of(), query.page(), query.size(), total);
            }
          }
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (seq != null) {
              ps.setInt(i++, seq);
            } else {
              dialect.setId(ps, i++, campaignId.value());
            }
            ps.setInt(i++, EnrollmentKeys.viewCode(query.view()));
            if (after != null) {
              switch (query.sort()) {
                case NAME -> {
                  dialect.setSortKey(ps, i++, after.nameKey());
                  dialect.setSortKey(ps, i++, after.nameKey());
                }
                case STATUS -> {
                  ps.setInt(i++, after.statusRank());
                  ps.setInt(i++, after.statusRank());
                  dialect.setSortKey(ps, i++, after.nameKey());
                }
                case LAST_ACTIVITY -> {
                  dialect.setInstant(ps, i++, after.lastActivityAt());
                  dialect.setInstant(ps, i++, after.lastActivityAt());
                }
              }
              dialect.setId(ps, i++, after.id().value());
            }
            ps.setInt(i++, query.size());
            ps.setLong(i, after != null ? 0 : query.offset());
            return new Page<>(list(ps), query.page(), query.size(), total);
          }
        });
  }

  @Override
  public EnrollmentStatistics statistics() {
    return this;
  }

  @Override
  public List<StepTotals> stepTotals(CampaignId campaignId, int steps) {
    long[][] totals = new long[steps][4];
    // in a transaction, so that the driver streams the rows by the fetch size
    tx.write(
        "count the steps of a campaign",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FLAGS)) {
            dialect.setId(ps, 1, campaignId.value());
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String flags = rs.getString(1);
                for (int i = 0; i < Math.min(steps, flags.length()); i++) {
                  int f = Character.digit(flags.charAt(i), 16);
                  totals[i][0] += (f & StepFlags.SENT) != 0 ? 1 : 0;
                  totals[i][1] += (f & StepFlags.OPENED) != 0 ? 1 : 0;
                  totals[i][2] += (f & StepFlags.REPLIED) != 0 ? 1 : 0;
                  totals[i][3] += (f & StepFlags.BOUNCED) != 0 ? 1 : 0;
                }
              }
            }
          }
          return Boolean.TRUE;
        });
    List<StepTotals> result = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      result.add(new StepTotals(i + 1, totals[i][0], totals[i][1], totals[i][2], totals[i][3]));
    }
    return result;
  }

  @Override
  public List<Enrollment> openTasks(@Nullable String owner) {
    return tx.read(
        "read open tasks",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(owner == null ? ALL_OPEN_TASKS : OPEN_TASKS)) {
            if (owner != null) {
              ps.setString(1, owner);
            }
            return list(ps);
          }
        });
  }

  private List<Enrollment> list(PreparedStatement ps) throws SQLException {
    List<Enrollment> found = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found.add(rows.read(rs));
      }
    }
    return found;
  }
}
