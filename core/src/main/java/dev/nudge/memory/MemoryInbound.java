package dev.nudge.memory;

import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEntry;
import dev.nudge.InvalidInputException;
import dev.nudge.StepRef;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.InboundLog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** The in-memory log of received mails; written under the store's lock. */
final class MemoryInbound implements InboundLog {
  private static final Comparator<InboundEntry> NEWEST_FIRST =
      Comparator.comparing(InboundEntry::receivedAt).thenComparing(InboundEntry::key).reversed();

  private final Map<String, InboundEntry> entries = new ConcurrentHashMap<>();
  private final ReentrantLock lock;

  MemoryInbound(ReentrantLock lock) {
    this.lock = lock;
  }

  @Override
  public Optional<InboundEntry> find(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public List<InboundEntry> recent(int limit) {
    if (limit < 1) {
      throw new InvalidInputException("limit", "must be at least 1, was " + limit);
    }
    List<InboundEntry> all = new ArrayList<>(entries.values());
    all.sort(NEWEST_FIRST);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  @Override
  public int forget(Collection<EmailAddress> from, Collection<EnrollmentId> enrollments) {
    Set<String> keys = new HashSet<>();
    for (EmailAddress a : from) {
      keys.add(a.key());
    }
    Set<EnrollmentId> ids = new HashSet<>(enrollments);
    lock.lock();
    try {
      int cleared = 0;
      for (Map.Entry<String, InboundEntry> logged : entries.entrySet()) {
        InboundEntry e = logged.getValue();
        EmailAddress sender = e.from();
        StepRef step = e.step();
        boolean uncleared = sender != null || !e.detail().isEmpty();
        if (uncleared
            && ((sender != null && keys.contains(sender.key()))
                || (step != null && ids.contains(step.enrollmentId())))) {
          logged.setValue(
              new InboundEntry(
                  e.key(), e.receivedAt(), e.kind(), e.outcome(), step, e.matchedBy(), null, ""));
          cleared++;
        }
      }
      return cleared;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses a commit that logs a key twice or a key already logged. */
  void check(List<InboundEntry> added) {
    Set<String> keys = added.size() > 1 ? new HashSet<>() : Set.of();
    for (InboundEntry e : added) {
      if (entries.containsKey(e.key()) || (added.size() > 1 && !keys.add(e.key()))) {
        throw new ConflictException(
            ConflictException.Kind.DUPLICATE, "received mail " + e.key() + " is logged already");
      }
    }
  }

  void addAll(List<InboundEntry> added) {
    for (InboundEntry e : added) {
      entries.put(e.key(), e);
    }
  }
}
