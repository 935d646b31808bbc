package dev.nudge;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A registered sender mailbox and whether it can send.
 *
 * @param mailbox the mailbox's settings
 * @param hold why and until when it sends nothing, or null while it works
 */
public record MailboxStatus(SenderMailbox mailbox, @Nullable MailboxHold hold) {
  /** Checks the component. */
  public MailboxStatus {
    Objects.requireNonNull(mailbox, "mailbox");
  }

  /** Whether the mailbox is held: disconnected or paused. */
  public boolean held() {
    return hold != null;
  }
}
