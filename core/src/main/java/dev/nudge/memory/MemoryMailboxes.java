package dev.nudge.memory;

import dev.nudge.EmailAddress;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.MailboxState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered mailboxes of the {@link InMemoryStore}, replaced atomically by version. */
final class MemoryMailboxes implements MailboxRepository {
  private final Map<String, MailboxState> byKey = new ConcurrentHashMap<>();

  @Override
  public Optional<MailboxState> find(EmailAddress address) {
    return Optional.ofNullable(byKey.get(address.key()));
  }

  @Override
  public List<MailboxState> findAll() {
    List<MailboxState> all = new ArrayList<>(byKey.values());
    all.sort(Comparator.comparing(MailboxState::key));
    return all;
  }

  @Override
  public boolean insert(MailboxState mailbox) {
    return byKey.putIfAbsent(mailbox.key(), mailbox) == null;
  }

  @Override
  public boolean compareAndSet(MailboxState next) {
    boolean[] replaced = {false};
    byKey.computeIfPresent(
        next.key(),
        (k, stored) -> {
          if (stored.version() + 1 != next.version()) {
            return stored;
          }
          replaced[0] = true;
          return next;
        });
    return replaced[0];
  }
}
