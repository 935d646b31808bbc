package dev.nudge;

import org.jspecify.annotations.Nullable;

/** Base of every exception Nudge throws; unchecked. */
public class NudgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public NudgeException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the cause it wraps. */
  public NudgeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
