package dev.nudge;

import java.time.Instant;
import java.util.Objects;

/**
 * A sender mailbox was held or works again: something a person may have to act on (new credentials,
 * a sender reputation problem).
 *
 * @param mailbox the mailbox's address
 * @param at when
 * @param type what happened
 * @param reason the server's words or what was done
 */
public record MailboxEvent(EmailAddress mailbox, Instant at, Type type, String reason)
    implements NudgeEvent {

  /** Checks the components. */
  public MailboxEvent {
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
  }

  /** What happened to the mailbox. */
  public enum Type {
    /** Its credentials were refused: nothing is sent from it until it works again. */
    DISCONNECTED,
    /** The receiving side refused or throttled it: its sends wait for a while. */
    PAUSED,
    /** It works again; its waiting steps go out. */
    RECONNECTED
  }
}
