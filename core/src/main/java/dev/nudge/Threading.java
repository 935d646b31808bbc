package dev.nudge;

/** Whether an email step starts a conversation or continues the previous email step's. */
public enum Threading {
  /** A new thread with the step's own subject. */
  NEW_THREAD,
  /**
   * A reply in the thread of the previous email step: {@code Re:} its subject, {@code
   * In-Reply-To}/{@code References} its Message-ID.
   */
  REPLY_IN_THREAD
}
