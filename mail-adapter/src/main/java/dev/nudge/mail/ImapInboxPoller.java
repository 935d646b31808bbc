package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import dev.nudge.Nudge;
import dev.nudge.spi.store.Checkpoints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads the inboxes of sender mailboxes over IMAP and hands every new message to {@link
 * Nudge#receive(byte[])}, which matches it and stops the campaign on a reply, a bounce or an
 * unsubscribe request [S19]. Each inbox is opened read-only, so nothing in it changes: no message
 * is marked seen, moved or deleted (unless {@link ImapInbox.Builder#moveBouncesTo}). Its
 * UIDVALIDITY and last UID are kept in the store's {@link Checkpoints}, moved past a message only
 * once its receipt is stored, so that a restart neither skips nor repeats a message; after a
 * UIDVALIDITY change the folder is read again and the engine ignores what it had before.
 *
 * <p>Call {@link #pollOnce()} from your own scheduler (or a test), or {@link #start()} one
 * background thread per inbox that waits for new mail with IMAP IDLE where the server offers it,
 * else looks every poll interval, and reconnects after failures with a growing, jittered wait. A
 * refused login holds the sender mailbox as disconnected ({@link Nudge#disconnectMailbox}), as a
 * refused SMTP login does. Nothing a message holds makes it throw. Logs to {@code dev.nudge.imap}:
 * mailboxes, UIDs and counts, never a password, token or message text.
 *
 * <pre>{@code
 * ImapInboxPoller poller = ImapInboxPoller.builder(nudge, store.checkpoints())
 *     .inbox(ImapInbox.builder("alice@acme.example",
 *             ImapRoute.builder("imap.acme.example", 993)
 *                 .credentials(Credentials.password("alice", secrets.get("alice")))
 *                 .build())
 *         .build())
 *     .build();
 * poller.start();
 * }</pre>
 */
public final class ImapInboxPoller implements AutoCloseable {
  /** How long {@link #close()} waits for a background thread before it cuts its connection. */
  private static final long GRACE_MILLIS = 1_000;

  private final List<InboxReader> readers;
  private final List<Thread> threads = new ArrayList<>();
  private final List<InboxLoop> loops = new ArrayList<>();
  private @Nullable ScheduledThreadPoolExecutor timer;
  private boolean polling;
  private boolean closed;

  private ImapInboxPoller(Builder b) {
    List<InboxReader> r = new ArrayList<>();
    for (ImapInbox inbox : b.inboxes.values()) {
      r.add(new InboxReader(inbox, b.nudge, b.checkpoints));
    }
    this.readers = List.copyOf(r);
  }

  /**
   * Starts a poller for an engine.
   *
   * @param nudge the engine that receives the mail; it needs an inbound reader ({@code
   *     Nudge.builder().inboundReader(MailReader.create())})
   * @param checkpoints where each inbox's position is kept: the engine's store's, {@code
   *     store.checkpoints()}
   */
  public static Builder builder(Nudge nudge, Checkpoints checkpoints) {
    return new Builder(nudge, checkpoints);
  }

  /** The inboxes read, in the order they were added. */
  public List<ImapInbox> inboxes() {
    return readers.stream().map(InboxReader::inbox).toList();
  }

  /**
   * Reads every inbox once, in the calling thread: connects where needed, hands over each new
   * message and moves the checkpoint past it. Never throws for a server, a message or the store: an
   * inbox that failed is named in the report and read again on the next call. Connections stay open
   * for the next call.
   *
   * @return what became of the messages handed over, and which inboxes failed
   * @throws IllegalStateException when the poller runs in the background or is closed
   */
  public Report pollOnce() {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the IMAP poller is closed");
      }
      if (!threads.isEmpty()) {
        throw new IllegalStateException("the IMAP poller runs in the background since start()");
      }
      if (polling) {
        throw new IllegalStateException("pollOnce() is running in another thread");
      }
      polling = true;
    }
    try {
      int recorded = 0;
      int unmatched = 0;
      int noted = 0;
      int duplicates = 0;
      List<EmailAddress> failed = new ArrayList<>();
      for (InboxReader reader : readers) {
        InboxReader.Tally t = reader.round(() -> false);
        recorded += t.recorded;
        unmatched += t.unmatched;
        noted += t.noted;
        duplicates += t.duplicates;
        if (t.failure != InboxReader.Failure.NONE) {
          failed.add(reader.inbox().address());
        }
      }
      return new Report(recorded, unmatched, noted, duplicates, failed);
    } finally {
      synchronized (this) {
        polling = false;
      }
    }
  }

  /**
   * Starts one daemon thread per inbox that reads it until {@link #close()}.
   *
   * @throws IllegalStateException when started already, or closed
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the IMAP poller is closed");
    }
    if (!threads.isEmpty() || polling) {
      throw new IllegalStateException("the IMAP poller is started already or polling");
    }
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            Math.min(4, readers.size()),
            r -> {
              Thread th = new Thread(r, "nudge-imap-timer");
              th.setDaemon(true);
              return th;
            });
    t.setRemoveOnCancelPolicy(true);
    timer = t;
    for (InboxReader reader : readers) {
      InboxLoop loop = new InboxLoop(reader, t);
      Thread th = new Thread(loop, "nudge-imap-" + reader.inbox().address());
      th.setDaemon(true);
      loops.add(loop);
      threads.add(th);
    }
    threads.forEach(Thread::start);
  }

  /**
   * Stops the background threads — an IDLE is cut short, a message being handed over is finished —
   * and logs out of every inbox. Later calls do nothing.
   */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = List.copyOf(threads);
    }
    loops.forEach(InboxLoop::stop);
    join(running, GRACE_MILLIS);
    for (int i = 0; i < running.size(); i++) {
      if (running.get(i).isAlive()) {
        loops.get(i).abort();
      }
    }
    join(running, GRACE_MILLIS * 4);
    ScheduledThreadPoolExecutor t = timer;
    if (t != null) {
      t.shutdownNow();
    }
    if (running.isEmpty()) {
      readers.forEach(InboxReader::close);
    }
  }

  private static void join(List<Thread> threads, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Thread t : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "ImapInboxPoller" + readers.stream().map(InboxReader::name).toList();
  }

  /**
   * What one {@link #pollOnce()} did: how many messages it handed over, by what became of them, and
   * which inboxes could not be read (login refused, server unreachable, store failing).
   *
   * @param recorded messages recorded on the step they answer (or as a request to stop)
   * @param unmatched replies, bounces and the like that matched no step
   * @param noted delivery reports, unrelated and unreadable mail
   * @param duplicates messages the engine had received before: no further effect
   * @param failed the mailboxes of the inboxes that failed, to be read again on the next call
   */
  public record Report(
      int recorded, int unmatched, int noted, int duplicates, List<EmailAddress> failed) {
    /** Copies the list. */
    public Report {
      failed = List.copyOf(failed);
    }

    /** How many messages were handed to the engine. */
    public int handedOver() {
      return recorded + unmatched + noted + duplicates;
    }
  }

  /**
   * Collects the inboxes of an {@link ImapInboxPoller}: at least one, each mailbox and folder once.
   */
  public static final class Builder {
    private final Nudge nudge;
    private final Checkpoints checkpoints;
    private final Map<String, ImapInbox> inboxes = new LinkedHashMap<>();

    private Builder(Nudge nudge, Checkpoints checkpoints) {
      if (nudge == null) {
        throw new InvalidInputException("nudge", "must not be null");
      }
      if (checkpoints == null) {
        throw new InvalidInputException("checkpoints", "must not be null");
      }
      this.nudge = nudge;
      this.checkpoints = checkpoints;
    }

    /** Reads this inbox; each mailbox and folder may be added once. */
    public Builder inbox(ImapInbox inbox) {
      if (inbox == null) {
        throw new InvalidInputException("inbox", "must not be null");
      }
      if (inboxes.putIfAbsent(inbox.checkpointKey(), inbox) != null) {
        throw new InvalidInputException(
            "inbox(" + inbox.address() + ")", "the folder " + inbox.folder() + " is read already");
      }
      return this;
    }

    /**
     * Builds the poller; it reads nothing until {@link #pollOnce()} or {@link #start()}.
     *
     * @throws InvalidInputException when no inbox is set
     */
    public ImapInboxPoller build() {
      if (inboxes.isEmpty()) {
        throw new InvalidInputException(
            "inbox", "is required but not set: call ImapInboxPoller.builder(...).inbox(...)");
      }
      return new ImapInboxPoller(this);
    }
  }
}
