package dev.nudge.internal;

import dev.nudge.spi.store.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Keeps the leases of claims whose email is with the transport alive, every third of a lease, so
 * that a slow mail server does not let another engine take a step over while it is being sent.
 * Renewal of a send stops after {@link #MAX_LEASES} leases: a transport that hangs that long loses
 * the step, which is then recovered as in flight. Used by {@code runDue()} and the background
 * runner alike; it ticks only while sends are in progress and has no thread when idle.
 */
final class LeaseKeeper implements AutoCloseable {
  private static final Logger log = Logs.SEND;

  /** Longest a send is kept alive, in leases. */
  static final int MAX_LEASES = 10;

  private final Engine engine;
  private final ScheduledThreadPoolExecutor timer;

  /** One slot per thread that sends: no allocation per send. */
  private final List<Slot> slots = new CopyOnWriteArrayList<>();

  private final ThreadLocal<Slot> mine =
      ThreadLocal.withInitial(
          () -> {
            Slot slot = new Slot();
            slots.add(slot);
            return slot;
          });
  private volatile boolean ticking;
  private @Nullable ScheduledFuture<?> ticker;

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

  /**
   * Renews the leases of the claims whose emails this thread hands to the transport, until {@link
   * #recorded} or {@link #drop} (or until they have lasted {@link #MAX_LEASES}). A hold inside
   * another (a listener that runs due work from within a batch) adds its claims to the outer one's,
   * which go on being renewed, and {@link #drop} brings back the outer hold alone.
   */
  void hold(List<Claim> claims) {
    Slot slot = mine.get();
    List<Claim> outer = slot.claims;
    slot.outer.push(new Held(outer, slot.recording));
    List<Claim> all = claims;
    if (outer != null) {
      all = new ArrayList<>(outer.size() + claims.size());
      all.addAll(outer);
      all.addAll(claims);
    }
    // claims first: the ticker reads the flag first, so it never sees it cleared with them held
    slot.claims = all;
    slot.recording = false;
    // under the lock, always: a ticker stopping for want of claims must not miss these
    startTicking();
  }

  /**
   * Tells that the sends of the claims this thread holds are over and their answers are being
   * recorded: the leases are still renewed (a store that is slow to take the answers must not let
   * another engine send the step again), but a renewal refused is no longer news, since recording
   * the answers releases the claims.
   */
  void recording() {
    mine.get().recording = true;
  }

  /**
   * Tells that the answers of the latest hold are recorded: its claims are given back, and only
   * those of the holds around it are left to renew.
   */
  void recorded() {
    Slot slot = mine.get();
    restore(slot, slot.outer.peek());
  }

  /**
   * Tells that one claim of this thread's holds was given back with its answer (the others are
   * still held): it is renewed no more.
   */
  void released(Claim claim) {
    Slot slot = mine.get();
    if (!slot.outer.isEmpty()) {
      slot.released.add(claim);
    }
  }

  /** Ends the hold this thread made last: stops renewing its leases, not those around it. */
  void drop() {
    Slot slot = mine.get();
    restore(slot, slot.outer.poll());
    if (slot.outer.isEmpty()) {
      slot.released.clear(); // after the claims: nothing is held any more
    }
  }

  private static void restore(Slot slot, @Nullable Held before) {
    List<Claim> claims = before == null ? null : before.claims();
    if (before != null && before.recording()) {
      // the flag first: the ticker never sees recording claims without it
      slot.recording = true;
      slot.claims = claims;
    } else {
      // claims first: the ticker reads the flag first, so it never sees it cleared with them held
      slot.claims = claims;
      slot.recording = false;
    }
  }

  /** The claims this thread's leases are renewed for now, those of outer holds first, if any. */
  @Nullable List<Claim> held() {
    Slot slot = mine.get();
    List<Claim> claims = slot.claims;
    return claims == null
        ? null
        : claims.stream().filter(claim -> !slot.released.contains(claim)).toList();
  }

  /** What a thread held before its latest hold: nothing, or what the holds around it held. */
  private record Held(@Nullable List<Claim> claims, boolean recording) {}

  /** The claims one thread has with the transport, if any. */
  private static final class Slot {
    volatile @Nullable List<Claim> claims;
    volatile boolean recording;
    // one entry per hold not yet dropped; read and written by the slot's thread only
    final java.util.ArrayDeque<Held> outer = new java.util.ArrayDeque<>();
    // claims given back one by one while the holds around them go on
    final Set<Claim> released = ConcurrentHashMap.newKeySet();
    // read and written by the ticker only
    @Nullable List<Claim> seen;
    int ticks;
  }

  private synchronized void startTicking() {
    if (ticking) {
      return;
    }
    long period = Math.max(1, engine.tuning.lease().toMillis() / 3);
    try {
      ticker = timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
      ticking = true;
    } catch (RejectedExecutionException closed) {
      log.debug("lease keeper closed; sends go on under the lease they have");
    }
  }

  private void tick() {
    boolean any = false;
    for (Slot slot : slots) {
      List<Claim> claims = slot.claims;
      if (claims == null) {
        continue;
      }
      any = true;
      if (claims != slot.seen) {
        slot.seen = claims;
        slot.ticks = 0;
      }
      if (++slot.ticks > MAX_LEASES * 3) {
        if (slot.ticks == MAX_LEASES * 3 + 1) {
          log.warn(
              "the send of {} claimed step(s) has lasted {} leases; no longer renewed",
              claims.size(),
              MAX_LEASES);
        }
        continue;
      }
      for (Claim claim : claims) {
        if (slot.claims != claims) {
          break; // the answers are recorded
        }
        if (slot.released.contains(claim)) {
          continue;
        }
        try {
          if (engine.store.dueSteps().renew(claim, engine.now(), engine.tuning.lease()).isEmpty()
              && !slot.recording
              && slot.claims == claims) {
            log.warn("lease on enrollment {} was lost during its send", claim.enrollmentId());
          }
        } catch (RuntimeException ex) {
          log.warn("renewing the lease on enrollment {} failed", claim.enrollmentId(), ex);
        }
      }
    }
    if (!any) {
      synchronized (this) {
        if (ticker != null && slots.stream().allMatch(sl -> sl.claims == null)) {
          ticker.cancel(false);
          ticker = null;
          ticking = false;
        }
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
