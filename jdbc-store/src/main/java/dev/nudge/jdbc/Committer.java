package dev.nudge.jdbc;

import dev.nudge.Campaign;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.InboundEntry;
import dev.nudge.Suppression;
import dev.nudge.jdbc.EnrollmentRows.Keyed;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.EnrollmentKeys;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes one {@link Changes} in the transaction it is given: campaign versions checked under a
 * shared lock, inserts refused on a taken key, updates only on the expected version (and fence),
 * index rows kept in step, activity appended, suppressions added, claims released. Any refusal
 * throws a {@link ConflictException} and the caller rolls the whole transaction back.
 */
final class Committer {
  private static final String DELETE_ADDRESS =
      "DELETE FROM nudge_enrollment_address WHERE address = ? AND enrollment_id = ?";
  private static final String STORED_ENROLLMENT =
      "SELECT " + EnrollmentRows.COLUMNS + " FROM nudge_enrollment e WHERE e.id = ?";
  private static final String ENROLLMENT_VERSION =
      "SELECT version FROM nudge_enrollment WHERE id = ?";

  private final Dialect dialect;
  private final EnrollmentRows rows;
  private final JdbcCampaigns campaigns;
  private final MultiRowInsert<DueRow> dueRows;
  private final MultiRowInsert<IdValue> addresses;
  private final MultiRowInsert<IdValue> messageIds;
  private final MultiRowInsert<List<EnrollmentEvent>> activity;
  private final MultiRowInsert<Suppression> suppressions;
  private final MultiRowInsert<InboundEntry> inbound;
  private final ViewCounts viewCounts;

  /** A value indexed for an enrollment: one of its addresses, or a Message-ID. */
  private record IdValue(String value, UUID enrollmentId) {}

  /** A new enrollment's due row: the enrollment, and its campaign's number. */
  private record DueRow(Keyed keyed, int campaignSeq) {}

  Committer(
      Dialect dialect,
      EnrollmentRows rows,
      JdbcCampaigns campaigns,
      JdbcInbound inboundLog,
      ViewCounts viewCounts) {
    this.dialect = dialect;
    this.viewCounts = viewCounts;
    this.rows = rows;
    this.campaigns = campaigns;
    this.dueRows =
        new MultiRowInsert<>(
            n -> MultiRowInsert.values("nudge_due", DueRows.INSERT_COLUMNS, DueRows.INSERT_ROW, n),
            (ps, i, row) -> {
              Keyed e = row.keyed();
              int next = DueRows.bindSet(dialect, ps, i, e.keys(), e.enrollment());
              ps.setInt(next, row.campaignSeq());
              dialect.setId(ps, next + 1, e.enrollment().id().value());
              return next + 2;
            });
    MultiRowInsert.Binder<IdValue> idValue =
        (ps, i, v) -> {
          ps.setString(i, v.value());
          dialect.setId(ps, i + 1, v.enrollmentId());
          return i + 2;
        };
    this.addresses =
        new MultiRowInsert<>(
            n ->
                MultiRowInsert.values(
                    "nudge_enrollment_address", "address, enrollment_id", "(?, ?)", n),
            idValue);
    this.messageIds =
        new MultiRowInsert<>(
            n ->
                dialect.insertIfAbsent(
                    "nudge_message_id", "message_id, enrollment_id", "message_id", n),
            idValue);
    this.activity =
        new MultiRowInsert<>(
            n ->
                MultiRowInsert.values(
                    "nudge_activity",
                    "enrollment_id, campaign_id, events",
                    "(?, ?, " + dialect.json() + ")",
                    n),
            (ps, i, events) -> {
              EnrollmentEvent first = events.get(0);
              dialect.setId(ps, i++, first.enrollmentId().value());
              dialect.setId(ps, i++, first.campaignId().value());
              ps.setString(i++, Codec.events(events));
              return i;
            });
    this.suppressions =
        new MultiRowInsert<>(
            n ->
                dialect.insertIfAbsent(
                    "nudge_suppression", "scope, entry, added_at, reason", "scope, entry", n),
            (ps, i, s) -> {
              ps.setString(i, s.scope().name());
              ps.setString(i + 1, s.value());
              dialect.setInstant(ps, i + 2, s.at());
              ps.setString(i + 3, s.reason());
              return i + 4;
            });
    this.inbound =
        new MultiRowInsert<>(
            n ->
                MultiRowInsert.values(
                    "nudge_inbound",
                    JdbcInbound.INSERT_COLUMNS,
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    n),
            inboundLog::bind);
  }

