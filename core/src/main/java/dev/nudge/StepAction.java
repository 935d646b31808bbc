package dev.nudge;

/** What a step does when it comes due: send an email or put a task on the to-do list. */
public sealed interface StepAction permits EmailAction, TaskAction {
  /** The step type this action makes. */
  StepType type();
}
