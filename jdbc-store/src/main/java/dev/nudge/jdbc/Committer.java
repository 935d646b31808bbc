package dev.nudge.jdbc;

import dev.nudge.Campaign;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.Suppression;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.EnrollmentKeys;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes one {@link Changes} in the transaction it is given: campaign versions checked under a
 * shared lock, inserts refused on a taken key, updates only on the expected version (and fence),
 * index rows kept in step, activity appended, suppressions added, claims released. Any refusal
 * throws a {@link ConflictException} and the caller rolls the whole transaction back.
 */
final class Committer {
  private static final String INSERT_ADDRESS =
      "INSERT INTO nudge_enrollment_address (address, enrollment_id) VALUES (?, ?)";
  private static final String DELETE_ADDRESS =
      "DELETE FROM nudge_enrollment_address WHERE address = ? AND enrollment_id = ?";
  private static final String INSERT_ACTIVITY =
      "INSERT INTO nudge_activity (enrollment_id, campaign_id, occurred_at, event_type, step,"
          + " from_status, to_status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String RELEASE =
      "UPDATE nudge_enrollment SET lease_owner = NULL, lease_until = NULL"
          + " WHERE id = ? AND fence = ?";
  private static final String STORED_ENROLLMENT =
      "SELECT " + EnrollmentRows.COLUMNS + " FROM nudge_enrollment e WHERE e.id = ?";
  private static final String ENROLLMENT_STATE =
      "SELECT version, fence, lease_owner FROM nudge_enrollment WHERE id = ?";

  private final Dialect dialect;
  private final EnrollmentRows rows;
  private final JdbcCampaigns campaigns;
  private final String insertMessageId;
  private final String insertSuppression;
  private final String lockCampaign;

  Committer(Dialect dialect, EnrollmentRows rows, JdbcCampaigns campaigns) {
    this.dialect = dialect;
    this.rows = rows;
    this.campaigns = campaigns;
    this.insertMessageId =
        dialect.insertIfAbsent("nudge_message_id", "message_id, enrollment_id", "message_id");
    this.insertSuppression =
        dialect.insertIfAbsent(
            "nudge_suppression", "scope, entry, added_at, reason", "scope, entry");
    this.lockCampaign = "SELECT version FROM nudge_campaign WHERE id = ? " + dialect.shareLock();
  }

  void apply(Connection c, Changes ch) throws SQLException {
    for (Campaign expected : ch.expectedCampaigns()) {
      checkCampaign(c, expected);
    }
    for (Campaign campaign : ch.insertedCampaigns()) {
      try {
        campaigns.insert(c, campaign);
      } catch (SQLException e) {
        if (dialect.isDuplicate(e)) {
          throw duplicate("campaign " + campaign.id());
        }
        throw e;
      }
    }
    for (Campaign next : ch.updatedCampaigns()) {
      campaigns.update(c, next);
    }
    insertEnrollments(c, ch.insertedEnrollments());
    updateEnrollments(c, ch.updatedEnrollments());
    appendActivity(c, ch.activity());
    addSuppressions(c, ch.suppressions());
    release(c, ch.releasedClaims());
  }

