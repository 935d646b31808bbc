package dev.nudge;

/** The kind of a manual task. */
public enum TaskKind {
  /** Call the candidate. */
  CALL,
  /** Write to the candidate on LinkedIn. */
  LINKEDIN_MESSAGE,
  /** Write an email by hand. */
  MANUAL_EMAIL,
  /** Anything else; the instructions say what. */
  OTHER
}
