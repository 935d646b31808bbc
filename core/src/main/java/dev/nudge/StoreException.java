package dev.nudge;

import org.jspecify.annotations.Nullable;

/** A store could not do its work (connection lost, disk full, ...); wraps the cause. */
public class StoreException extends NudgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
