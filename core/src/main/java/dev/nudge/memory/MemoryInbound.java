package dev.nudge.memory;

import dev.nudge.InboundEntry;
import dev.nudge.InvalidInputException;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.InboundLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory log of received mails; written under the store's lock. */
final class MemoryInbound implements InboundLog {
  private static final Comparator<InboundEntry> NEWEST_FIRST =
      Comparator.comparing(InboundEntry::receivedAt).thenComparing(InboundEntry::key).reversed();

  private final Map<String, InboundEntry> entries = new ConcurrentHashMap<>();

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