  private void checkCampaign(Connection c, Campaign expected) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(lockCampaign)) {
      dialect.setId(ps, 1, expected.id().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ConflictException(ConflictException.Kind.MISSING, "campaign " + expected.id());
        }
        long stored = rs.getLong(1);
        if (stored != expected.version()) {
          throw new ConflictException(
              ConflictException.Kind.VERSION,
              "campaign "
                  + expected.id()
                  + " is at version "
                  + stored
                  + ", the change was computed at "
                  + expected.version());
        }
      }
    }
  }

  private void insertEnrollments(Connection c, List<Enrollment> inserted) throws SQLException {
    if (inserted.isEmpty()) {
      return;
    }
    List<EnrollmentKeys> keys = new ArrayList<>(inserted.size());
    try (PreparedStatement ps = c.prepareStatement(rows.insert)) {
      for (Enrollment e : inserted) {
        EnrollmentKeys k = EnrollmentKeys.of(e);
        keys.add(k);
        rows.bindInsert(ps, e, k);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      if (dialect.isDuplicate(e) || dialect.isDuplicate(cause(e))) {
        throw duplicate(
            "a candidate of the "
                + inserted.size()
                + " inserted is already enrolled in its campaign, or an id exists");
      }
      throw e;
    }
    try (PreparedStatement addresses = c.prepareStatement(INSERT_ADDRESS);
        PreparedStatement ids = c.prepareStatement(insertMessageId)) {
      for (int i = 0; i < inserted.size(); i++) {
        Enrollment e = inserted.get(i);
        for (String a : keys.get(i).addresses()) {
          addresses.setString(1, a);
          dialect.setId(addresses, 2, e.id().value());
          addresses.addBatch();
        }
        for (String id : keys.get(i).messageIds()) {
          ids.setString(1, id);
          dialect.setId(ids, 2, e.id().value());
          ids.addBatch();
        }
      }
      addresses.executeBatch();
      ids.executeBatch();
    }
  }

  private void updateEnrollments(Connection c, List<Changes.EnrollmentUpdate> updates)
      throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    List<Changes.EnrollmentUpdate> sorted = new ArrayList<>(updates);
    // one order for every writer: two commits never wait for each other in a circle
    sorted.sort(Comparator.comparing(u -> u.next().id().toString()));
    Set<Object> seen = new HashSet<>();
    List<EnrollmentKeys> before = new ArrayList<>(sorted.size());
    List<EnrollmentKeys> after = new ArrayList<>(sorted.size());
    for (Changes.EnrollmentUpdate u : sorted) {
      if (!seen.add(u.next().id())) {
        throw new IllegalArgumentException(
            "enrollment " + u.next().id() + " updated twice in one commit");
      }
      Enrollment previous = u.previous();
      if (previous == null) {
        previous = stored(c, u.next());
      }
      before.add(EnrollmentKeys.of(previous));
      after.add(EnrollmentKeys.of(u.next()));
    }
    try (PreparedStatement plain = c.prepareStatement(rows.update);
        PreparedStatement fenced = c.prepareStatement(rows.updateFenced)) {
      List<Changes.EnrollmentUpdate> plainOnes = new ArrayList<>();
      List<Changes.EnrollmentUpdate> fencedOnes = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        Changes.EnrollmentUpdate u = sorted.get(i);
        Claim claim = u.claim();
        if (claim == null) {
          rows.bindUpdate(plain, u.next(), after.get(i), -1);
          plain.addBatch();
          plainOnes.add(u);
        } else {
          rows.bindUpdate(fenced, u.next(), after.get(i), claim.fence());
          fenced.addBatch();
          fencedOnes.add(u);
        }
      }
      check(c, plainOnes, plainOnes.isEmpty() ? new int[0] : plain.executeBatch());
      check(c, fencedOnes, fencedOnes.isEmpty() ? new int[0] : fenced.executeBatch());
    }
    updateIndexes(c, sorted, before, after);
  }

  /** The stored version before {@code next}, for an update that did not say which it was. */
  private Enrollment stored(Connection c, Enrollment next) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(STORED_ENROLLMENT)) {
      dialect.setId(ps, 1, next.id().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ConflictException(ConflictException.Kind.MISSING, "enrollment " + next.id());
        }
        Enrollment stored = rows.read(rs);
        if (stored.version() + 1 != next.version()) {
          throw versionConflict(next, stored.version());
        }
        return stored;
      }
    }
  }

  /** Turns an update that touched no row into the conflict that explains it. */
  private void check(Connection c, List<Changes.EnrollmentUpdate> updates, int[] counts)
      throws SQLException {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        continue;
      }
      Changes.EnrollmentUpdate u = updates.get(i);
      try (PreparedStatement ps = c.prepareStatement(ENROLLMENT_STATE)) {
        dialect.setId(ps, 1, u.next().id().value());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new ConflictException(
                ConflictException.Kind.MISSING, "enrollment " + u.next().id());
          }
          long version = rs.getLong("version");
          if (version + 1 != u.next().version()) {
            throw versionConflict(u.next(), version);
          }
          Claim claim = u.claim();
          throw new ConflictException(
              ConflictException.Kind.LEASE_LOST,
              "enrollment "
                  + u.next().id()
                  + " is no longer held by fence "
                  + (claim == null ? "?" : claim.fence()));
        }
      }
    }
  }

  private void updateIndexes(
      Connection c,
      List<Changes.EnrollmentUpdate> updates,
      List<EnrollmentKeys> before,
      List<EnrollmentKeys> after)
      throws SQLException {
    PreparedStatement add = null;
    PreparedStatement remove = null;
    PreparedStatement ids = null;
    try {
      for (int i = 0; i < updates.size(); i++) {
        EnrollmentKeys b = before.get(i);
        EnrollmentKeys a = after.get(i);
        var id = updates.get(i).next().id().value();
        if (!b.addresses().equals(a.addresses())) {
          for (String gone : b.addresses()) {
            if (!a.addresses().contains(gone)) {
              remove = remove == null ? c.prepareStatement(DELETE_ADDRESS) : remove;
              remove.setString(1, gone);
              dialect.setId(remove, 2, id);
              remove.addBatch();
            }
          }
          for (String added : a.addresses()) {
            if (!b.addresses().contains(added)) {
              add = add == null ? c.prepareStatement(INSERT_ADDRESS) : add;
              add.setString(1, added);
              dialect.setId(add, 2, id);
              add.addBatch();
            }
          }
        }
        if (a.messageIds().size() != b.messageIds().size()) {
          for (String m : a.messageIds()) {
            if (!b.messageIds().contains(m)) {
              ids = ids == null ? c.prepareStatement(insertMessageId) : ids;
              ids.setString(1, m);
              dialect.setId(ids, 2, id);
              ids.addBatch();
            }
          }
        }
      }
      if (remove != null) {
        remove.executeBatch();
      }
      if (add != null) {
        add.executeBatch();
      }
      if (ids != null) {
        ids.executeBatch();
      }
    } finally {
      close(add);
      close(remove);
      close(ids);
    }
  }

  private void appendActivity(Connection c, List<EnrollmentEvent> activity) throws SQLException {
    if (activity.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_ACTIVITY)) {
      for (EnrollmentEvent e : activity) {
        dialect.setId(ps, 1, e.enrollmentId().value());
        dialect.setId(ps, 2, e.campaignId().value());
        dialect.setInstant(ps, 3, e.at());
        ps.setString(4, e.type().name());
        ps.setInt(5, e.step());
        ps.setString(6, e.from());
        ps.setString(7, e.to());
        ps.setString(8, e.detail());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void addSuppressions(Connection c, List<Suppression> suppressions) throws SQLException {
    if (suppressions.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(insertSuppression)) {
      for (Suppression s : suppressions) {
        ps.setString(1, s.scope().name());
        ps.setString(2, s.value());
        dialect.setInstant(ps, 3, s.at());
        ps.setString(4, s.reason());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void release(Connection c, List<Claim> claims) throws SQLException {
    if (claims.isEmpty()) {
      return;
    }
    List<Claim> sorted = new ArrayList<>(claims);
    sorted.sort(Comparator.comparing(k -> k.enrollmentId().toString()));
    try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
      for (Claim k : sorted) {
        dialect.setId(ps, 1, k.enrollmentId().value());
        ps.setLong(2, k.fence());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static ConflictException versionConflict(Enrollment next, long stored) {
    return new ConflictException(
        ConflictException.Kind.VERSION,
        "enrollment "
            + next.id()
            + " is at version "
            + stored
            + ", the change expected "
            + (next.version() - 1));
  }

  private static ConflictException duplicate(String what) {
    return new ConflictException(ConflictException.Kind.DUPLICATE, what);
  }

  private static SQLException cause(SQLException e) {
    SQLException next = e instanceof BatchUpdateException ? e.getNextException() : null;
    return next != null ? next : e;
  }

  private static void close(@Nullable Statement s) throws SQLException {
    if (s != null) {
      s.close();
    }
  }
}
