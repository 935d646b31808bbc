package dev.nudge;

/**
 * A status change that the state machine's transition table does not allow; names the entity and
 * both states.
 */
public final class IllegalTransitionException extends NudgeException {
  private static final long serialVersionUID = 1L;

  private final String entity;
  private final String from;
  private final String to;

  /**
   * Creates the exception.
   *
   * @param entity what changes, e.g. {@code "enrollment 6f1c…"} or {@code "enrollment 6f1c… step
   *     2"}
   */
  public IllegalTransitionException(String entity, Enum<?> from, Enum<?> to) {
    super("illegal transition of " + entity + " from " + from + " to " + to);
    this.entity = entity;
    this.from = from.name();
    this.to = to.name();
  }

  /** The entity whose status was to change. */
  public String entity() {
    return entity;
  }

  /** The current state. */
  public String from() {
    return from;
  }

  /** The refused target state. */
  public String to() {
    return to;
  }
}
