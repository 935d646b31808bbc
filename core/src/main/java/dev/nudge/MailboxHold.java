package dev.nudge;

import java.time.Instant;
import java.util.Objects;

/**
 * Why and until when a sender mailbox sends nothing. Its steps stay scheduled and do not count
 * against its cap; when {@link #retryAt()} comes, the next step due is sent as a probe, and the
 * hold ends when it goes through (or earlier, on {@code Nudge.reconnectMailbox}).
 *
 * @param kind disconnected (credentials refused) or paused (the sender was refused or throttled)
 * @param reason the server's words
 * @param since when the mailbox was first held
 * @param retryAt when it is tried again
 * @param failures how many times in a row it was refused
 */
public record MailboxHold(Kind kind, String reason, Instant since, Instant retryAt, int failures) {

  /** Checks the components. */
  public MailboxHold {
    Objects.requireNonNull(kind, "kind");
    // a reason quotes a server's reply: control characters become spaces (PostgreSQL keeps no NUL)
    reason = Texts.controlsAsSpaces(Objects.requireNonNull(reason, "reason"));
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(retryAt, "retryAt");
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1");
    }
  }

  /** Why a mailbox is held. */
  public enum Kind {
    /** Its own server refused its credentials: a password or token must be renewed. */
    DISCONNECTED,
    /** The receiving side refused the sender (policy, reputation) or throttled it. */
    PAUSED
  }
}
