package dev.nudge.internal;

import dev.nudge.ClosedException;
import dev.nudge.NudgeException;
import dev.nudge.spi.store.Claim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The background runner: a poller claims due enrollments no faster than the workers take them, the
 * workers process them (the engine's lease keeper renews the leases of sends in progress). {@link
 * #close()} stops claiming, gives back claims not yet started and waits for in-flight sends to
 * finish.
 */
final class Runner {
  private static final Logger log = Logs.RUNNER;

  private final Engine engine;
  private final DueProcessor due;
  private final Set<Claim> held = ConcurrentHashMap.newKeySet();
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable ThreadPoolExecutor workers;
  private @Nullable ScheduledFuture<?> polling;
  private @Nullable ScheduledFuture<?> catchingUp;
  private volatile boolean running;
  private boolean closed;

  /** Serializes polls; guards the poll counters below. */
  private final Object polls = new Object();

  /** Polls begun so far and, of the last one finished, its number and whether it was idle. */
  private long pollsStarted;

  private long lastFinished;
  private boolean lastIdle;

  Runner(Engine engine, DueProcessor due) {
    this.engine = engine;
    this.due = due;
  }

  synchronized void start() {
    if (closed) {
      throw new ClosedException("this Nudge");
    }
    if (running) {
      throw new NudgeException("the runner is already started");
    }
    int threads = engine.tuning.workerThreads();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            named("nudge-worker"));
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, named("nudge-poller"));
    workers = pool;
    scheduler = timer;
    running = true;
    long poll = engine.tuning.pollInterval().toMillis();
    polling =
        timer.scheduleWithFixedDelay(() -> poll(pool), 0, Math.max(1, poll), TimeUnit.MILLISECONDS);
    // campaign catch-up on its own thread: a long sync never holds up claiming
    catchingUp =
        timer.scheduleWithFixedDelay(this::catchUp, 0, Math.max(1, poll), TimeUnit.MILLISECONDS);
    log.info(
        "Nudge runner {} started: {} workers, polling every {}",
        engine.nodeId,
        threads,
        engine.tuning.pollInterval());
  }

  private void catchUp() {
    try {
      engine.catchUpCampaigns();
    } catch (RuntimeException e) {
      log.error("campaign catch-up failed; retrying later", e);
    }
  }

  /**
   * Claims due work while the workers have room. A poll is idle when it began with no work in
   * progress and found nothing due: then every step due by the clock's time has been processed.
   */
  private void poll(ThreadPoolExecutor pool) {
    synchronized (polls) {
      long number = ++pollsStarted;
      boolean idle = held.isEmpty();
      try {
        int capacity = engine.tuning.workerThreads() * 2;
        while (running && held.size() < capacity) {
          int want = Math.min(engine.tuning.claimBatchSize(), capacity - held.size());
          List<Claim> claims =
              engine
                  .store
                  .dueSteps()
                  .claim(engine.nodeId, engine.now(), engine.tuning.lease(), want);
          if (claims.isEmpty()) {
            break;
          }
          idle = false;
          for (Claim claim : claims) {
            held.add(claim);
            pool.execute(new Work(claim));
          }
        }
      } catch (RuntimeException e) {
        idle = false;
        log.error("claiming due work failed; retrying at the next poll", e);
      }
      lastFinished = number;
      lastIdle = idle;
      polls.notifyAll();
    }
  }

  /**
   * Waits until a poll that began after the call, with no work in progress, found nothing due; asks
   * for such polls at once instead of waiting for the poll interval. Without the runner started,
   * processes due work in the calling thread.
   *
   * @return false when that did not happen within the timeout
   */
  boolean awaitIdle(Duration timeout) {
    ThreadPoolExecutor pool;
    ScheduledExecutorService timer;
    synchronized (this) {
      pool = workers;
      timer = scheduler;
    }
    if (!running || pool == null || timer == null) {
      engine.runDueInCaller();
      return true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        while (!held.isEmpty()) {
          if (System.nanoTime() > deadline) {
            return false;
          }
          Thread.sleep(1);
        }
        long after;
        synchronized (polls) {
          after = pollsStarted;
        }
        timer.execute(() -> poll(pool));
        synchronized (polls) {
          while (lastFinished <= after) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !running) {
              return false;
            }
            polls.wait(Math.max(1, left / 1_000_000));
          }
          if (lastIdle) {
            return true;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return false; // closed meanwhile
    }
  }

  void close() {
    ThreadPoolExecutor pool;
    ScheduledExecutorService timer;
    synchronized (this) {
      closed = true;
      if (!running) {
        return;
      }
      running = false;
      pool = workers;
      timer = scheduler;
    }
    if (timer == null || pool == null) {
      return;
    }
    if (polling != null) {
      polling.cancel(false);
    }
    if (catchingUp != null) {
      catchingUp.cancel(false);
    }
    timer.shutdown();
    try {
      timer.awaitTermination(engine.tuning.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
      List<Runnable> queued = new ArrayList<>();
      pool.getQueue().drainTo(queued);
      for (Runnable r : queued) {
        Claim claim = ((Work) r).claim;
        held.remove(claim);
        engine.store.dueSteps().release(claim);
      }
      pool.shutdown();
      if (!pool.awaitTermination(
          engine.tuning.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} in-flight steps did not finish within {}; their leases will expire",
            held.size(),
            engine.tuning.shutdownTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Nudge runner {} stopped", engine.nodeId);
  }

  private final class Work implements Runnable {
    final Claim claim;

    Work(Claim claim) {
      this.claim = claim;
    }

    @Override
    public void run() {
      try {
        due.process(claim, engine.now());
      } finally {
        held.remove(claim);
      }
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
