package dev.nudge.testkit;

import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.CampaignRepository;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.DueSteps;
import dev.nudge.spi.store.EnrollmentRepository;
import dev.nudge.spi.store.Registers;
import dev.nudge.spi.store.Store;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An {@link InMemoryStore} that runs a test's action just before a matching commit — to make a
 * concurrent command land at the worst moment, or to fail the commit as if the node had died.
 */
public final class InterceptingStore implements Store {
  private final InMemoryStore store = new InMemoryStore();
  private final Deque<Hook> hooks = new ArrayDeque<>();

  private record Hook(Predicate<Changes> when, Consumer<Changes> action) {}

  /** Runs {@code action} once, before the first commit that matches {@code when}. */
  public synchronized InterceptingStore beforeCommit(
      Predicate<Changes> when, Consumer<Changes> action) {
    hooks.add(new Hook(when, action));
    return this;
  }

  @Override
  public void commit(Changes changes) {
    Hook hook;
    synchronized (this) {
      hook = hooks.stream().filter(h -> h.when().test(changes)).findFirst().orElse(null);
      if (hook != null) {
        hooks.remove(hook);
      }
    }
    if (hook != null) {
      hook.action().accept(changes);
    }
    store.commit(changes);
  }

  @Override
  public CampaignRepository campaigns() {
    return store.campaigns();
  }

  @Override
  public EnrollmentRepository enrollments() {
    return store.enrollments();
  }

  @Override
  public DueSteps dueSteps() {
    return store.dueSteps();
  }

  @Override
  public Registers registers() {
    return store.registers();
  }
}
