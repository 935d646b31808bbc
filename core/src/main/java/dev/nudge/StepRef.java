package dev.nudge;

import java.util.Objects;

/** Points at one step of one enrollment: what a reply, a bounce or a to-do item is about. */
public record StepRef(EnrollmentId enrollmentId, int step) {
  /** Checks the components. */
  public StepRef {
    Objects.requireNonNull(enrollmentId, "enrollmentId");
    if (step < 1) {
      throw new InvalidInputException("step", "step numbers start at 1, was " + step);
    }
  }

  @Override
  public String toString() {
    return enrollmentId + "#" + step;
  }
}
