package dev.nudge.internal;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Whether a mailbox may send now ({@link MailboxPolicy#tryAcquire}). */
sealed interface SlotDecision permits SlotDecision.Granted, SlotDecision.Denied {
  /**
   * The send may go now; it has been counted. Given back with {@link MailboxPolicy#release} if the
   * send is abandoned before it reaches the transport.
   *
   * @param at the instant the slot was taken
   * @param previousSend the mailbox's last send before this one, or null
   */
  record Granted(Instant at, @Nullable Instant previousSend) implements SlotDecision {
    public Granted {
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The cap or the gap does not allow a send now.
   *
   * @param retryAt when to ask again: the next local day for the cap; for the gap, a place in the
   *     queue of steps already waiting for this mailbox, one gap apart, so that they do not all
   *     come back at the same instant
   * @param why {@code "daily cap"} or {@code "minimum gap"}
   */
  record Denied(Instant retryAt, String why) implements SlotDecision {
    public Denied {
      Objects.requireNonNull(retryAt, "retryAt");
      Objects.requireNonNull(why, "why");
    }
  }
}
