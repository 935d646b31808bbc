package dev.nudge.memory;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.spi.store.ActivityLog;
import dev.nudge.spi.store.CampaignRepository;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Checkpoints;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.DueSteps;
import dev.nudge.spi.store.EnrollmentRepository;
import dev.nudge.spi.store.InboundLog;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.Store;
import dev.nudge.spi.store.SuppressionList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe {@link Store} held in memory: for tests, examples and single-process hosts that do
 * not need to survive a restart. Reads see committed data without locking; commits, claims and
 * counters are serialized by one lock, which makes every commit atomic.
 */
public final class InMemoryStore implements Store {
  final ReentrantLock lock = new ReentrantLock();

  final Map<CampaignId, Campaign> campaigns = new ConcurrentHashMap<>();
  final Map<EnrollmentId, Row> rows = new ConcurrentHashMap<>();
  final Indexes indexes = new Indexes();

  /** Due enrollments by due time; guarded by {@link #lock}. */
  private final TreeSet<DueKey> due = new TreeSet<>();

  private final MemoryEnrollments enrollmentRepository = new MemoryEnrollments(this);
  private final MemorySuppressions suppressions = new MemorySuppressions(lock);
  private final MemoryMailboxes mailboxes = new MemoryMailboxes();
  private final Checkpoints checkpoints = new MemoryCheckpoints();
  private final MemoryInbound inbound = new MemoryInbound(lock);
  private final DueSteps dueSteps = new MemoryDueSteps();
  private final CampaignRepository campaignRepository =
      new CampaignRepository() {
        @Override
        public Optional<Campaign> find(CampaignId id) {
          return Optional.ofNullable(campaigns.get(id));
        }

        @Override
        public List<Campaign> findSyncPending() {
          List<Campaign> pending = new ArrayList<>();
          for (Campaign c : campaigns.values()) {
            if (c.syncPending()) {
              pending.add(c);
            }
          }
          pending.sort(
              Comparator.comparing(Campaign::createdAt).thenComparing(c -> c.id().toString()));
          return pending;
        }

        @Override
        public List<Campaign> findAll() {
          List<Campaign> all = new ArrayList<>(campaigns.values());
          all.sort(Comparator.comparing(Campaign::createdAt).thenComparing(c -> c.id().toString()));
          return all;
        }
      };
  private final ActivityLog activityLog =
      id -> {
        Row row = rows.get(id);
        if (row == null) {
          return List.of();
        }
        lock.lock();
        try {
          return List.copyOf(row.activity);
        } finally {
          lock.unlock();
        }
      };

  /** Creates an empty store. */
  public InMemoryStore() {}

  @Override
  public CampaignRepository campaigns() {
    return campaignRepository;
  }

  @Override
  public EnrollmentRepository enrollments() {
    return enrollmentRepository;
  }

  @Override
  public DueSteps dueSteps() {
    return dueSteps;
  }

  @Override
  public SuppressionList suppressions() {
    return suppressions;
  }

  @Override
  public MailboxRepository mailboxes() {
    return mailboxes;
  }

  @Override
  public ActivityLog activity() {
    return activityLog;
  }

  @Override
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  @Override
  public InboundLog inbound() {
    return inbound;
  }

  @Override
  public void commit(Changes changes) {
    lock.lock();
    try {
      check(changes);
      apply(changes);
    } finally {
      lock.unlock();
    }
  }

