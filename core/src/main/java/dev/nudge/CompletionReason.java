package dev.nudge;

/** Why an enrollment is {@link EnrollmentStatus#COMPLETED}. */
public enum CompletionReason {
  /** Every step was done. */
  FINISHED,
  /** The candidate replied. */
  REPLIED,
  /** The candidate unsubscribed or complained. */
  UNSUBSCRIBED,
  /** Every remaining address is on the suppression list. */
  SUPPRESSED,
  /** The campaign was archived while the candidate was active. */
  ARCHIVED
}
