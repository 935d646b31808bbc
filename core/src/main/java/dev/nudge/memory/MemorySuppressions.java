package dev.nudge.memory;

import dev.nudge.EmailAddress;
import dev.nudge.Suppression;
import dev.nudge.spi.store.SuppressionList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Suppression list of the {@link InMemoryStore}. */
final class MemorySuppressions implements SuppressionList {
  private final ReentrantLock lock;
  private final Map<String, Suppression> addresses = new ConcurrentHashMap<>();
  private final Map<String, Suppression> domains = new ConcurrentHashMap<>();

  MemorySuppressions(ReentrantLock lock) {
    this.lock = lock;
  }

  /** Adds entries; called under the store's lock by a commit. */
  void addAll(List<Suppression> entries) {
    for (Suppression s : entries) {
      table(s.scope()).putIfAbsent(s.value(), s);
    }
  }

  @Override
  public Optional<Suppression> find(EmailAddress address) {
    if (addresses.isEmpty() && domains.isEmpty()) {
      return Optional.empty();
    }
    Suppression s = addresses.get(address.key());
    if (s == null) {
      s = domains.get(address.domain());
    }
    return Optional.ofNullable(s);
  }

  @Override
  public List<Suppression> findAll() {
    List<Suppression> all = new ArrayList<>(addresses.values());
    all.addAll(domains.values());
    all.sort(Comparator.comparing(Suppression::at).thenComparing(Suppression::value));
    return all;
  }

  @Override
  public boolean remove(Suppression.Scope scope, String value) {
    lock.lock();
    try {
      return table(scope).remove(value.toLowerCase(java.util.Locale.ROOT)) != null;
    } finally {
      lock.unlock();
    }
  }

  private Map<String, Suppression> table(Suppression.Scope scope) {
    return scope == Suppression.Scope.ADDRESS ? addresses : domains;
  }
}
