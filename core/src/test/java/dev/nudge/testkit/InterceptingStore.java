package dev.nudge.testkit;

import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Store;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A store that runs a test's action just before a matching commit — to make a concurrent command
 * land at the worst moment, or to fail the commit as if the node had died. Wraps any store.
 */
public final class InterceptingStore extends ForwardingStore {
  private final Deque<Hook> hooks = new ArrayDeque<>();

  private final Deque<Hook> after = new ArrayDeque<>();

  private record Hook(Predicate<Changes> when, Consumer<Changes> action) {}

  /** Intercepts commits to a new in-memory store. */
  public InterceptingStore() {
    this(new InMemoryStore());
  }

  /** Intercepts commits to {@code store}. */
  public InterceptingStore(Store store) {
    super(store);
  }

  /** Runs {@code action} once, before the first commit that matches {@code when}. */
  public synchronized InterceptingStore beforeCommit(
      Predicate<Changes> when, Consumer<Changes> action) {
    hooks.add(new Hook(when, action));
    return this;
  }

  /** Runs {@code action} once, just after the first commit that matches {@code when} held. */
  public synchronized InterceptingStore afterCommit(
      Predicate<Changes> when, Consumer<Changes> action) {
    after.add(new Hook(when, action));
    return this;
  }

  @Override
  public void commit(Changes changes) {
    Hook hook = take(hooks, changes);
    if (hook != null) {
      hook.action().accept(changes);
    }
    delegate.commit(changes);
    Hook then = take(after, changes);
    if (then != null) {
      then.action().accept(changes);
    }
  }

  private synchronized @Nullable Hook take(Deque<Hook> from, Changes changes) {
    Hook hook = from.stream().filter(h -> h.when().test(changes)).findFirst().orElse(null);
    if (hook != null) {
      from.remove(hook);
    }
    return hook;
  }
}
