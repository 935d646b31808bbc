package dev.nudge.spi.store;

import dev.nudge.StepStatus;
import dev.nudge.TransitionTable;

/**
 * The stored state of one step of one enrollment: the user-facing {@link StepStatus} values plus
 * {@link #IN_FLIGHT}, the step whose email is recorded as handed to the mail transport and whose
 * answer is not recorded yet. A store persists it as it is; users see {@link #shown()}.
 */
public enum StepState {
  /** Will not occur until the campaign starts or the candidate or campaign is resumed. */
  PENDING,
  /** Will occur at its scheduled time. */
  SCHEDULED,
  /**
   * Claimed and handed to the mail transport; shown as {@link StepStatus#SCHEDULED}. The send is
   * recorded as in flight before the transport is called.
   */
  IN_FLIGHT,
  /** A manual task on the to-do list. */
  MANUAL_TASK,
  /** The email was accepted by the mail server, or the manual task was completed. */
  SENT,
  /** The node died while the email was in flight: it may or may not have left. */
  DELIVERY_UNKNOWN,
  /** Will not occur. */
  STOPPED;

  /** The step state machine. */
  public static final TransitionTable<StepState> TRANSITIONS =
      TransitionTable.of(StepState.class)
          // SENT: the answer to an attempt taken over as unknown arrives while its resend waits
          // (resend policy): it left after all, and is not sent again
          .from(PENDING, SCHEDULED, STOPPED, SENT)
          .from(SCHEDULED, SCHEDULED, PENDING, IN_FLIGHT, MANUAL_TASK, STOPPED, SENT)
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
    return shown().isDone();
  }

  /** The status a user sees: {@link #IN_FLIGHT} shows as {@link StepStatus#SCHEDULED}. */
  public StepStatus shown() {
    return switch (this) {
      case PENDING -> StepStatus.PENDING;
      case SCHEDULED, IN_FLIGHT -> StepStatus.SCHEDULED;
      case MANUAL_TASK -> StepStatus.MANUAL_TASK;
      case SENT -> StepStatus.SENT;
      case DELIVERY_UNKNOWN -> StepStatus.DELIVERY_UNKNOWN;
      case STOPPED -> StepStatus.STOPPED;
    };
  }
}
