package dev.nudge.memory;

import dev.nudge.BounceType;
import dev.nudge.CampaignId;
import dev.nudge.CandidatesQuery;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEvent;
import dev.nudge.Page;
import dev.nudge.StepExecution;
import dev.nudge.StepTotals;
import dev.nudge.spi.store.EnrollmentKeys;
import dev.nudge.spi.store.EnrollmentLookup;
import dev.nudge.spi.store.EnrollmentRepository;
import dev.nudge.spi.store.EnrollmentStatistics;
import dev.nudge.spi.store.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Enrollment reads and queries of the {@link InMemoryStore}. */
final class MemoryEnrollments implements EnrollmentRepository, EnrollmentStatistics {
  private static final Comparator<Enrollment> BY_ID = Comparator.comparing(e -> e.id().toString());

  private final InMemoryStore store;

  MemoryEnrollments(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public Optional<Enrollment> find(EnrollmentId id) {
    Row row = store.rows.get(id);
    return row == null ? Optional.empty() : Optional.of(row.enrollment);
  }

  @Override
  public List<Enrollment> find(EnrollmentLookup lookup) {
    Indexes ix = store.indexes;
    if (lookup instanceof EnrollmentLookup.ByCampaignAndCandidate l) {
      return one(
          ix.byCampaignAndCandidate.get(Indexes.candidateKey(l.campaignId(), l.candidateId())));
    } else if (lookup instanceof EnrollmentLookup.ByCampaign l) {
      return all(ix.byCampaign.get(l.campaignId()));
    } else if (lookup instanceof EnrollmentLookup.ByCandidate l) {
      return all(ix.byCandidate.get(l.candidateId()));
    } else if (lookup instanceof EnrollmentLookup.ByAddress l) {
      List<Enrollment> found = all(ix.byAddress.get(l.address().key()));
      found.sort(Comparator.comparing(Enrollment::enrolledAt).thenComparing(BY_ID));
      return found;
    } else if (lookup instanceof EnrollmentLookup.ByMessageId l) {
      return one(ix.byMessageId.get(l.messageId()));
    }
    throw new IllegalArgumentException("unknown lookup " + lookup);
  }

  @Override
  public Page<Enrollment> page(CampaignId campaignId, CandidatesQuery query) {
    // every row and the cursor as the keys the tab sorts on: one order serves both
    List<Map.Entry<TabKey, Enrollment>> keyed = new ArrayList<>();
    for (Enrollment e : all(store.indexes.byCampaign.get(campaignId))) {
      if (e.status().view() == query.view()) {
        keyed.add(Map.entry(TabKey.of(e), e));
      }
    }
    int total = keyed.size();
    Comparator<TabKey> order = TabKey.order(query.sort());
    if (query.descending()) {
      order = order.reversed();
    }
    CandidatesQuery.After after = query.after();
    if (after != null) {
      TabKey end = TabKey.of(after);
      Comparator<TabKey> o = order;
      keyed.removeIf(k -> o.compare(k.getKey(), end) <= 0);
    }
    keyed.sort(Map.Entry.comparingByKey(order));
    int from = after != null ? 0 : (int) Math.min(query.offset(), keyed.size());
    int to = Math.min(from + query.size(), keyed.size());
    List<Enrollment> slice = new ArrayList<>(to - from);
    for (Map.Entry<TabKey, Enrollment> k : keyed.subList(from, to)) {
      slice.add(k.getValue());
    }
    return new Page<>(slice, query.page(), query.size(), total);
  }

  /** The Candidates tab's sort keys of a row, or of where a page ended. */
  private record TabKey(String name, int status, Instant lastActivity, String id) {
    static TabKey of(Enrollment e) {
      return new TabKey(
          EnrollmentKeys.nameKey(e.candidate().name()),
          EnrollmentKeys.statusRank(e.status()),
          e.lastActivityAt(),
          e.id().toString());
    }

    static TabKey of(CandidatesQuery.After a) {
      return new TabKey(a.nameKey(), a.statusRank(), a.lastActivityAt(), a.id().toString());
    }

    static Comparator<TabKey> order(CandidatesQuery.Sort sort) {
      Comparator<TabKey> byName = Comparator.comparing(TabKey::name, EnrollmentKeys.TEXT_ORDER);
      Comparator<TabKey> first =
          switch (sort) {
            case NAME -> byName;
            case STATUS -> Comparator.comparingInt(TabKey::status).thenComparing(byName);
            case LAST_ACTIVITY -> Comparator.comparing(TabKey::lastActivity);
          };
      return first.thenComparing(TabKey::id);
    }
  }

  @Override
  public EnrollmentStatistics statistics() {
    return this;
  }

  @Override
  public List<StepTotals> stepTotals(CampaignId campaignId, int steps) {
    long[][] totals = new long[steps][4];
    for (Enrollment e : all(store.indexes.byCampaign.get(campaignId))) {
      for (StepExecution s : e.steps()) {
        if (s.number() > steps) {
          break;
        }
        long[] t = totals[s.number() - 1];
        if (s.state() == StepState.SENT) {
          t[0]++;
        }
        if (s.engagement().opens() > 0) {
          t[1]++;
        }
        if (s.engagement().reply() != null) {
          t[2]++;
        }
        InboundEvent.Bounce b = s.engagement().bounce();
        if (b != null && b.type() == BounceType.HARD) {
          t[3]++;
        }
      }
    }
    List<StepTotals> result = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      result.add(new StepTotals(i + 1, totals[i][0], totals[i][1], totals[i][2], totals[i][3]));
    }
    return result;
  }

  @Override
  public List<Enrollment> openTasks(@Nullable String owner) {
    List<Enrollment> open = new ArrayList<>();
    if (owner == null) {
      for (var ids : store.indexes.byTaskOwner.values()) {
        for (Enrollment e : all(ids)) {
          if (e.openTaskOwner().isPresent()) {
            open.add(e);
          }
        }
      }
    } else {
      for (Enrollment e : all(store.indexes.byTaskOwner.get(owner))) {
        if (e.openTaskOwner().filter(owner::equals).isPresent()) {
          open.add(e);
        }
      }
    }
    open.sort(Comparator.comparing(MemoryEnrollments::taskDueAt).thenComparing(BY_ID));
    return open;
  }

  private static java.time.Instant taskDueAt(Enrollment e) {
    java.time.Instant due = EnrollmentKeys.of(e).taskDueAt();
    return due == null ? e.lastActivityAt() : due;
  }

  private List<Enrollment> one(@Nullable EnrollmentId id) {
    Row row = id == null ? null : store.rows.get(id);
    return row == null ? List.of() : List.of(row.enrollment);
  }

  private List<Enrollment> all(@Nullable Collection<EnrollmentId> ids) {
    List<Enrollment> found = new ArrayList<>();
    if (ids != null) {
      for (EnrollmentId id : ids) {
        Row row = store.rows.get(id);
        if (row != null) {
          found.add(row.enrollment);
        }
      }
    }
    return found;
  }
}
