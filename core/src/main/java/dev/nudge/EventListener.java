package dev.nudge;

/**
 * Hears every stored change: for webhooks, metrics, audit. Called after the change is stored, on
 * the thread that made it; an exception is logged and does not undo anything.
 */
@FunctionalInterface
public interface EventListener {
  /** Called once per event, in the order the changes were made for one enrollment. */
  void onEvent(NudgeEvent event);
}
