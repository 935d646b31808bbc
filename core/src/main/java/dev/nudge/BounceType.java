package dev.nudge;

/** Whether a bounce is final for the address. */
public enum BounceType {
  /** Permanent: the address will not accept mail. */
  HARD,
  /** Temporary: retried on a backoff, and hard after too many tries or too long. */
  SOFT
}
