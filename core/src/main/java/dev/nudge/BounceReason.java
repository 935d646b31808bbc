package dev.nudge;

/** Why a message bounced, in a few buckets a user can act on. */
public enum BounceReason {
  /** The mailbox or its domain does not exist, has moved or is disabled. */
  INVALID_ADDRESS,
  /** The mailbox is full or over a quota. */
  MAILBOX_FULL,
  /**
   * Refused by policy: the sender's reputation, authentication (SPF, DKIM, DMARC), a blocklist, a
   * spam or content filter, a rate limit.
   */
  BLOCKED,
  /** A network or mail system problem, or a delivery retried until it expired. */
  TRANSIENT,
  /** Anything else. */
  OTHER
}
