package dev.nudge;

/** The {@link Nudge} was closed: every call after {@code close()} is refused with this. */
public final class ClosedException extends NudgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception, naming the engine. */
  public ClosedException(String engine) {
    super(engine + " is closed; build a new one to go on");
  }
}
