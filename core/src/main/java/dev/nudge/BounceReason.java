package dev.nudge;

/** Why a message bounced, in a few buckets a user can act on. */
public enum BounceReason {
  /** The mailbox does not exist or has moved. */
  USER_UNKNOWN,
  /** The domain does not exist or has no mail server. */
  HOST_UNKNOWN,
  /** The mailbox is full or over a quota. */
  MAILBOX_FULL,
  /** The mailbox is disabled or suspended. */
  SUSPENDED,
  /** The receiving side refused the sender (reputation, authentication, blocklist). */
  BLOCKED,
  /** The receiving side refused the content (spam, virus, policy, size). */
  CONTENT_REJECTED,
  /** Delivery was retried until it expired. */
  EXPIRED,
  /** A network or mail system error. */
  SYSTEM_ERROR,
  /** Anything else. */
  OTHER
}
