package dev.nudge.spi.store;

import dev.nudge.EmailAddress;
import dev.nudge.SenderMailbox;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Counts sends per sender mailbox across campaigns [S17], so that its daily cap and minimum gap
 * hold even with several engines. A granted slot counts as a send unless it is released.
 */
public interface MailboxLedger {
  /**
   * Atomically takes a send slot at {@code now} if the mailbox's daily cap (counted on the local
   * day of {@code now} in the mailbox's zone) and minimum gap allow it. Steps denied by the gap are
   * given retry times one gap apart, in the order they asked.
   *
   * @return granted, or denied with the instant worth asking again
   */
  SlotDecision tryAcquire(SenderMailbox mailbox, Instant now);

  /**
   * Gives back a granted slot whose send was abandoned before the transport was called: the day's
   * count goes down and, if no send came after it, the gap is measured from the send before.
   */
  void release(SenderMailbox mailbox, SlotDecision.Granted slot);

  /** How many slots the mailbox took on a local day of its zone. */
  int sentOn(EmailAddress mailbox, LocalDate day);
}
