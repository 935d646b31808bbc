package dev.nudge;

/** Which candidates of a campaign a Candidates tab page lists. */
public enum CandidateView {
  /** Candidates whose steps are not done: not started, started, manual task, paused. */
  ACTIVE,
  /** Candidates who stopped receiving messages: completed or bounced. */
  COMPLETED,
  /** Candidates removed by the user. */
  REMOVED
}
