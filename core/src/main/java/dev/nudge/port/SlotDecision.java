package dev.nudge.port;

import java.time.Instant;
import java.util.Objects;

/** Answer of {@link MailboxLedger#tryAcquire}. */
public sealed interface SlotDecision permits SlotDecision.Granted, SlotDecision.Denied {
  /** The send may go now; it has been counted. */
  record Granted() implements SlotDecision {}

  /**
   * The cap or the gap does not allow a send now.
   *
   * @param retryAt the earliest instant a slot can be free (next local day, or last send + gap)
   * @param why {@code "daily cap"} or {@code "minimum gap"}
   */
  record Denied(Instant retryAt, String why) implements SlotDecision {
    /** Checks the components. */
    public Denied {
      Objects.requireNonNull(retryAt, "retryAt");
      Objects.requireNonNull(why, "why");
    }
  }
}
