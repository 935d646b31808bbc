package dev.nudge;

/** Status of one step of one enrollment [S7], the Candidates tab's "Step N" cells. */
public enum StepStatus {
  /** Will not occur until the campaign starts or the candidate/campaign is resumed. */
  PENDING,
  /** Will occur at its scheduled time. */
  SCHEDULED,
  /**
   * Internal: claimed and handed to the mail transport; shown as {@link #SCHEDULED}. The send is
   * recorded as in flight before the transport is called.
   */
  IN_FLIGHT,
  /** A manual task on the to-do list. */
  MANUAL_TASK,
  /** The email was accepted by the mail server, or the manual task was completed. */
  SENT,
  /**
   * A node died between recording the send as in flight and recording its outcome: the email may or
   * may not have left. Not sent again under the default at-most-once policy.
   */
  DELIVERY_UNKNOWN,
  /** Will not occur. */
  STOPPED;

  /** The step state machine. */
  public static final TransitionTable<StepStatus> TRANSITIONS =
      TransitionTable.of(StepStatus.class)
          .from(PENDING, SCHEDULED, STOPPED)
          .from(SCHEDULED, SCHEDULED, PENDING, IN_FLIGHT, MANUAL_TASK, STOPPED)
          // a failed send is retried, or waits (PENDING) while its candidate or campaign is paused
          .from(IN_FLIGHT, SENT, SCHEDULED, PENDING, STOPPED, DELIVERY_UNKNOWN)
          .from(MANUAL_TASK, SENT, STOPPED, PENDING)
          // a hard or soft bounce resends the step, to an alternate address or after a backoff;
          // while paused it waits pending
          .from(SENT, SCHEDULED, PENDING)
          .from(DELIVERY_UNKNOWN, SENT, SCHEDULED, PENDING)
          .build();

  /** Whether the step is behind the enrollment: it was done or will never occur. */
  public boolean isDone() {
    return this == SENT || this == DELIVERY_UNKNOWN || this == STOPPED;
  }

  /** The status a user sees; the internal {@link #IN_FLIGHT} shows as {@link #SCHEDULED}. */
  public StepStatus shown() {
    return this == IN_FLIGHT ? SCHEDULED : this;
  }
}
