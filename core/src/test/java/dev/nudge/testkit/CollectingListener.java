package dev.nudge.testkit;

import dev.nudge.EnrollmentEvent;
import dev.nudge.EventListener;
import dev.nudge.NudgeEvent;
import java.util.ArrayList;
import java.util.List;

/** An {@link EventListener} that keeps every event. Thread-safe. */
public final class CollectingListener implements EventListener {
  private final List<NudgeEvent> events = new ArrayList<>();

  @Override
  public synchronized void onEvent(NudgeEvent event) {
    events.add(event);
  }

  /** Every event so far. */
  public synchronized List<NudgeEvent> events() {
    return List.copyOf(events);
  }

  /** The enrollment events of one type. */
  public synchronized List<EnrollmentEvent> ofType(EnrollmentEvent.Type type) {
    return events.stream()
        .filter(e -> e instanceof EnrollmentEvent ee && ee.type() == type)
        .map(e -> (EnrollmentEvent) e)
        .toList();
  }
}
