package dev.nudge.mail;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The background thread of one inbox: a round, then a wait for new mail — an IMAP IDLE, renewed
 * every poll interval (and before half the read timeout), where the server offers it and the inbox
 * allows it, else a sleep of one poll interval — and again; after a failure, a wait that grows
 * ({@link Backoff}). {@link #stop()} ends it promptly: it cuts an IDLE short.
 */
final class InboxLoop implements Runnable {
  private static final Logger LOG = InboxReader.LOG;
  private static final Duration LONGEST_IDLE = Duration.ofMinutes(25);

  private final InboxReader reader;
  private final ScheduledExecutorService timer;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final Backoff backoff = new Backoff();
  private volatile boolean stopping;
  private volatile boolean idling;

  InboxLoop(InboxReader reader, ScheduledExecutorService timer) {
    this.reader = reader;
    this.timer = timer;
  }

  @Override
  public void run() {
    LOG.debug("reading {} in the background", reader.name());
    try {
      while (!stopping) {
        try {
          InboxReader.Tally t = reader.round(() -> stopping);
          if (stopping) {
            break;
          }
          if (t.failure != InboxReader.Failure.NONE) {
            pause(backoff.next(t.failure == InboxReader.Failure.LOGIN_REFUSED));
            continue;
          }
          backoff.reset();
          waitForMail();
        } catch (RuntimeException | Error e) {
          // an error (out of memory while downloading, say) must not end reading this inbox
          LOG.error("reading {} failed unexpectedly", reader.name(), e);
          reader.drop();
          pause(backoff.next(false));
        }
      }
    } finally {
      reader.close();
      LOG.debug("stopped reading {}", reader.name());
    }
  }

  /** Asks the loop to end; cuts an IDLE in progress short. */
  void stop() {
    stopping = true;
    stopSignal.countDown();
    if (idling) {
      reader.drop();
    }
  }

  /** Cuts the connection, whatever the loop is doing: for a loop that does not end in time. */
  void abort() {
    reader.drop();
  }

  private void waitForMail() {
    InboxSession s = reader.session();
    if (s == null || !reader.inbox().idle() || !s.canIdle()) {
      pause(reader.inbox().pollInterval());
      return;
    }
    try {
      if (s.holdsNewerThan(reader.lastUid())) {
        return; // arrived while the last round was read: read again at once
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.debug("looking for new mail in {} failed: {}", reader.name(), Outcomes.cause(e));
      return; // the next round reconnects
    }
    ScheduledFuture<?> renew = timer.schedule(s::wake, idleRenewal(), TimeUnit.MILLISECONDS);
    idling = true;
    try {
      if (!stopping) {
        s.idle();
      }
    } catch (MessagingException | RuntimeException e) {
      if (!stopping) {
        LOG.debug("the IDLE on {} ended: {}", reader.name(), Outcomes.cause(e));
      }
    } finally {
      idling = false;
      renew.cancel(false);
    }
  }

  private long idleRenewal() {
    Duration d = reader.inbox().pollInterval();
    Duration halfRead = reader.inbox().route().readTimeout().dividedBy(2);
    if (halfRead.compareTo(d) < 0) {
      d = halfRead;
    }
    if (LONGEST_IDLE.compareTo(d) < 0) {
      d = LONGEST_IDLE;
    }
    return Math.max(1, d.toMillis());
  }

  private void pause(Duration d) {
    try {
      if (stopSignal.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
        stopping = true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }
}
