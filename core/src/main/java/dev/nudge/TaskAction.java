package dev.nudge;

import org.jspecify.annotations.Nullable;

/**
 * A manual task put on a person's to-do list when due.
 *
 * @param kind call, LinkedIn message, manual email or other
 * @param instructions template of what to do, over candidate fields
 * @param assignee owner of the to-do item; null for the campaign's owner
 */
public record TaskAction(TaskKind kind, String instructions, @Nullable String assignee)
    implements StepAction {

  /** Checks the components are present. */
  public TaskAction {
    InvalidInputException.required(kind, "task.kind");
    InvalidInputException.required(instructions, "task.instructions");
  }

  /** A task for the campaign's owner. */
  public static TaskAction of(TaskKind kind, String instructions) {
    return new TaskAction(kind, instructions, null);
  }

  @Override
  public StepType type() {
    return StepType.MANUAL_TASK;
  }
}
