package dev.nudge.spi.store;

import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEntry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The received mails the engine recorded, one entry per key (a Message-ID or a hash of the mail).
 * Entries are written by {@link Store#commit} together with the effect of the mail, so a mail is
 * either recorded with its effect or not at all.
 */
public interface InboundLog {
  /** The entry logged under {@code key}, if any. */
  Optional<InboundEntry> find(String key);

  /**
   * The most recently received entries, newest first (by receipt time, then key).
   *
   * @param limit how many at most, at least 1
   */
  List<InboundEntry> recent(int limit);

  /**
   * Forgets who sent the logged mails of an erased candidate: every entry from one of the addresses
   * (ignoring case) or matched to one of the enrollments loses its sender and its detail. Keys,
   * times, kinds and outcomes stay, so a mail handed over again is still recognized.
   *
   * @return how many entries were cleared by this call (an entry cleared before is not counted)
   */
  int forget(Collection<EmailAddress> from, Collection<EnrollmentId> enrollments);
}
