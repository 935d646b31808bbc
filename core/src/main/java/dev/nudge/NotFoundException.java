package dev.nudge;

/** A campaign, enrollment or task the caller named does not exist. */
public final class NotFoundException extends NudgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an entity kind and its id. */
  public NotFoundException(String kind, Object id) {
    super(kind + " " + id + " not found");
  }
}
