package dev.nudge;

/** What a step does. */
public enum StepType {
  /** An email the engine sends. */
  AUTO_EMAIL,
  /** A to-do item for a person: a call, a LinkedIn message, a manual email, ... */
  MANUAL_TASK
}
