package dev.nudge;

/**
 * Receives manual tasks when they come due and hears when they leave the list. Called after the
 * change is stored; the store stays the source of truth ({@code Nudge.openTasks}).
 */
public interface TodoSink {
  /** A manual task came due and is now on its owner's to-do list. */
  void add(TodoItem item);

  /** The task is off the list: completed, skipped, or withdrawn because the enrollment stopped. */
  void remove(StepRef step, TodoItem.Removal why);

  /** A sink that ignores everything, for hosts that only query open tasks. */
  static TodoSink none() {
    return new TodoSink() {
      @Override
      public void add(TodoItem item) {}

      @Override
      public void remove(StepRef step, TodoItem.Removal why) {}
    };
  }
}
