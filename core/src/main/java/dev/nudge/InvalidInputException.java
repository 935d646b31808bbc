package dev.nudge;

import org.jspecify.annotations.Nullable;

/**
 * Input refused before anything was written: names the offending field (for example {@code
 * "steps[2].subject"} or {@code "candidate.email"}) and says what is wrong with it.
 */
public final class InvalidInputException extends NudgeException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  /** Creates an exception for {@code field}, with a message saying what is wrong. */
  public InvalidInputException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** Returns {@code value}, or throws naming {@code field} when it is null. */
  static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    return value;
  }

  /** The path of the refused field, e.g. {@code "candidate.fields.firstName"}. */
  public String field() {
    return field;
  }

  /** What is wrong with the field, without the field's name. */
  public String problem() {
    return problem;
  }
}
