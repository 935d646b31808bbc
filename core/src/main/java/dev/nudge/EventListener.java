package dev.nudge;

/**
 * Hears every stored change: for webhooks, metrics, audit. Called after the change is stored, on
 * the thread that made it; an exception is logged and does not undo anything.
 *
 * <p>Events are not kept for a later delivery: a listener misses the events of a change stored just
 * before its process died, and may miss those of a change whose commit held while the store
 * reported a failure (the mail transport's answers, and the records of sends in flight, are then
 * found stored and heard). {@link Nudge#activity(EnrollmentId)} reads every stored change of an
 * enrollment.
 */
@FunctionalInterface
public interface EventListener {
  /** Called once per event, in the order the changes were made for one enrollment. */
  void onEvent(NudgeEvent event);
}
