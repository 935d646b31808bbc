package dev.nudge.testkit;

import dev.nudge.StepRef;
import dev.nudge.TodoItem;
import dev.nudge.TodoSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link TodoSink} that keeps the open items and what was removed. Thread-safe. */
public final class CollectingTodoSink implements TodoSink {
  private final Map<StepRef, TodoItem> open = new LinkedHashMap<>();
  private final List<String> removals = new ArrayList<>();

  @Override
  public synchronized void add(TodoItem item) {
    open.put(item.step(), item);
  }

  @Override
  public synchronized void remove(StepRef step, TodoItem.Removal why) {
    open.remove(step);
    removals.add(step + " " + why);
  }

  /** The items currently on the list. */
  public synchronized List<TodoItem> open() {
    return List.copyOf(open.values());
  }

  /** Every removal as {@code "enrollmentId#step REASON"}. */
  public synchronized List<String> removals() {
    return List.copyOf(removals);
  }
}
