package dev.nudge;

/**
 * What one {@code runDue()} did.
 *
 * @param processed due enrollments handled
 * @param sent emails accepted by the mail server
 * @param tasks manual tasks put on to-do lists
 * @param deferred steps moved to a later slot (outside the window, mailbox cap or gap, transient
 *     failure)
 * @param bounced permanent send failures
 */
public record RunReport(int processed, int sent, int tasks, int deferred, int bounced) {
  /** Nothing was due. */
  public static final RunReport EMPTY = new RunReport(0, 0, 0, 0, 0);

  /** The sum of two reports. */
  public RunReport plus(RunReport o) {
    return new RunReport(
        processed + o.processed,
        sent + o.sent,
        tasks + o.tasks,
        deferred + o.deferred,
        bounced + o.bounced);
  }
}
