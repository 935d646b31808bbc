package dev.nudge.spi.store;

import dev.nudge.EmailAddress;
import dev.nudge.Suppression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Addresses and whole domains nothing is sent to, checked before every send. Entries are added
 * through {@link Store#commit}, together with the enrollments they stop.
 */
public interface SuppressionList {
  /** The entry that suppresses this address — for the address itself or its domain — if any. */
  Optional<Suppression> find(EmailAddress address);

  /**
   * The entries that suppress any of these addresses, in no particular order: a store answers a
   * batch in one round trip where it can.
   */
  default List<Suppression> find(Collection<EmailAddress> addresses) {
    List<Suppression> found = new ArrayList<>();
    for (EmailAddress a : addresses) {
      find(a).filter(s -> !found.contains(s)).ifPresent(found::add);
    }
    return found;
  }

  /** Every entry, oldest first. */
  List<Suppression> findAll();

  /** Removes an entry (the person asked to hear from you again); false if there was none. */
  boolean remove(Suppression.Scope scope, String value);
}
