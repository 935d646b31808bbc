package dev.nudge.mail;

import dev.nudge.ClosedException;
import dev.nudge.InboundEntry;
import dev.nudge.Nudge;
import dev.nudge.StoreException;
import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.ReadMail;
import dev.nudge.spi.store.Checkpoints;
import dev.nudge.spi.store.ConflictException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one inbox: hands every message with a UID above the stored checkpoint to {@link
 * Nudge#receive}, in UID order, and moves the checkpoint ({@code <UIDVALIDITY>:<last UID>}) past
 * each message once its receipt is stored — never before, so a message whose receipt failed is
 * handed over again later, and one handed over twice has no second effect. A refused login holds
 * the sender mailbox as disconnected. Never throws; used by one thread at a time.
 */
final class InboxReader {
  static final Logger LOG = LoggerFactory.getLogger("dev.nudge.imap");

  /**
   * How many rounds a message the server will not hand out, or the engine fails on, is tried before
   * it is logged unread.
   */
  static final int FETCH_ATTEMPTS = 3;

  private final ImapInbox inbox;
  private final Nudge nudge;
  private final Checkpoints checkpoints;
  private final MailReader headerReader = MailReader.create();
  private final String name;
  private volatile @Nullable InboxSession session;
  private volatile boolean closed;
  private final LoginHolds holds;
  private long lastUid;
  // the message that failed last (fetched or handed over), and how many rounds in a row it did
  private long failingUid = -1;
  private int failedFetches;

  InboxReader(ImapInbox inbox, Nudge nudge, Checkpoints checkpoints) {
    this.inbox = inbox;
    this.nudge = nudge;
    this.checkpoints = checkpoints;
    this.name = inbox.folder() + " of " + inbox.address();
    this.holds = new LoginHolds(nudge, inbox.address(), server());
  }

  ImapInbox inbox() {
    return inbox;
  }

  /** The UID of the last message handed over (or passed over), as of the last round. */
  long lastUid() {
    return lastUid;
  }

  /** The open session, or null. */
  @Nullable InboxSession session() {
    return session;
  }

  /** What went wrong in a round, if anything. */
  enum Failure {
    NONE,
    LOGIN_REFUSED,
    CONNECTION,
    MESSAGE,
    STORE
  }

  /** What one round did. */
  static final class Tally {
    int recorded;
    int unmatched;
    int noted;
    int duplicates;
    Failure failure = Failure.NONE;

    int handedOver() {
      return recorded + unmatched + noted + duplicates;
    }
  }

  /** A failure of the engine or its store: the round ends, the checkpoint stays. */
  private static final class StoreFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StoreFailure(Throwable cause) {
      super(cause);
    }
  }

  /** A message the server would not hand out this time: the round ends before it. */
  private static final class NotYet extends Exception {
    private static final long serialVersionUID = 1L;

    NotYet() {
      super(null, null, false, false);
    }
  }

  /** Connects if needed and hands over every new message; stops early when asked to. */
  Tally round(BooleanSupplier stopping) {
    Tally t = new Tally();
    if (closed) {
      // the poller was closed while another thread was still polling: connect no more
      return t;
    }
    InboxSession s;
    try {
      s = connected();
    } catch (AuthenticationFailedException e) {
      holds.refused("IMAP login to " + server() + " refused: " + Outcomes.cause(e));
      t.failure = Failure.LOGIN_REFUSED;
      return t;
    } catch (InboxSession.SecretUnavailableException e) {
      holds.refused(String.valueOf(e.getMessage()));
      t.failure = Failure.LOGIN_REFUSED;
      return t;
    } catch (MessagingException | RuntimeException e) {
      if (Outcomes.has(e, CertificateException.class)
          || Outcomes.has(e, SSLPeerUnverifiedException.class)) {
        // a person must fix the trust or the host name, as with a refused password
        holds.refused(
            "the TLS certificate of " + server() + " was not accepted (" + Outcomes.cause(e) + ")");
        t.failure = Failure.LOGIN_REFUSED;
        return t;
      }
      if (lacksStartTls(e)) {
        // the route requires STARTTLS and the server does not offer it: a person must fix the
        // route or the server, as the SMTP transport's refusal of the same says
        holds.refused(
            "the IMAP server "
                + server()
                + " does not offer STARTTLS, which the route requires (TlsMode.STARTTLS)");
        t.failure = Failure.LOGIN_REFUSED;
        return t;
      }
      LOG.warn("could not open {} on {}: {}", name, server(), Outcomes.cause(e));
      t.failure = Failure.CONNECTION;
      return t;
    }
    try {
      read(s, t, stopping);
    } catch (StoreFailure e) {
      LOG.warn("could not record mail of {}; it is handed over again later", name, e.getCause());
      t.failure = Failure.STORE;
    } catch (MessagingException | IOException | RuntimeException e) {
      if (!stopping.getAsBoolean()) {
        LOG.warn("reading {} on {} failed: {}", name, server(), Outcomes.cause(e));
      }
      drop();
      t.failure = Failure.CONNECTION;
    }
    return t;
  }

  /** Whether Jakarta Mail gave up because the server does not offer the STARTTLS required. */
  private static boolean lacksStartTls(Exception e) {
    return Outcomes.has(
        e,
        t -> {
          String message = t.getMessage();
          return message != null
              && message.contains("STARTTLS")
              && message.contains("not supported");
        });
  }

  private InboxSession connected() throws MessagingException {
    InboxSession s = session;
    if (s != null) {
      try {
        s.noop();
        return s;
      } catch (MessagingException | RuntimeException e) {
        LOG.debug("the connection to {} was lost ({}); opening another", server(), e.toString());
        drop();
      }
    }
    s = InboxSession.open(inbox);
    session = s;
    LOG.debug("opened {} on {}", name, server());
    holds.loggedIn();
    return s;
  }

  private void read(InboxSession s, Tally t, BooleanSupplier stopping)
      throws MessagingException, IOException, StoreFailure {
    String key = inbox.checkpointKey();
    String expected = store(() -> checkpoints.get(key)).orElse(null);
    long uidValidity = s.uidValidity();
    long after = startAfter(s, expected, uidValidity);
    String start = uidValidity + ":" + after;
    if (!start.equals(expected)) {
      String stored = expected;
      if (!store(() -> checkpoints.compareAndSet(key, stored, start))) {
        LOG.info("the checkpoint of {} was moved meanwhile by another poller", name);
        return;
      }
      expected = start;
    }
    lastUid = after;
    List<Message> fresh = s.after(after);
    if (!fresh.isEmpty()) {
      LOG.debug("{} new messages in {} after UID {}", fresh.size(), name, after);
    }
    for (Message m : fresh) {
      if (stopping.getAsBoolean()) {
        return;
      }
      long uid = s.uid(m);
      InboundEntry entry;
      try {
        entry = handOver(s, m, uid);
      } catch (MessageRemovedException gone) {
        LOG.debug("UID {} of {} was removed before it could be read", uid, name);
        entry = null;
      } catch (NotYet e) {
        t.failure = Failure.MESSAGE; // the server would not hand it out: tried again later
        return;
      }
      if (entry != null) {
        count(t, entry);
        LOG.debug("UID {} of {}: {} {}", uid, name, entry.kind(), entry.outcome());
        if (entry.kind() == InboundEntry.Kind.BOUNCE) {
          moveBounce(s, m, uid);
        }
      }
      String next = uidValidity + ":" + uid;
      String previous = expected;
      if (!store(() -> checkpoints.compareAndSet(key, previous, next))) {
        LOG.info("the checkpoint of {} was moved meanwhile by another poller", name);
        return;
      }
      expected = next;
      lastUid = uid;
    }
  }

  /** The UID to read after: the checkpoint's, or 0 (or the newest, if asked) for a new start. */
  private long startAfter(InboxSession s, @Nullable String stored, long uidValidity)
      throws MessagingException {
    if (stored == null) {
      if (inbox.skipExistingMail()) {
        long last = s.lastUid();
        LOG.info("first look at {}: the mail up to UID {} is left unread", name, last);
        return last;
      }
      LOG.info("first look at {}: reading all of it", name);
      return 0;
    }
    int colon = stored.indexOf(':');
    try {
      long storedValidity = Long.parseLong(stored.substring(0, Math.max(colon, 0)));
      long storedUid = Long.parseLong(stored.substring(colon + 1));
      if (storedValidity == uidValidity && storedUid >= 0) {
        return storedUid;
      }
      LOG.info(
          "UIDVALIDITY of {} changed from {} to {}: reading it again from the start; mail handed"
              + " over before has no further effect",
          name,
          storedValidity,
          uidValidity);
    } catch (NumberFormatException e) {
      LOG.warn("the checkpoint of {} is not UIDVALIDITY:UID; reading it from the start", name);
    }
    return 0;
  }

  private InboundEntry handOver(InboxSession s, Message m, long uid)
      throws MessagingException, IOException, StoreFailure, NotYet {
    FetchedMail f;
    try {
      f = s.fetch(m);
    } catch (MessageRemovedException gone) {
      throw gone;
    } catch (MessagingException | IOException | RuntimeException e) {
      s.noop(); // throws when the connection is gone rather than this message
      if (!lastAttempt(uid)) {
        LOG.warn("the server would not hand out UID {} of {}: {}", uid, name, Outcomes.cause(e));
        throw new NotYet();
      }
      LOG.warn(
          "UID {} of {} could not be fetched {} times; logged unread", uid, name, FETCH_ATTEMPTS);
      return loggedUnread(
          headerOf(m),
          "could not be fetched: " + e.getClass().getSimpleName(),
          java.time.Instant.now());
    }
    byte[] raw = f.raw();
    if (raw != null) {
      return receive(uid, raw, f);
    }
    LOG.info("UID {} of {} has {} bytes, over the limit: logged unread", uid, name, f.size());
    return loggedUnread(
        f.header(),
        "larger than " + inbox.maxMessageBytes() + " bytes (" + f.size() + ")",
        f.receivedAt());
  }

  /**
   * Hands a mail over. A failure of the store (or a closed engine) ends the round, to be tried
   * again later; the engine failing on the mail itself (a fault it brings out) is tried {@value
   * #FETCH_ATTEMPTS} times, then the mail is logged unread, so that one mail cannot hold up all
   * that comes after it.
   */
  private InboundEntry receive(long uid, byte[] raw, FetchedMail f) throws StoreFailure {
    try {
      return nudge.receive(raw);
    } catch (StoreException | ConflictException | ClosedException | IllegalStateException e) {
      throw new StoreFailure(e);
    } catch (RuntimeException | StackOverflowError e) {
      if (!lastAttempt(uid)) {
        throw new StoreFailure(e);
      }
      LOG.error(
          "the engine failed on UID {} of {} {} times; logged unread",
          uid,
          name,
          FETCH_ATTEMPTS,
          e);
      return loggedUnread(
          f.header(), "the engine failed on it: " + e.getClass().getName(), f.receivedAt());
    }
  }

  /**
   * Counts a failed round at {@code uid}; true when it was the last of {@value #FETCH_ATTEMPTS}.
   */
  private boolean lastAttempt(long uid) {
    if (failingUid != uid) {
      failingUid = uid;
      failedFetches = 0;
    }
    return ++failedFetches >= FETCH_ATTEMPTS;
  }

  /** Logs a mail given up on as unread; the next failure starts a count of its own. */
  private InboundEntry loggedUnread(byte[] header, String problem, java.time.Instant receivedAt)
      throws StoreFailure {
    ReadMail unread = unread(header, problem, receivedAt);
    InboundEntry entry = store(() -> nudge.receive(unread));
    failingUid = -1;
    return entry;
  }

  private static byte[] headerOf(Message m) {
    try {
      return FetchedMail.header(m);
    } catch (MessagingException | RuntimeException e) {
      return new byte[0];
    }
  }

  /** A mail that is logged without being read: its header's fields, classified unreadable. */
  private ReadMail unread(byte[] header, String problem, java.time.Instant receivedAt) {
    ReadMail fields = headerReader.read(header, receivedAt);
    return new ReadMail(fields.message(), new Classification.Unreadable(problem));
  }

  private void moveBounce(InboxSession s, Message m, long uid) {
    Optional<String> to = inbox.moveBouncesTo();
    if (to.isEmpty()) {
      return;
    }
    try {
      if (s.move(m, to.get())) {
        LOG.debug("moved the bounce UID {} of {} to {}", uid, name, to.get());
      } else {
        LOG.warn("{} offers neither MOVE nor UIDPLUS: the bounce UID {} stays", server(), uid);
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.warn("could not move the bounce UID {} of {}: {}", uid, name, Outcomes.cause(e));
    }
  }

  private static void count(Tally t, InboundEntry entry) {
    switch (entry.outcome()) {
      case RECORDED -> t.recorded++;
      case UNMATCHED -> t.unmatched++;
      case NOTED -> t.noted++;
      case DUPLICATE -> t.duplicates++;
    }
  }

  private <T> T store(java.util.function.Supplier<T> call) throws StoreFailure {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new StoreFailure(e);
    }
  }

  /** Closes the session without waiting for the server. */
  void drop() {
    InboxSession s = session;
    session = null;
    if (s != null) {
      s.abort();
    }
  }

  /** Closes the session, logging out; no round connects afterwards. */
  void close() {
    closed = true;
    InboxSession s = session;
    session = null;
    if (s != null) {
      s.close();
    }
  }

  String server() {
    return inbox.route().host() + ":" + inbox.route().port();
  }

  String name() {
    return name;
  }
}
