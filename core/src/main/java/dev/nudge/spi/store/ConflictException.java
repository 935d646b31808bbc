package dev.nudge.spi.store;

import dev.nudge.NudgeException;

/**
 * A {@link Store#commit} was refused because something changed underneath it; nothing was written.
 * The engine reloads and decides again.
 */
public final class ConflictException extends NudgeException {
  private static final long serialVersionUID = 1L;

  private final Kind kind;

  /** Creates the exception. */
  public ConflictException(Kind kind, String message) {
    super(kind + ": " + message);
    this.kind = kind;
  }

  /** What did not hold. */
  public Kind kind() {
    return kind;
  }

  /** What did not hold. */
  public enum Kind {
    /** The stored version was not the one the change was computed from. */
    VERSION,
    /** An insert collided: the candidate is already enrolled in the campaign, or the id exists. */
    DUPLICATE,
    /** The claim's lease was lost: another engine holds the enrollment now. */
    LEASE_LOST,
    /** The entity to update does not exist. */
    MISSING
  }
}
