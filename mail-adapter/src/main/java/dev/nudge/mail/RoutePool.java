package dev.nudge.mail;

import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SendResult.MailboxRejected.Kind;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The open connections of one route: at most {@link SmtpRoute#maxConnections()} at once, each used
 * by one thread at a time, the most recently used first. A connection idle for a while is checked
 * (NOOP) before it is used, and one that broke before the message data went out is replaced and the
 * message sent on a fresh connection, so a connection the server closed while idle never fails a
 * send. Connections idle past the idle timeout are closed.
 */
final class RoutePool {
  /** A connection idle longer than this is asked whether it still works before it is used. */
  private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final Logger log = SmtpMailTransport.LOG;

  private final SmtpRoute route;
  private final Supplier<String> heloName;
  private final ScheduledExecutorService timer;
  private final long idleTimeoutNanos;
  private final Semaphore permits;
  private final long permitWaitMillis;
  private final ArrayDeque<SmtpConnection> idle = new ArrayDeque<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final Object tokenLock = new Object();
  private @Nullable String lastToken;
  private boolean closed;

  /**
   * The answer of a pool closed before the send took a connection: nothing was sent. The transport
   * looks the mailbox's route up again, since a route replaced meanwhile closes its old pool.
   */
  static final SendResult CLOSED = new SendResult.TransientFailure("the SMTP transport is closed");

  RoutePool(
      SmtpRoute route,
      Supplier<String> heloName,
      ScheduledExecutorService timer,
      Duration idleTimeout) {
    this.route = route;
    this.heloName = heloName;
    this.timer = timer;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.permits = new Semaphore(route.maxConnections(), true);
    this.permitWaitMillis =
        route
            .connectTimeout()
            .plus(route.readTimeout().multipliedBy(2))
            .plus(route.writeTimeout())
            .toMillis();
  }

  /** Sends one message on a connection of this route; never throws. */
  SendResult send(Messages.Outgoing out) {
    SendResult busy = acquire();
    if (busy != null) {
      return busy;
    }
    try {
      Lease lease = lease();
      SmtpConnection c = lease.connection;
      if (c == null) {
        return lease.failure();
      }
      SendResult r = c.send(out);
      if (lease.reused && brokeBeforeTheData(c, r)) {
        log.debug("a reused connection to {} broke before the data; sending on a fresh one", route);
        c.abort();
        lease = fresh();
        c = lease.connection;
        if (c == null) {
          return lease.failure();
        }
        r = c.send(out);
      }
      giveBack(c, r);
      return r;
    } finally {
      permits.release();
    }
  }

  /** Opens a connection and logs in without sending; keeps it for the next send when it works. */
  SendResult check() {
    SendResult busy = acquire();
    if (busy != null) {
      return busy;
    }
    try {
      Lease lease = fresh();
      SmtpConnection c = lease.connection;
      if (c == null) {
        return lease.failure();
      }
      SendResult ok = new SendResult.Accepted(null);
      giveBack(c, ok);
      return ok;
    } finally {
      permits.release();
    }
  }

  /** Whether a send on a reused connection failed in a way a fresh connection may not. */
  private static boolean brokeBeforeTheData(SmtpConnection c, SendResult r) {
    if (!(r instanceof SendResult.TransientFailure) || c.wire().endOfDataWritten()) {
      return false;
    }
    Wire.Reply refusal = c.wire().lastRefusal();
    return refusal == null || refusal.code() == 421; // silence, or "closing the channel"
  }

  private @Nullable SendResult acquire() {
    try {
      if (permits.tryAcquire(permitWaitMillis, TimeUnit.MILLISECONDS)) {
        return null;
      }
      return new SendResult.TransientFailure(
          null,
          "all " + route.maxConnections() + " connections to " + route.host() + " stayed busy",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.TransientFailure("interrupted while waiting for a connection");
    }
  }

  /** An idle connection that still works, else a fresh one. */
  private Lease lease() {
    while (true) {
      SmtpConnection c;
      synchronized (this) {
        if (closed) {
          return Lease.failed(CLOSED);
        }
        c = idle.pollFirst();
      }
      if (c == null) {
        return fresh();
      }
      if (c.idleNanos(System.nanoTime()) < CHECK_AFTER_IDLE_NANOS || c.alive()) {
        return new Lease(c, true, null);
      }
      log.debug("an idle connection to {} was closed by the server; opening another", route);
      c.abort();
    }
  }

  /** Opens and logs in a new connection, asking once for a fresh OAuth2 token if refused. */
  private Lease fresh() {
    Credentials credentials = route.credentials().orElse(null);
    String secret = null;
    if (credentials != null) {
      try {
        secret = credentials.secret();
        if (credentials.isOAuth2()) {
          synchronized (tokenLock) {
            lastToken = secret;
          }
        }
      } catch (RuntimeException e) {
        return Lease.failed(supplierFailed(credentials, e));
      }
    }
    SmtpConnection c;
    try {
      c = new SmtpConnection(route, heloName.get(), timer);
    } catch (MessagingException e) {
      return Lease.failed(new SendResult.TransientFailure(Outcomes.cause(e)));
    }
    SendResult refused = c.connect(secret);
    if (refused != null
        && credentials != null
        && credentials.isOAuth2()
        && secret != null
        && c.loginRefused()
        && refused instanceof SendResult.MailboxRejected m
        && m.kind() == Kind.AUTHENTICATION) {
      String token;
      try {
        token = refreshedToken(credentials, secret);
      } catch (RuntimeException e) {
        return Lease.failed(supplierFailed(credentials, e));
      }
      log.debug("the access token of {} was refused; trying once with a fresh one", route);
      try {
        c = new SmtpConnection(route, heloName.get(), timer);
      } catch (MessagingException e) {
        return Lease.failed(new SendResult.TransientFailure(Outcomes.cause(e)));
      }
      refused = c.connect(token);
    }
    if (refused != null) {
      log.debug("connecting to {} failed: {}", route, refused);
      return Lease.failed(refused);
    }
    opened.incrementAndGet();
    log.debug("opened a connection to {}", route);
    return new Lease(c, false, null);
  }

  /** A fresh token after {@code refused}; a token another thread refreshed already is reused. */
  private String refreshedToken(Credentials credentials, String refused) {
    synchronized (tokenLock) {
      String last = lastToken;
      if (last != null && !last.equals(refused)) {
        return last;
      }
      String fresh = credentials.refreshedToken();
      lastToken = fresh;
      return fresh;
    }
  }

  private static SendResult supplierFailed(Credentials credentials, RuntimeException e) {
    // the supplier's message could quote a secret: only its type is kept
    return new SendResult.MailboxRejected(
        Kind.AUTHENTICATION,
        null,
        "the "
            + (credentials.isOAuth2() ? "access token" : "password")
            + " of "
            + credentials.user()
            + " could not be had ("
            + e.getClass().getSimpleName()
            + ")");
  }

  private void giveBack(SmtpConnection c, SendResult r) {
    boolean keep = c.reusableAfter(r);
    synchronized (this) {
      if (keep && !closed) {
        idle.addFirst(c);
        return;
      }
    }
    if (keep) {
      c.close();
    } else {
      c.abort();
    }
  }

  /** Closes the connections idle longer than the idle timeout. */
  void closeIdle() {
    List<SmtpConnection> stale = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (this) {
      SmtpConnection oldest;
      while ((oldest = idle.peekLast()) != null && oldest.idleNanos(now) > idleTimeoutNanos) {
        idle.removeLast();
        stale.add(oldest);
      }
    }
    for (SmtpConnection c : stale) {
      log.debug("closing a connection to {} idle past the idle timeout", route);
      c.close();
    }
  }

  /** Closes every idle connection; connections in use close when they come back. */
  void close() {
    List<SmtpConnection> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(idle);
      idle.clear();
    }
    for (SmtpConnection c : all) {
      c.close();
    }
  }

  /** The route this pool connects through. */
  SmtpRoute route() {
    return route;
  }

  /** How many connections this route has opened so far. */
  int opened() {
    return opened.get();
  }

  /** How many connections are idle now. */
  synchronized int idleCount() {
    return idle.size();
  }

  private record Lease(
      @Nullable SmtpConnection connection, boolean reused, @Nullable SendResult refusal) {
    static Lease failed(SendResult why) {
      return new Lease(null, false, why);
    }

    SendResult failure() {
      return Objects.requireNonNull(refusal);
    }
  }
}
