package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SendResult.MailboxRejected.Kind;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the engine's emails over SMTP (Jakarta Mail, with Angus Mail at run time), each through the
 * route of its sender mailbox. Connections are kept open per route and reused across messages (one
 * thread at a time per connection, at most {@link SmtpRoute#maxConnections()} per route), checked
 * and reopened when the server dropped them, and closed when idle and on {@link #close()}. Routes
 * of mailboxes connected later are added with {@link #putRoute} while it runs.
 *
 * <p>Every answer becomes a {@link SendResult} by the phase of the conversation it came in: a
 * refusal of the recipient is a permanent failure (a bounce); a refusal of the sender (login,
 * {@code MAIL FROM}, policy, blocklists, throttling) holds its mailbox and bounces nobody; a
 * connection lost before the message data was completely written is transient; one lost after it
 * and before the server's answer leaves the delivery unknown. It never throws for a refused
 * message. Logs to {@code dev.nudge.smtp} (each send at DEBUG; a message it could not build at
 * ERROR, a failure closing idle connections at WARN), never with a password, token or message body.
 *
 * <pre>{@code
 * SmtpMailTransport smtp = SmtpMailTransport.builder()
 *     .route("alice@acme.example",
 *         SmtpRoute.builder("smtp.acme.example", 587)
 *             .credentials(Credentials.password("alice", secrets.get("alice")))
 *             .build())
 *     .build();
 * }</pre>
 */
public final class SmtpMailTransport implements MailTransport, AutoCloseable {
  static final Logger LOG = LoggerFactory.getLogger("dev.nudge.smtp");

  /** The pool of each mailbox with a route of its own, by address in lower case. */
  private final Map<String, RoutePool> routes = new ConcurrentHashMap<>();

  private final @Nullable RoutePool defaultRoute;
  private final List<RoutePool> pools = new CopyOnWriteArrayList<>();
  private final Duration idle;
  private final ScheduledThreadPoolExecutor timer;
  private final Session mimeSession = Session.getInstance(new Properties());
  private final @Nullable String configuredHeloName;
  private volatile @Nullable String heloName;
  private final ScheduledFuture<?> reaper;
  private volatile boolean closed;

  private SmtpMailTransport(Builder b) {
    this.configuredHeloName = b.heloName;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "nudge-smtp-timer");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    Duration idle = b.idleTimeout != null ? b.idleTimeout : Duration.ofSeconds(30);
    this.idle = idle;
    // a route is one pool however many mailboxes share it (routes compare by identity)
    Map<SmtpRoute, RoutePool> byRoute = new LinkedHashMap<>();
    Map<String, RoutePool> r = new LinkedHashMap<>();
    for (Map.Entry<String, SmtpRoute> e : b.routes.entrySet()) {
      r.put(
          e.getKey(),
          byRoute.computeIfAbsent(
              e.getValue(), route -> new RoutePool(route, this::heloName, timer, idle)));
    }
    SmtpRoute fallback = b.defaultRoute;
    this.defaultRoute =
        fallback == null
            ? null
            : byRoute.computeIfAbsent(
                fallback, route -> new RoutePool(route, this::heloName, timer, idle));
    this.routes.putAll(r);
    this.pools.addAll(byRoute.values());
    long every = Math.max(100, Math.min(idle.toMillis() / 2, 5_000));
    this.reaper =
        timer.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SendResult send(OutboundEmail email) {
    if (closed) {
      return new SendResult.TransientFailure("the SMTP transport is closed");
    }
    RoutePool pool = poolOf(email.from());
    if (pool == null) {
      return noRoute(email.from());
    }
    Messages.Outgoing out;
    try {
      out = Messages.build(mimeSession, email);
    } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
      LOG.error("could not build the message of {}", email.step(), e);
      return new SendResult.TransientFailure("could not build the message: " + Outcomes.cause(e));
    }
    SendResult r = pool.send(out);
    while (r == RoutePool.CLOSED && !closed) {
      // its route was replaced or removed while the send waited: the mailbox's route as it is now
      RoutePool now = poolOf(email.from());
      if (now == null) {
        return noRoute(email.from());
      }
      if (now == pool) {
        break;
      }
      pool = now;
      r = pool.send(out);
    }
    return r;
  }

  /**
   * Connects to the mailbox's route and logs in, without sending anything.
   *
   * @return accepted when the server takes the credentials; {@link SendResult.MailboxRejected} when
   *     it refuses them (or its TLS certificate is not accepted, or no route is configured for the
   *     mailbox); a transient failure when the server cannot be reached
   */
  @Override
  public SendResult checkMailbox(EmailAddress mailbox) {
    if (closed) {
      return new SendResult.TransientFailure("the SMTP transport is closed");
    }
    RoutePool pool = poolOf(mailbox);
    return pool == null ? noRoute(mailbox) : pool.check();
  }

  /**
   * Sets or replaces the route of a sender mailbox while the transport runs: a mailbox connected
   * after the transport was built, or one that moved to another server. A send in progress on the
   * old route finishes on it; the old route's connections are then closed, unless another mailbox
   * uses the same route. (A changed password or token needs no new route: give the credentials a
   * supplier.)
   *
   * @throws InvalidInputException when the mailbox or the route is null
   * @throws IllegalStateException when the transport is closed
   */
  public void putRoute(EmailAddress mailbox, SmtpRoute route) {
    if (mailbox == null || route == null) {
      throw new InvalidInputException("route", "needs a mailbox and a route");
    }
    RoutePool replaced;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the SMTP transport is closed");
      }
      RoutePool pool = null;
      for (RoutePool p : pools) {
        if (p.route() == route) {
          pool = p;
        }
      }
      if (pool == null) {
        pool = new RoutePool(route, this::heloName, timer, idle);
        pools.add(pool);
      }
      replaced = routes.put(mailbox.key(), pool);
      if (replaced == pool || !retire(replaced)) {
        return;
      }
    }
    LOG.debug("route of {} replaced", mailbox);
    replaced.close();
  }

  /**
   * Takes away the route of a sender mailbox: its mail goes through the default route, if there is
   * one, else it is refused as having no route (which holds the mailbox). Its connections are
   * closed unless another mailbox uses the same route.
   *
   * @return whether the mailbox had a route of its own
   */
  public boolean removeRoute(EmailAddress mailbox) {
    if (mailbox == null) {
      throw new InvalidInputException("mailbox", "must not be null");
    }
    RoutePool removed;
    synchronized (this) {
      removed = routes.remove(mailbox.key());
      if (removed == null) {
        return false;
      }
      if (!retire(removed)) {
        return true;
      }
    }
    removed.close();
    return true;
  }

  /** Forgets a pool no mailbox uses any more; whether it is to be closed. Under the lock. */
  private boolean retire(@Nullable RoutePool pool) {
    if (pool == null || pool == defaultRoute || routes.containsValue(pool)) {
      return false;
    }
    pools.remove(pool);
    return true;
  }

  /** Closes every connection (saying QUIT) and stops the idle timer; later sends fail. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    reaper.cancel(false);
    for (RoutePool p : pools) {
      p.close();
    }
    timer.shutdownNow();
  }

  /** How many connections the route of a mailbox has opened so far (for tests and benchmarks). */
  int connectionsOpened(EmailAddress mailbox) {
    RoutePool pool = poolOf(mailbox);
    return pool == null ? 0 : pool.opened();
  }

  private @Nullable RoutePool poolOf(EmailAddress mailbox) {
    RoutePool p = routes.get(mailbox.key());
    return p != null ? p : defaultRoute;
  }

  private static SendResult noRoute(EmailAddress mailbox) {
    return new SendResult.MailboxRejected(
        Kind.AUTHENTICATION, null, "no SMTP route is configured for " + mailbox);
  }

  private void closeIdle() {
    for (RoutePool p : pools) {
      try {
        p.closeIdle();
      } catch (RuntimeException e) {
        LOG.warn("closing idle SMTP connections failed", e);
      }
    }
  }

  /** The name said in EHLO: the configured one, else this host's name, looked up once. */
  private String heloName() {
    String name = heloName;
    if (name == null) {
      name = configuredHeloName;
      if (name == null) {
        try {
          name = InetAddress.getLocalHost().getCanonicalHostName();
        } catch (java.io.IOException | SecurityException e) {
          name = "localhost";
        }
      }
      heloName = name;
    }
    return name;
  }

  /**
   * Collects the routes and settings of a {@link SmtpMailTransport}. Each setter may be called once
   * ({@link #route} once per mailbox); {@link #build()} needs at least one route.
   */
  public static final class Builder {
    private final Map<String, SmtpRoute> routes = new LinkedHashMap<>();
    private @Nullable SmtpRoute defaultRoute;
    private @Nullable Duration idleTimeout;
    private @Nullable String heloName;

    private Builder() {}

    /** Sends the mail of one sender mailbox (compared ignoring case) through this route. */
    public Builder route(EmailAddress mailbox, SmtpRoute route) {
      if (mailbox == null || route == null) {
        throw new InvalidInputException("route", "needs a mailbox and a route");
      }
      if (routes.containsKey(mailbox.key())) {
        throw new InvalidInputException(
            "route(" + mailbox + ")", "is already set; each mailbox has one route");
      }
      routes.put(mailbox.key(), route);
      return this;
    }

    /** Sends the mail of one sender mailbox through this route. */
    public Builder route(String mailbox, SmtpRoute route) {
      return route(EmailAddress.of("route.mailbox", mailbox), route);
    }

    /** Sends the mail of every mailbox without a route of its own through this route. */
    public Builder defaultRoute(SmtpRoute route) {
      this.defaultRoute = SmtpRoute.Builder.once("defaultRoute", this.defaultRoute, route);
      return this;
    }

    /** Closes connections unused for this long; 30 seconds when not set. */
    public Builder idleTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new InvalidInputException("idleTimeout", "must be positive");
      }
      this.idleTimeout = SmtpRoute.Builder.once("idleTimeout", this.idleTimeout, timeout);
      return this;
    }

    /** The name this client gives in EHLO; this host's name when not set. */
    public Builder heloName(String name) {
      if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
        throw new InvalidInputException("heloName", "must be a host name or address literal");
      }
      this.heloName = SmtpRoute.Builder.once("heloName", this.heloName, name);
      return this;
    }

    /**
     * Builds the transport.
     *
     * @throws InvalidInputException when no route is set
     */
    public SmtpMailTransport build() {
      if (routes.isEmpty() && defaultRoute == null) {
        throw new InvalidInputException(
            "route",
            "is required but not set: call SmtpMailTransport.builder().route(mailbox, route)"
                + " or .defaultRoute(route)");
      }
      return new SmtpMailTransport(this);
    }
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>(routes.keySet());
    names.sort(null);
    return "SmtpMailTransport[routes for "
        + names
        + (defaultRoute == null ? "" : " and a default route")
        + "]";
  }
}
