package dev.nudge.spi.store;

import dev.nudge.EmailAddress;
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
