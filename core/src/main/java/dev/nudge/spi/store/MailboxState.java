package dev.nudge.spi.store;

import dev.nudge.MailboxHold;
import dev.nudge.SenderMailbox;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A registered sender mailbox as stored: its settings and its send counters. The engine computes
 * every change (the daily count on the mailbox's local day, the minimum gap, the queue of steps
 * waiting for the gap); a store only loads the state and replaces it with compare-and-set on {@link
 * #version}.
 *
 * @param mailbox the settings: address, display name, zone, daily cap, minimum gap
 * @param day the local day (in the mailbox's zone) that {@link #sentOnDay} counts, or null before
 *     the first send
 * @param sentOnDay slots taken on {@link #day}
 * @param lastSend when the latest slot was taken, or null
 * @param queued steps told to come back one gap apart and not come back yet
 * @param hold why and until when the mailbox sends nothing, or null while it works
 * @param version 1 when registered, incremented by every write
 */
public record MailboxState(
    SenderMailbox mailbox,
    @Nullable LocalDate day,
    int sentOnDay,
    @Nullable Instant lastSend,
    int queued,
    @Nullable MailboxHold hold,
    long version) {

  /** Checks the components. */
  public MailboxState {
    Objects.requireNonNull(mailbox, "mailbox");
    if (sentOnDay < 0 || queued < 0) {
      throw new IllegalArgumentException("counters must not be negative");
    }
  }

  /** A newly registered mailbox: nothing sent, version 1. */
  public static MailboxState registered(SenderMailbox mailbox) {
    return new MailboxState(mailbox, null, 0, null, 0, null, 1);
  }

  /** The key stores index the mailbox by: its address in lower case. */
  public String key() {
    return mailbox.address().key();
  }
}