  /**
   * Writes the changes; returns the entries their updates left behind in the order by last
   * activity, where the database keeps them until a vacuum ({@link StaleEntries}), else none.
   */
  List<StaleEntries.Entry> apply(Connection c, Changes ch) throws SQLException {
    // first, so that a mail handed over twice is refused before anything else is written
    logInbound(c, ch.inbound());
    Map<UUID, Integer> numbers = checkCampaigns(c, ch);
    for (Campaign campaign : ch.insertedCampaigns()) {
      try {
        campaigns.insert(c, campaign);
      } catch (SQLException e) {
        if (dialect.isDuplicate(e)) {
          throw duplicate("campaign " + campaign.id());
        }
        throw e;
      }
      viewCounts.create(c, campaign.id().value());
    }
    for (Campaign next : ch.updatedCampaigns()) {
      campaigns.update(c, next);
    }
    ViewCounts.Deltas counted = new ViewCounts.Deltas();
    insertEnrollments(c, ch.insertedEnrollments(), numbers, counted);
    List<StaleEntries.Entry> stale = new ArrayList<>();
    List<Claim> released =
        updateEnrollments(c, ch.updatedEnrollments(), ch.releasedClaims(), counted, stale);
    appendActivity(c, ch.activity());
    addSuppressions(c, ch.suppressions());
    release(c, released);
    // last: a commit that holds a counter row waits for no other row, so two commits that wait
    // for each other's rows never do so in a circle
    viewCounts.add(c, counted);
    return stale;
  }

