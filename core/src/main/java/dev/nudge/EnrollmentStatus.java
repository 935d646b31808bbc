package dev.nudge;

/** A candidate's status in one campaign, the Candidates tab's "Status" column. */
public enum EnrollmentStatus {
  /** The campaign has not started. */
  NOT_STARTED,
  /** In progress: the next step is scheduled (or pending while the campaign is paused). */
  STARTED,
  /** The current step is a manual task on someone's to-do list. */
  MANUAL_TASK,
  /** Paused by the user; nothing occurs until resumed. */
  PAUSED,
  /**
   * Terminal: finished, replied, unsubscribed (see {@link CompletionReason}). A finished one whose
   * last email bounces after the end starts again or is bounced after all [S10].
   */
  COMPLETED,
  /** Terminal: every address of the candidate bounced hard. */
  BOUNCED,
  /** Terminal: removed by the user; history kept. */
  REMOVED;

  /**
   * The enrollment state machine. {@code COMPLETED} is left only with reason {@link
   * CompletionReason#FINISHED}; every other reason is final.
   */
  public static final TransitionTable<EnrollmentStatus> TRANSITIONS =
      TransitionTable.of(EnrollmentStatus.class)
          .from(NOT_STARTED, STARTED, PAUSED, COMPLETED, REMOVED)
          .from(STARTED, MANUAL_TASK, PAUSED, COMPLETED, BOUNCED, REMOVED)
          .from(MANUAL_TASK, STARTED, PAUSED, COMPLETED, BOUNCED, REMOVED)
          // a candidate paused on a manual task resumes as STARTED with the task rescheduled from
          // now
          .from(PAUSED, NOT_STARTED, STARTED, COMPLETED, BOUNCED, REMOVED)
          // finished, but the last email bounced after the end: it is sent to the next address, or
          // with none left the candidate is bounced [S10]
          .from(COMPLETED, STARTED, BOUNCED)
          .build();

  /**
   * Whether the enrollment is over: nothing more is scheduled in it. The one exception is a
   * finished enrollment whose last email bounces after the end: it starts again to send that email
   * to the candidate's next address, or is bounced when none is left [S10].
   */
  public boolean isTerminal() {
    return this == COMPLETED || this == BOUNCED || this == REMOVED;
  }

  /** The Candidates tab view this status is listed in. */
  public CandidateView view() {
    return switch (this) {
      case NOT_STARTED, STARTED, MANUAL_TASK, PAUSED -> CandidateView.ACTIVE;
      case COMPLETED, BOUNCED -> CandidateView.COMPLETED;
      case REMOVED -> CandidateView.REMOVED;
    };
  }
}
