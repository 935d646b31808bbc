package dev.nudge.spi.store;

import dev.nudge.EmailAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Registered sender mailboxes with their send counters. The engine decides every change; a store
 * keeps one row per mailbox and replaces it atomically, so that the caps of a mailbox hold across
 * campaigns and engines without serializing unrelated mailboxes.
 */
public interface MailboxRepository {
  /** The mailbox with this address, compared ignoring case. */
  Optional<MailboxState> find(EmailAddress address);

  /**
   * The registered mailboxes among these addresses, in no particular order: a store answers in one
   * round trip where it can.
   */
  default List<MailboxState> find(Collection<EmailAddress> addresses) {
    List<MailboxState> found = new ArrayList<>(addresses.size());
    for (EmailAddress a : addresses) {
      find(a).ifPresent(found::add);
    }
    return found;
  }

  /**
   * {@link #compareAndSet} for several mailboxes, each on its own (one failing does not stop the
   * others): a store writes them in one round trip where it can.
   *
   * @return for each state, in order, whether it was stored
   */
  default List<Boolean> compareAndSetAll(List<MailboxState> next) {
    List<Boolean> done = new ArrayList<>(next.size());
    for (MailboxState s : next) {
      done.add(compareAndSet(s));
    }
    return done;
  }

  /** Every registered mailbox, ordered by {@link MailboxState#key()}. */
  List<MailboxState> findAll();

  /**
   * Stores a newly registered mailbox (version 1).
   *
   * @return false, changing nothing, when a mailbox with that address (ignoring case) exists
   */
  boolean insert(MailboxState mailbox);

  /**
   * Replaces the stored state with {@code next} if the stored version is {@code next.version() -
   * 1}.
   *
   * @return false, changing nothing, when the stored version differs or the mailbox is unknown
   */
  boolean compareAndSet(MailboxState next);
}