  /**
   * Checks, in one statement, the campaigns the commit relies on, and keeps them so (a shared lock)
   * until the transaction ends: each expected campaign must still be at its version, and the
   * campaign of each new enrollment must be stored, unless the commit inserts it ({@link
   * ConflictException.Kind#MISSING}; the schema has no foreign key that would refuse it). The
   * engine's commits expect the campaign of the enrollments they insert, so for them this is the
   * one read of the expected campaigns. Returns the numbers of the campaigns it read ({@link
   * CampaignNumbers}).
   */
  private Map<UUID, Integer> checkCampaigns(Connection c, Changes ch) throws SQLException {
    // expected version by id, or null where only being stored counts; in one order, so that two
    // commits lock campaigns in one order
    Map<UUID, @Nullable Long> wanted = new TreeMap<>(Comparator.comparing(UUID::toString));
    for (Campaign k : ch.expectedCampaigns()) {
      wanted.put(k.id().value(), k.version());
    }
    if (!ch.insertedEnrollments().isEmpty()) {
      Set<UUID> inserted = new HashSet<>();
      for (Campaign k : ch.insertedCampaigns()) {
        inserted.add(k.id().value());
      }
      for (Enrollment e : ch.insertedEnrollments()) {
        UUID id = e.campaignId().value();
        if (!inserted.contains(id) && !wanted.containsKey(id)) {
          wanted.put(id, null);
        }
      }
    }
    if (wanted.isEmpty()) {
      return Map.of();
    }
    String sql =
        "SELECT id, version, seq FROM nudge_campaign WHERE id IN ("
            + JdbcEnrollments.markers(wanted.size())
            + ") "
            + dialect.shareLock();
    Map<Object, Long> stored = new HashMap<>();
    Map<UUID, Integer> numbers = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (UUID id : wanted.keySet()) {
        dialect.setId(ps, i++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID id = dialect.getId(rs, "id");
          stored.put(id, rs.getLong("version"));
          numbers.put(id, rs.getInt("seq"));
        }
      }
    }
    for (Map.Entry<UUID, @Nullable Long> w : wanted.entrySet()) {
      Long version = stored.get(w.getKey());
      Long expected = w.getValue();
      if (version == null) {
        throw new ConflictException(
            ConflictException.Kind.MISSING,
            "campaign " + w.getKey() + (expected == null ? " of an enrollment inserted" : ""));
      }
      if (expected != null && version.longValue() != expected.longValue()) {
        throw new ConflictException(
            ConflictException.Kind.VERSION,
            "campaign "
                + w.getKey()
                + " is at version "
                + version
                + ", the change was computed at "
                + expected);
      }
    }
    return numbers;
  }

  /**
   * Inserts the enrollments and their rows; {@code numbers} holds the numbers of their campaigns
   * that {@link #checkCampaigns} read, and those inserted by this commit are read here.
   */
  private void insertEnrollments(
      Connection c,
      List<Enrollment> inserted,
      Map<UUID, Integer> numbers,
      ViewCounts.Deltas counted)
      throws SQLException {
    if (inserted.isEmpty()) {
      return;
    }
    List<Keyed> keyed = new ArrayList<>(inserted.size());
    List<IdValue> addressRows = new ArrayList<>();
    List<IdValue> idRows = new ArrayList<>();
    for (Enrollment e : inserted) {
      EnrollmentKeys k = EnrollmentKeys.of(e);
      keyed.add(new Keyed(e, k));
      counted.inserted(e, k);
      for (String a : k.addresses()) {
        addressRows.add(new IdValue(a, e.id().value()));
      }
      for (String id : k.messageIds()) {
        idRows.add(new IdValue(id, e.id().value()));
      }
    }
    // in one order, by candidate: two imports of one list, running at once, wait for each other
    // at their first common candidate instead of each holding rows the other needs
    keyed.sort(
        Comparator.comparing((Keyed k) -> k.enrollment().candidate().id().value())
            .thenComparing(k -> k.enrollment().campaignId().value()));
    try {
      rows.insert.run(c, keyed);
    } catch (SQLException e) {
      if (dialect.isDuplicate(e) || dialect.isDuplicate(cause(e))) {
        throw duplicate(
            "a candidate of the "
                + inserted.size()
                + " inserted is already enrolled in its campaign, or an id exists");
      }
      throw e;
    }
    rows.insertOrder.run(c, keyed);
    Map<UUID, Integer> seqs = new HashMap<>(numbers);
    List<UUID> unread = new ArrayList<>();
    for (Enrollment e : inserted) {
      if (!seqs.containsKey(e.campaignId().value())) {
        unread.add(e.campaignId().value());
      }
    }
    if (!unread.isEmpty()) {
      seqs.putAll(CampaignNumbers.of(c, dialect, unread));
    }
    List<DueRow> due = new ArrayList<>(keyed.size());
    for (Keyed k : keyed) {
      Integer seq = seqs.get(k.enrollment().campaignId().value());
      if (seq == null) {
        throw new ConflictException(
            ConflictException.Kind.MISSING, "campaign " + k.enrollment().campaignId());
      }
      due.add(new DueRow(k, seq));
    }
    dueRows.run(c, due);
    addresses.run(c, addressRows);
    messageIds.run(c, distinct(idRows));
  }

  /** The rows without repeats: an insert that skips taken keys cannot skip its own. */
  private static <T> List<T> distinct(List<T> rows) {
    return rows.size() < 2 ? rows : new ArrayList<>(new LinkedHashSet<>(rows));
  }

  /**
   * Writes each enrollment's next version where its stored version is the one before, then its due
   * time where it holds the claim it was computed under. Returns the released claims that were not
   * given back with an update.
   */
  private List<Claim> updateEnrollments(
      Connection c,
      List<Changes.EnrollmentUpdate> updates,
      List<Claim> released,
      ViewCounts.Deltas counted,
      List<StaleEntries.Entry> stale)
      throws SQLException {
    if (updates.isEmpty()) {
      return released;
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
      EnrollmentKeys b = EnrollmentKeys.of(previous);
      EnrollmentKeys a = EnrollmentKeys.of(u.next());
      before.add(b);
      after.add(a);
      counted.updated(u.next(), b, a);
      // the due row is written anew, not in place, and leaves its entry behind
      boolean moved =
          b.view() != a.view()
              || !previous.lastActivityAt().equals(u.next().lastActivityAt())
              || !Objects.equals(b.dueAt(), a.dueAt());
      if (moved && dialect.keepsStaleEntries()) {
        stale.add(
            new StaleEntries.Entry(
                previous.campaignId().value(),
                EnrollmentKeys.viewCode(b.view()),
                previous.lastActivityAt(),
                previous.id().value()));
      }
    }
    try (PreparedStatement ps = c.prepareStatement(rows.update)) {
      for (int i = 0; i < sorted.size(); i++) {
        rows.bindUpdate(ps, sorted.get(i).next(), after.get(i));
        ps.addBatch();
      }
      int[] counts = Tx.counts(ps);
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          throw explainStale(c, sorted.get(i).next());
        }
      }
    }
    updateOrder(c, sorted, before, after);
    List<Claim> rest = new ArrayList<>(released);
    updateDue(c, sorted, before, after, rest);
    updateIndexes(c, sorted, before, after);
    return rest;
  }

  /** Writes the sort keys of the updated enrollments whose view, status or name changed. */
  private void updateOrder(
      Connection c,
      List<Changes.EnrollmentUpdate> updates,
      List<EnrollmentKeys> before,
      List<EnrollmentKeys> after)
      throws SQLException {
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      if (EnrollmentRows.orderChanged(before.get(i), after.get(i))) {
        changed.add(i);
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(EnrollmentRows.UPDATE_ORDER)) {
      for (int i : changed) {
        rows.bindOrderUpdate(ps, updates.get(i).next(), after.get(i));
        ps.addBatch();
      }
      int[] counts = Tx.counts(ps);
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          // the enrollment would drop out of the Candidates tab
          throw new SQLException(
              "enrollment "
                  + updates.get(changed.get(i)).next().id()
                  + " has no row in nudge_enrollment_order");
        }
      }
    }
  }

  /**
   * Writes the due times of updated enrollments: under a claim only while its fence still holds
   * (giving the claim back in the same statement when the changes release it), outside a claim only
   * when the time changed. Takes the claims given back from {@code released}.
   */
  private void updateDue(
      Connection c,
      List<Changes.EnrollmentUpdate> updates,
      List<EnrollmentKeys> before,
      List<EnrollmentKeys> after,
      List<Claim> released)
      throws SQLException {
    Map<Object, Long> releasing = new HashMap<>();
    for (Claim k : released) {
      releasing.put(k.enrollmentId().value(), k.fence());
    }
    List<Changes.EnrollmentUpdate> held = new ArrayList<>();
    try (PreparedStatement free = c.prepareStatement(DueRows.SET_DUE);
        PreparedStatement freeing = c.prepareStatement(DueRows.SET_DUE_AND_RELEASE_IF_HELD);
        PreparedStatement keep = c.prepareStatement(DueRows.SET_DUE_HELD);
        PreparedStatement give = c.prepareStatement(DueRows.SET_DUE_AND_RELEASE)) {
      List<Changes.EnrollmentUpdate> kept = new ArrayList<>();
      List<Changes.EnrollmentUpdate> given = new ArrayList<>();
      boolean anyFree = false;
      boolean anyFreeing = false;
      for (int i = 0; i < updates.size(); i++) {
        Changes.EnrollmentUpdate u = updates.get(i);
        Claim claim = u.claim();
        var id = u.next().id().value();
        EnrollmentKeys keys = after.get(i);
        if (claim == null) {
          Long releasedFence = releasing.remove(id);
          if (releasedFence != null) {
            int p = DueRows.bindSet(dialect, freeing, 1, keys, u.next());
            freeing.setLong(p, releasedFence);
            freeing.setLong(p + 1, releasedFence);
            dialect.setId(freeing, p + 2, id);
            freeing.addBatch();
            anyFreeing = true;
          } else if (dueRowChanged(u, before.get(i), keys)) {
            int p = DueRows.bindSet(dialect, free, 1, keys, u.next());
            dialect.setId(free, p, id);
            free.addBatch();
            anyFree = true;
          }
          continue;
        }
        Long fence = releasing.get(id);
        PreparedStatement ps;
        if (fence != null && fence == claim.fence()) {
          releasing.remove(id);
          ps = give;
          given.add(u);
        } else {
          ps = keep;
          kept.add(u);
        }
        int p = DueRows.bindSet(dialect, ps, 1, keys, u.next());
        dialect.setId(ps, p, id);
        ps.setLong(p + 1, claim.fence());
        ps.addBatch();
      }
      if (anyFree) {
        free.executeBatch();
      }
      if (anyFreeing) {
        freeing.executeBatch();
      }
      held.addAll(fenced(kept, kept.isEmpty() ? new int[0] : Tx.counts(keep)));
      held.addAll(fenced(given, given.isEmpty() ? new int[0] : Tx.counts(give)));
    }
    if (!held.isEmpty()) {
      Changes.EnrollmentUpdate u = held.get(0);
      Claim claim = Objects.requireNonNull(u.claim());
      throw new ConflictException(
          ConflictException.Kind.LEASE_LOST,
          "enrollment " + u.next().id() + " is no longer held by fence " + claim.fence());
    }
    released.removeIf(k -> !releasing.containsKey(k.enrollmentId().value()));
  }

  /** Whether an update outside a claim changes what its {@code nudge_due} row holds. */
  private static boolean dueRowChanged(
      Changes.EnrollmentUpdate u, EnrollmentKeys before, EnrollmentKeys after) {
    Enrollment previous = u.previous();
    return !Objects.equals(before.dueAt(), after.dueAt())
        || before.view() != after.view()
        || previous == null
        || !previous.lastActivityAt().equals(u.next().lastActivityAt());
  }

  /** The updates whose fenced statement touched no row: their claim was lost. */
  private static List<Changes.EnrollmentUpdate> fenced(
      List<Changes.EnrollmentUpdate> updates, int[] counts) {
    List<Changes.EnrollmentUpdate> lost = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        lost.add(updates.get(i));
      }
    }
    return lost;
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

  /** The conflict that explains an update by version that touched no row. */
  private ConflictException explainStale(Connection c, Enrollment next) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ENROLLMENT_VERSION)) {
      dialect.setId(ps, 1, next.id().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new ConflictException(ConflictException.Kind.MISSING, "enrollment " + next.id());
        }
        return versionConflict(next, rs.getLong("version"));
      }
    }
  }

  private void updateIndexes(
      Connection c,
      List<Changes.EnrollmentUpdate> updates,
      List<EnrollmentKeys> before,
      List<EnrollmentKeys> after)
      throws SQLException {
    List<IdValue> removed = new ArrayList<>();
    List<IdValue> added = new ArrayList<>();
    List<IdValue> ids = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      EnrollmentKeys b = before.get(i);
      EnrollmentKeys a = after.get(i);
      UUID id = updates.get(i).next().id().value();
      if (!b.addresses().equals(a.addresses())) {
        for (String gone : b.addresses()) {
          if (!a.addresses().contains(gone)) {
            removed.add(new IdValue(gone, id));
          }
        }
        for (String address : a.addresses()) {
          if (!b.addresses().contains(address)) {
            added.add(new IdValue(address, id));
          }
        }
      }
      if (a.messageIds().size() != b.messageIds().size()) {
        for (String m : a.messageIds()) {
          if (!b.messageIds().contains(m)) {
            ids.add(new IdValue(m, id));
          }
        }
      }
    }
    if (!removed.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(DELETE_ADDRESS)) {
        for (IdValue v : removed) {
          ps.setString(1, v.value());
          dialect.setId(ps, 2, v.enrollmentId());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    addresses.run(c, added);
    messageIds.run(c, distinct(ids));
  }

  /** Appends a row for each enrollment the commit logged events for, holding them in order. */
  private void appendActivity(Connection c, List<EnrollmentEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    Map<Object, List<EnrollmentEvent>> rows = new LinkedHashMap<>();
    for (EnrollmentEvent e : events) {
      List<EnrollmentEvent> row =
          rows.computeIfAbsent(e.enrollmentId().value(), k -> new ArrayList<>());
      if (!row.isEmpty() && !row.get(0).campaignId().equals(e.campaignId())) {
        // the row holds one campaign for all its events
        throw new IllegalArgumentException(
            "enrollment " + e.enrollmentId() + " logged events of two campaigns in one commit");
      }
      row.add(e);
    }
    activity.run(c, new ArrayList<>(rows.values()));
  }

  private void addSuppressions(Connection c, List<Suppression> added) throws SQLException {
    if (added.isEmpty()) {
      return;
    }
    // in one order for every writer, as the other rows: two commits that add some of the same
    // entries do not wait for each other in a circle
    Map<String, Suppression> once = new TreeMap<>();
    for (Suppression s : added) {
      once.putIfAbsent(s.scope() + " " + s.value(), s);
    }
    List<Suppression> rows = new ArrayList<>(once.values());
    try {
      suppressions.run(c, rows);
    } catch (SQLException e) {
      if (!dialect.isDuplicate(e) && !dialect.isDuplicate(cause(e))) {
        throw e;
      }
      // H2 finds an entry absent before it waits for a concurrent commit that adds it too, then
      // fails on the key: once that commit is in, the entry is found, so the statement runs again
      suppressions.run(c, rows);
    }
  }

  private void logInbound(Connection c, List<InboundEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try {
      inbound.run(c, entries);
    } catch (SQLException e) {
      if (dialect.isDuplicate(cause(e))) {
        throw duplicate("received mail " + entries.get(0).key() + " is logged already");
      }
      throw e;
    }
  }

  private void release(Connection c, List<Claim> claims) throws SQLException {
    if (claims.isEmpty()) {
      return;
    }
    List<Claim> sorted = new ArrayList<>(claims);
    sorted.sort(Comparator.comparing(k -> k.enrollmentId().toString()));
    try (PreparedStatement ps = c.prepareStatement(DueRows.RELEASE)) {
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
}
