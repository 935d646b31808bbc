package dev.nudge;

/**
 * One step of a campaign: its number (from 1), the delay (a {@link Wait}) before it — counted from
 * the previous step, or for step 1 from enrollment or campaign start — and what it does.
 */
public record Step(int number, Wait delay, StepAction action) {
  /** Checks the components. */
  public Step {
    if (number < 1) {
      throw new IllegalArgumentException("step numbers start at 1, was " + number);
    }
    InvalidInputException.required(delay, "step.delay");
    InvalidInputException.required(action, "step.action");
  }

  /** The step's type. */
  public StepType type() {
    return action.type();
  }
}
