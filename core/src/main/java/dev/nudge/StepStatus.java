package dev.nudge;

/** Status of one step of one enrollment: the Candidates tab's "Step N" cells. */
public enum StepStatus {
  /** Will not occur until the campaign starts or the candidate or campaign is resumed. */
  PENDING,
  /** Will occur at its scheduled time (also while its email is being handed to the server). */
  SCHEDULED,
  /** A manual task on the to-do list. */
  MANUAL_TASK,
  /** The email was accepted by the mail server, or the manual task was completed. */
  SENT,
  /**
   * The engine stopped (a crash) between recording the send as under way and recording the mail
   * server's answer: the email may or may not have left. Not sent again unless the resend policy is
   * chosen.
   */
  DELIVERY_UNKNOWN,
  /** Will not occur. */
  STOPPED;

  /** Whether the step is behind the enrollment: it was done or will never occur. */
  public boolean isDone() {
    return this == SENT || this == DELIVERY_UNKNOWN || this == STOPPED;
  }
}
