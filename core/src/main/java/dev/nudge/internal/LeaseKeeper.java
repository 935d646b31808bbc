package dev.nudge.internal;

import dev.nudge.port.Claim;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of claims whose email is with the transport alive, every third of a lease, so
 * that a slow mail server does not let another engine take a step over while it is being sent. Used
 * by {@code runDue()} and the background runner alike; its thread starts on first use.
 */
final class LeaseKeeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final Engine engine;
  private final Set<Claim> held = ConcurrentHashMap.newKeySet();
  private @Nullable ScheduledExecutorService timer;
  private boolean closed;

  LeaseKeeper(Engine engine) {
    this.engine = engine;
  }

  void hold(Claim claim) {
    held.add(claim);
    start();
  }

  void drop(Claim claim) {
    held.remove(claim);
  }

  private synchronized void start() {
    if (timer != null || closed) {
      return;
    }
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "nudge-lease-keeper");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(1, engine.tuning.lease().toMillis() / 3);
    var unused = t.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    timer = t;
  }

  private void renew() {
    for (Claim claim : held) {
      try {
        if (engine.store.dueSteps().renew(claim, engine.now(), engine.tuning.lease()).isEmpty()) {
          log.warn("lease on enrollment {} was lost during its send", claim.enrollmentId());
        }
      } catch (RuntimeException e) {
        log.warn("renewing the lease on enrollment {} failed", claim.enrollmentId(), e);
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
