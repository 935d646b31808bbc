package dev.nudge.internal;

import dev.nudge.port.Claim;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the lease of a claim whose email is with the transport alive, every third of a lease, so
 * that a slow mail server does not let another engine take the step over while it is being sent.
 * Renewal stops after {@link #MAX_LEASES} leases: a transport that hangs that long loses the step,
 * which is then recovered as in flight. Used by {@code runDue()} and the background runner alike;
 * its thread exists only while a send is in progress.
 */
final class LeaseKeeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  /** Longest a send is kept alive, in leases. */
  static final int MAX_LEASES = 10;

  private final Engine engine;
  private final ScheduledThreadPoolExecutor timer;
  private final Map<Claim, ScheduledFuture<?>> held = new ConcurrentHashMap<>();

  LeaseKeeper(Engine engine) {
    this.engine = engine;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "nudge-lease-keeper");
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
  }

  /** Renews the claim's lease until {@link #drop} (or until it has lasted {@link #MAX_LEASES}). */
  void hold(Claim claim) {
    Duration lease = engine.tuning.lease();
    long period = Math.max(1, lease.toMillis() / 3);
    int max = MAX_LEASES * 3;
    AtomicInteger renewals = new AtomicInteger();
    try {
      ScheduledFuture<?> task =
          timer.scheduleWithFixedDelay(
              () -> renew(claim, lease, renewals.incrementAndGet() > max),
              period,
              period,
              TimeUnit.MILLISECONDS);
      held.put(claim, task);
    } catch (RejectedExecutionException closed) {
      // the engine was closed: the send goes on under the lease it has
      log.debug("lease keeper closed; not renewing {}", claim.enrollmentId());
    }
  }

  /** Stops renewing the claim's lease. */
  void drop(Claim claim) {
    ScheduledFuture<?> task = held.remove(claim);
    if (task != null) {
      task.cancel(false);
    }
  }

  private void renew(Claim claim, Duration lease, boolean tooLong) {
    if (tooLong) {
      log.warn(
          "the send for enrollment {} has lasted {} leases; no longer renewed",
          claim.enrollmentId(),
          MAX_LEASES);
      drop(claim);
      return;
    }
    try {
      if (engine.store.dueSteps().renew(claim, engine.now(), lease).isEmpty()) {
        log.warn("lease on enrollment {} was lost during its send", claim.enrollmentId());
        drop(claim);
      }
    } catch (RuntimeException e) {
      log.warn("renewing the lease on enrollment {} failed", claim.enrollmentId(), e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
