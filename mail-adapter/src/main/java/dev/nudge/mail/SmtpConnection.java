package dev.nudge.mail;

import dev.nudge.spi.transport.SendResult;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.security.NoSuchAlgorithmException;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * One SMTP connection of a route: a Jakarta Mail transport of its own session, whose socket reports
 * the conversation to a {@link Wire}. Used by one thread at a time.
 */
final class SmtpConnection {
  private final SmtpRoute route;
  private final Wire wire = new Wire();
  private final WireSockets sockets;
  private final Session session;
  private final Transport transport;
  private final String server;
  private long idleSinceNanos = System.nanoTime();

  SmtpConnection(SmtpRoute route, String heloName, ScheduledExecutorService timer)
      throws MessagingException {
    this.route = route;
    this.server = route.host() + ":" + route.port();
    SSLContext tls = route.tls() == TlsMode.NONE ? null : context(route);
    this.sockets =
        new WireSockets(
            wire,
            route.host(),
            tls,
            route.tls() == TlsMode.IMPLICIT,
            timer,
            route.writeTimeout().toMillis());
    Properties p = new Properties();
    p.put("mail.smtp.socketFactory", sockets);
    p.put("mail.smtp.socketFactory.fallback", "false");
    p.put("mail.smtp.ssl.socketFactory", sockets.startTls());
    p.put("mail.smtp.connectiontimeout", String.valueOf(route.connectTimeout().toMillis()));
    p.put("mail.smtp.timeout", String.valueOf(route.readTimeout().toMillis()));
    p.put("mail.smtp.localhost", heloName);
    if (route.tls() == TlsMode.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    Credentials c = route.credentials().orElse(null);
    if (c != null) {
      p.put("mail.smtp.auth", "true");
      p.put("mail.smtp.auth.mechanisms", c.isOAuth2() ? "XOAUTH2" : "PLAIN LOGIN");
    }
    this.session = Session.getInstance(p);
    this.transport = session.getTransport("smtp");
  }

  private static SSLContext context(SmtpRoute route) throws MessagingException {
    if (route.sslContext().isPresent()) {
      return route.sslContext().get();
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new MessagingException("no default TLS context", e);
    }
  }

  /** The server, as {@code host:port}. */
  String server() {
    return server;
  }

  /**
   * Connects, says hello, starts TLS and logs in as the route requires.
   *
   * @param secret the password or access token, or null without credentials
   * @return null when connected, else why not
   */
  @Nullable SendResult connect(@Nullable String secret) {
    wire.begin();
    Credentials c = route.credentials().orElse(null);
    try {
      transport.connect(route.host(), route.port(), c == null ? null : c.user(), secret);
      idleSinceNanos = System.nanoTime();
      return null;
    } catch (MessagingException | RuntimeException e) {
      abort();
      return Outcomes.ofConnect(wire, e, server, route.tls(), loginRefused());
    }
  }

  /** Whether the server answered the login with anything but success. */
  boolean loginRefused() {
    Wire.Reply r = wire.lastReply();
    return r != null && r.to() == Wire.Verb.AUTH && r.code() != 235;
  }

  /** Sends one message; never throws. */
  SendResult send(Messages.Outgoing out) {
    session.getProperties().setProperty("mail.smtp.from", out.envelopeFrom());
    wire.begin();
    try {
      transport.sendMessage(out.message(), new Address[] {out.recipient()});
      Wire.Reply r = wire.lastReply();
      return new SendResult.Accepted(r == null ? null : r.text());
    } catch (MessagingException | RuntimeException e) {
      return Outcomes.ofSend(wire, e, server);
    } finally {
      idleSinceNanos = System.nanoTime();
    }
  }

  /** The facts of the last connect or send. */
  Wire wire() {
    return wire;
  }

  /** Whether the connection can carry another message after this result. */
  boolean reusableAfter(SendResult r) {
    return r instanceof SendResult.Accepted || wire.resetCleanly();
  }

  /** How long the connection has been idle, in nanoseconds. */
  long idleNanos(long nowNanos) {
    return nowNanos - idleSinceNanos;
  }

  /** Asks the server whether the connection still works (NOOP); closes it when not. */
  boolean alive() {
    wire.begin();
    return transport.isConnected();
  }

  /** Says QUIT and closes. */
  void close() {
    try {
      transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      abort();
    }
  }

  /** Closes the socket at once, without a word to the server. */
  void abort() {
    WireSocket s = sockets.socket();
    if (s != null) {
      s.abort();
    }
    try {
      transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      // the socket is closed already
    }
  }
}