  private static boolean inserts(Changes changes, CampaignId id) {
    for (Campaign c : changes.insertedCampaigns()) {
      if (c.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private void check(Changes changes) {
    inbound.check(changes.inbound());
    for (int i = 0; i < changes.expectedCampaigns().size(); i++) {
      Campaign expected = changes.expectedCampaigns().get(i);
      Campaign stored = campaigns.get(expected.id());
      if (stored == null) {
        throw new ConflictException(ConflictException.Kind.MISSING, "campaign " + expected.id());
      }
      if (stored.version() != expected.version()) {
        throw new ConflictException(
            ConflictException.Kind.VERSION,
            "campaign "
                + expected.id()
                + " is at version "
                + stored.version()
                + ", the change was computed at "
                + expected.version());
      }
    }
    Set<CampaignId> newCampaigns =
        changes.insertedCampaigns().size() > 1 ? new HashSet<>() : Set.of();
    for (int ic = 0, nc = changes.insertedCampaigns().size(); ic < nc; ic++) {
      Campaign c = changes.insertedCampaigns().get(ic);
      if (campaigns.containsKey(c.id())
          || (changes.insertedCampaigns().size() > 1 && !newCampaigns.add(c.id()))) {
        throw new ConflictException(ConflictException.Kind.DUPLICATE, "campaign " + c.id());
      }
    }
    for (int ic = 0, nc = changes.updatedCampaigns().size(); ic < nc; ic++) {
      Campaign c = changes.updatedCampaigns().get(ic);
      Campaign stored = campaigns.get(c.id());
      if (stored == null) {
        throw new ConflictException(ConflictException.Kind.MISSING, "campaign " + c.id());
      }
      checkVersion("campaign", c.id(), stored.version(), c.version());
    }
    for (int ie = 0, ne = changes.insertedEnrollments().size(); ie < ne; ie++) {
      Enrollment e = changes.insertedEnrollments().get(ie);
      if (!campaigns.containsKey(e.campaignId()) && !inserts(changes, e.campaignId())) {
        throw new ConflictException(
            ConflictException.Kind.MISSING,
            "campaign " + e.campaignId() + " of enrollment " + e.id());
      }
    }
    boolean severalNew = changes.insertedEnrollments().size() > 1;
    Set<Object> newKeys = severalNew ? new HashSet<>() : Set.of();
    for (int ie = 0, ne = changes.insertedEnrollments().size(); ie < ne; ie++) {
      Enrollment e = changes.insertedEnrollments().get(ie);
      String key = Indexes.candidateKey(e.campaignId(), e.candidate().id());
      String email = Indexes.emailKey(e.campaignId(), e.candidate().email());
      if (rows.containsKey(e.id())
          || indexes.byCampaignAndCandidate.containsKey(key)
          || indexes.byCampaignAndEmail.contains(email)
          || (severalNew && !(newKeys.add(key) && newKeys.add(e.id()) && newKeys.add(email)))) {
        throw new ConflictException(
            ConflictException.Kind.DUPLICATE,
            "candidate "
                + e.candidate().id()
                + " is already enrolled in campaign "
                + e.campaignId());
      }
    }
    boolean several = changes.updatedEnrollments().size() > 1;
    Set<EnrollmentId> updated = several ? new HashSet<>() : Set.of();
    for (int iu = 0, nu = changes.updatedEnrollments().size(); iu < nu; iu++) {
      Changes.EnrollmentUpdate u = changes.updatedEnrollments().get(iu);
      Enrollment next = u.next();
      if (several && !updated.add(next.id())) {
        throw new IllegalArgumentException(
            "enrollment " + next.id() + " updated twice in one commit");
      }
      Row row = rows.get(next.id());
      if (row == null) {
        throw new ConflictException(ConflictException.Kind.MISSING, "enrollment " + next.id());
      }
      checkVersion("enrollment", next.id(), row.enrollment.version(), next.version());
      Claim claim = u.claim();
      if (claim != null) {
        Claim held = row.lease;
        if (held == null || held.fence() != claim.fence()) {
          throw new ConflictException(
              ConflictException.Kind.LEASE_LOST,
              "enrollment " + next.id() + " is no longer held by fence " + claim.fence());
        }
      }
    }
  }

  private static void checkVersion(String kind, Object id, long stored, long next) {
    if (next != stored + 1) {
      throw new ConflictException(
          ConflictException.Kind.VERSION,
          kind + " " + id + " is at version " + stored + ", the change expected " + (next - 1));
    }
  }

  private void apply(Changes changes) {
    for (int ic = 0, nc = changes.insertedCampaigns().size(); ic < nc; ic++) {
      Campaign c = changes.insertedCampaigns().get(ic);
      campaigns.put(c.id(), c);
    }
    for (int ic = 0, nc = changes.updatedCampaigns().size(); ic < nc; ic++) {
      Campaign c = changes.updatedCampaigns().get(ic);
      campaigns.put(c.id(), c);
    }
    for (int ie = 0, ne = changes.insertedEnrollments().size(); ie < ne; ie++) {
      Enrollment e = changes.insertedEnrollments().get(ie);
      Row row = new Row(e);
      rows.put(e.id(), row);
      indexes.added(e);
      reindex(row, null, e);
    }
    for (int iu = 0, nu = changes.updatedEnrollments().size(); iu < nu; iu++) {
      Changes.EnrollmentUpdate u = changes.updatedEnrollments().get(iu);
      Row row = java.util.Objects.requireNonNull(rows.get(u.next().id()), "checked above");
      Enrollment previous = row.enrollment;
      row.enrollment = u.next();
      indexes.updated(previous, u.next());
      reindex(row, previous, u.next());
    }
    Row last = null;
    for (int ientry = 0, nentry = changes.activity().size(); ientry < nentry; ientry++) {
      EnrollmentEvent entry = changes.activity().get(ientry);
      if (last == null || !last.enrollment.id().equals(entry.enrollmentId())) {
        last = rows.get(entry.enrollmentId());
      }
      if (last != null) {
        last.activity.add(entry);
      }
    }
    suppressions.addAll(changes.suppressions());
    inbound.addAll(changes.inbound());
    for (int ic = 0, nc = changes.releasedClaims().size(); ic < nc; ic++) {
      Claim c = changes.releasedClaims().get(ic);
      releaseLocked(c);
    }
  }

  private void reindex(Row row, @Nullable Enrollment previous, Enrollment next) {
    Instant before = previous == null ? null : previous.dueAt();
    Instant after = next.dueAt();
    if (before != null && before.equals(after)) {
      return;
    }
    if (before != null) {
      due.remove(new DueKey(before, next.id(), row));
    }
    if (after != null) {
      due.add(new DueKey(after, next.id(), row));
    }
  }

  private void releaseLocked(Claim claim) {
    Row row = rows.get(claim.enrollmentId());
    if (row != null && row.lease != null && row.lease.fence() == claim.fence()) {
      row.lease = null;
    }
  }

  private final class MemoryDueSteps implements DueSteps {
    @Override
    public List<Claim> claim(String owner, Instant now, Duration lease, int limit) {
      List<Claim> claimed = new ArrayList<>(Math.min(limit, 256));
      lock.lock();
      try {
        for (DueKey key : due) {
          if (claimed.size() >= limit || key.dueAt().isAfter(now)) {
            break;
          }
          Row row = key.row();
          Claim held = row.lease;
          if (held != null && held.leaseUntil().isAfter(now)) {
            continue;
          }
          row.fence++;
          Claim claim = new Claim(key.id(), key.dueAt(), owner, row.fence, now.plus(lease));
          row.lease = claim;
          claimed.add(claim);
        }
      } finally {
        lock.unlock();
      }
      return claimed;
    }

    @Override
    public Optional<Claim> renew(Claim claim, Instant now, Duration lease) {
      lock.lock();
      try {
        Row row = rows.get(claim.enrollmentId());
        Claim held = row == null ? null : row.lease;
        if (row == null || held == null || held.fence() != claim.fence()) {
          return Optional.empty();
        }
        Claim renewed =
            new Claim(
                claim.enrollmentId(), claim.dueAt(), claim.owner(), claim.fence(), now.plus(lease));
        row.lease = renewed;
        return Optional.of(renewed);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void release(Claim claim) {
      lock.lock();
      try {
        releaseLocked(claim);
      } finally {
        lock.unlock();
      }
    }
  }

  /** Position in the due index: due time, then id; carries the row to spare a lookup. */
  private record DueKey(Instant dueAt, EnrollmentId id, Row row) implements Comparable<DueKey> {
    @Override
    public int compareTo(DueKey o) {
      int c = dueAt.compareTo(o.dueAt);
      return c != 0 ? c : id.value().compareTo(o.id.value());
    }
  }

  /** Every Message-ID of an enrollment's attempts. */
  static List<String> messageIds(Enrollment e) {
    List<String> ids = new ArrayList<>();
    for (StepExecution s : e.steps()) {
      for (SendAttempt a : s.attempts()) {
        ids.add(a.messageId());
      }
    }
    return ids;
  }
}
