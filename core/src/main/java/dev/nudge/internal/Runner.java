package dev.nudge.internal;

import dev.nudge.ClosedException;
import dev.nudge.NudgeException;
import dev.nudge.spi.store.Claim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The background runner: a poller claims batches of due enrollments as fast as the workers take
 * them (never more than two batches per worker waiting), and looks again after the poll interval
 * when nothing is due — or at once when {@link #awaitIdle} asks. Workers process a batch each
 * ({@link Batches}); the engine's lease keeper renews the leases of sends in progress. {@link
 * #close()} stops claiming, gives back claims not yet started and waits for sends in progress.
 */
final class Runner {
  private static final Logger log = Logs.RUNNER;

  private final Engine engine;
  private final Batches batches;

  private @Nullable ThreadPoolExecutor workers;
  private @Nullable Thread poller;
  private @Nullable ScheduledExecutorService timer;
  private @Nullable ScheduledFuture<?> catchingUp;
  private final AtomicInteger inProgress = new AtomicInteger();
  private volatile boolean running;
  private boolean closed;

  /** Guards the poll counters and wakes the poller. */
  private final Object polls = new Object();

  /** Polls begun so far and, of the last one finished, its number and whether it was idle. */
  private long pollsStarted;

  private long lastFinished;
  private boolean lastIdle;
  private boolean wake;

  Runner(Engine engine, Batches batches) {
    this.engine = engine;
    this.batches = batches;
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
    ScheduledExecutorService catchUpTimer =
        Executors.newSingleThreadScheduledExecutor(named("nudge-catch-up"));
    Semaphore permits = new Semaphore(threads * 2);
    workers = pool;
    timer = catchUpTimer;
    running = true;
    Thread t = named("nudge-poller").newThread(() -> pollLoop(pool, permits));
    poller = t;
    t.start();
    long poll = Math.max(1, engine.tuning.pollInterval().toMillis());
    // campaign catch-up on its own thread: a long sync never holds up claiming
    catchingUp = catchUpTimer.scheduleWithFixedDelay(this::catchUp, 0, poll, TimeUnit.MILLISECONDS);
    log.info(
        "Nudge runner {} started: {} workers, batches of {}, polling every {}",
        engine.nodeId,
        threads,
        engine.tuning.claimBatchSize(),
        engine.tuning.pollInterval());
  }

  private void catchUp() {
    try {
      engine.catchUpCampaigns();
    } catch (RuntimeException e) {
      log.error("campaign catch-up failed; retrying later", e);
    }
  }

  private void pollLoop(ThreadPoolExecutor pool, Semaphore permits) {
    while (running) {
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        return;
      }
      boolean claimed;
      try {
        claimed = pollOnce(pool, permits);
      } catch (RuntimeException e) {
        permits.release();
        log.error("claiming due work failed; retrying at the next poll", e);
        claimed = false;
      }
      if (!claimed) {
        sleep(engine.tuning.pollInterval());
      }
    }
  }

  /**
   * Claims one batch and hands it to a worker. A poll is idle when it began with no batch in
   * progress and found nothing due: then every step due by the clock's time has been processed.
   *
   * @return whether it claimed anything (then the next poll follows at once)
   */
  private boolean pollOnce(ThreadPoolExecutor pool, Semaphore permits) {
    long number;
    boolean idle;
    synchronized (polls) {
      number = ++pollsStarted;
      wake = false;
      idle = inProgress.get() == 0;
    }
    List<Claim> claims = List.of();
    try {
      claims =
          engine
              .store
              .dueSteps()
              .claim(
                  engine.nodeId,
                  engine.now(),
                  engine.tuning.lease(),
                  engine.tuning.claimBatchSize());
    } finally {
      synchronized (polls) {
        lastFinished = number;
        lastIdle = idle && claims.isEmpty();
        polls.notifyAll();
      }
    }
    if (claims.isEmpty()) {
      permits.release();
      return false;
    }
    inProgress.incrementAndGet();
    pool.execute(new Work(claims, permits));
    return true;
  }

  /** Waits for the poll interval, or less when {@link #awaitIdle} or {@link #close} asks. */
  private void sleep(Duration interval) {
    long deadline = System.nanoTime() + interval.toNanos();
    synchronized (polls) {
      while (running && !wake) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          polls.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /**
   * Waits until a poll that began after the call, with no batch in progress, found nothing due;
   * wakes the poller instead of waiting for the poll interval. Without the runner started,
   * processes due work in the calling thread.
   *
   * @return false when that did not happen within the timeout
   */
  boolean awaitIdle(Duration timeout) {
    if (!running) {
      engine.runDueInCaller();
      return true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        while (inProgress.get() > 0) {
          if (System.nanoTime() > deadline || !running) {
            return false;
          }
          Thread.sleep(1);
        }
        synchronized (polls) {
          long after = pollsStarted;
          wake = true;
          polls.notifyAll();
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
    }
  }

  void close() {
    ThreadPoolExecutor pool;
    ScheduledExecutorService catchUpTimer;
    Thread t;
    synchronized (this) {
      closed = true;
      if (!running) {
        return;
      }
      running = false;
      pool = workers;
      catchUpTimer = timer;
      t = poller;
    }
    if (pool == null || catchUpTimer == null || t == null) {
      return;
    }
    synchronized (polls) {
      polls.notifyAll();
    }
    t.interrupt();
    if (catchingUp != null) {
      catchingUp.cancel(false);
    }
    catchUpTimer.shutdown();
    Duration timeout = engine.tuning.shutdownTimeout();
    try {
      t.join(timeout.toMillis());
      List<Runnable> queued = new ArrayList<>();
      pool.getQueue().drainTo(queued);
      for (Runnable r : queued) {
        for (Claim claim : ((Work) r).claims) {
          try {
            engine.store.dueSteps().release(claim);
          } catch (RuntimeException e) {
            log.debug("could not give back claim {}; its lease will expire", claim, e);
          }
        }
        inProgress.decrementAndGet();
      }
      pool.shutdown();
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} batches in progress did not finish within {}; their leases will expire",
            inProgress.get(),
            timeout);
      }
      catchUpTimer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Nudge runner {} stopped", engine.nodeId);
  }

  private final class Work implements Runnable {
    final List<Claim> claims;
    private final Semaphore permits;

    Work(List<Claim> claims, Semaphore permits) {
      this.claims = claims;
      this.permits = permits;
    }

    @Override
    public void run() {
      try {
        batches.process(claims, engine.now());
      } finally {
        inProgress.decrementAndGet();
        permits.release();
        synchronized (polls) {
          // a finished batch may have made the next step due at once: look again now
          wake = true;
          polls.notifyAll();
        }
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
