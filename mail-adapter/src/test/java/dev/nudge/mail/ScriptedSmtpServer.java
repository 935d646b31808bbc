package dev.nudge.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;
import org.subethamail.smtp.server.SessionHandler.SessionAcceptance;

/**
 * A real SMTP server (SubEthaSMTP) on a local port, whose answers the test scripts: queued replies
 * to {@code MAIL FROM}, to {@code RCPT TO} per address and to the message data, or {@link #DROP} to
 * cut the connection without a word once the data is in. Accepts everything else and keeps what it
 * received. Counts connections, at most how many were open at once.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  /** As an answer to the data: read it all, then close the connection without answering. */
  static final String DROP = "DROP";

  /** What the server took in: envelope and raw message (its bytes as ISO-8859-1). */
  record Received(String envelopeFrom, String recipient, String raw) {
    MimeMessage mime() {
      try {
        return new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final SMTPServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<String> mailAnswers = new ConcurrentLinkedDeque<>();
  private final Map<String, Deque<String>> rcptAnswers = new ConcurrentHashMap<>();
  private final Deque<String> dataAnswers = new ConcurrentLinkedDeque<>();
  private final List<String> tokensTried = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private volatile Duration dataDelay = Duration.ZERO;

  private ScriptedSmtpServer(Builder b) {
    SMTPServer.Builder s =
        SMTPServer.port(b.port)
            .bindAddress(InetAddress.getLoopbackAddress())
            .hostName("test.smtp.local")
            .messageHandlerFactory(Handler::new)
            .sessionHandler(new Counter())
            .connectionTimeout((int) b.idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    if (b.password != null) {
      String[] userPassword = b.password;
      s.authenticationHandlerFactory(
          new EasyAuthenticationHandlerFactory(
              (user, password, ctx) -> {
                if (!user.equals(userPassword[0]) || !password.equals(userPassword[1])) {
                  throw new LoginFailedException();
                }
              }));
    }
    if (b.tokens != null) {
      s.authenticationHandlerFactory(new XOAuth2(b.tokens));
    }
    if (b.startTls != null) {
      s.enableTLS().requireTLS().startTlsSocketFactory(b.startTls);
    }
    if (b.implicitTls != null) {
      s.serverSocketFactory(b.implicitTls);
    }
    this.server = s.build();
    server.start();
  }

  static Builder builder() {
    return new Builder();
  }

  /** A server with the defaults, started on a free port. */
  static ScriptedSmtpServer start() {
    return builder().start();
  }

  /** A free local port, for a server started later. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return server.getPortAllocated();
  }

  /** The next answers to MAIL FROM, e.g. {@code "554 5.7.1 blocked using zen.spamhaus.org"}. */
  ScriptedSmtpServer answerMailFrom(String... replies) {
    mailAnswers.addAll(List.of(replies));
    return this;
  }

  /** The next answers to RCPT TO for one address, e.g. {@code "550 5.1.1 no such user"}. */
  ScriptedSmtpServer answerRcpt(String address, String... replies) {
    rcptAnswers
        .computeIfAbsent(
            address.toLowerCase(java.util.Locale.ROOT), a -> new ConcurrentLinkedDeque<>())
        .addAll(List.of(replies));
    return this;
  }

  /** The next answers to the message data: a refusal, or {@link #DROP}. */
  ScriptedSmtpServer answerData(String... replies) {
    dataAnswers.addAll(List.of(replies));
    return this;
  }

  /** Waits this long before answering each message's data. */
  ScriptedSmtpServer delayData(Duration delay) {
    this.dataDelay = delay;
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<Received> receivedFor(String recipient) {
    return received.stream().filter(r -> r.recipient().equalsIgnoreCase(recipient)).toList();
  }

  /** The XOAUTH2 tokens clients offered, in order. */
  List<String> tokensTried() {
    return List.copyOf(tokensTried);
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Connections open now. */
  int openNow() {
    return open.get();
  }

  /** Most connections open at the same time so far. */
  int mostOpenAtOnce() {
    return mostOpen.get();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static RejectException refusal(String reply) {
    int code = Integer.parseInt(reply.substring(0, 3));
    return new RejectException(code, reply.substring(4));
  }

  private final class Handler implements MessageHandler {
    private final MessageContext ctx;
    private String from = "";
    private final List<String> to = new ArrayList<>();

    Handler(MessageContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void from(String from) throws RejectException {
      String answer = mailAnswers.poll();
      if (answer != null) {
        throw refusal(answer);
      }
      this.from = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      Deque<String> answers = rcptAnswers.get(recipient.toLowerCase(java.util.Locale.ROOT));
      String answer = answers == null ? null : answers.poll();
      if (answer != null) {
        throw refusal(answer);
      }
      to.add(recipient);
    }

    @Override
    public @Nullable String data(InputStream data) throws RejectException, IOException {
      String bytes = new String(data.readAllBytes(), StandardCharsets.ISO_8859_1);
      String answer = dataAnswers.poll();
      if (DROP.equals(answer)) {
        // the message is in, but the client never hears so
        to.forEach(r -> received.add(new Received(from, r, bytes)));
        ((org.subethamail.smtp.server.Session) ctx).closeSocket();
        throw new IOException("dropped by the test script");
      }
      if (answer != null) {
        throw refusal(answer);
      }
      sleep(dataDelay);
      to.forEach(r -> received.add(new Received(from, r, bytes)));
      return null;
    }

    @Override
    public void done() {}
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Counter implements SessionHandler {
    @Override
    public SessionAcceptance accept(org.subethamail.smtp.server.Session session) {
      connections.incrementAndGet();
      int now = open.incrementAndGet();
      mostOpen.accumulateAndGet(now, Math::max);
      return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(org.subethamail.smtp.server.Session session) {
      open.decrementAndGet();
    }
  }

  /**
   * SASL XOAUTH2 as Gmail does it: a refused token gets a 334 challenge with a JSON error, and the
   * client's empty answer a 535.
   */
  private final class XOAuth2 implements AuthenticationHandlerFactory {
    private final Predicate<String> valid;

    XOAuth2(Predicate<String> valid) {
      this.valid = valid;
    }

    @Override
    public List<String> getAuthenticationMechanisms() {
      return List.of("XOAUTH2");
    }

    @Override
    public AuthenticationHandler create() {
      return new AuthenticationHandler() {
        private boolean refused;

        @Override
        public Optional<String> auth(String clientInput, MessageContext context)
            throws RejectException {
          if (refused) {
            throw new RejectException(535, "5.7.8 Username and Password not accepted");
          }
          String input = clientInput.trim();
          String decoded =
              new String(
                  Base64.getDecoder().decode(input.substring(input.lastIndexOf(' ') + 1)),
                  StandardCharsets.UTF_8);
          String token = decoded.replaceAll("(?s).*auth=Bearer ([^\u0001]*).*", "$1");
          tokensTried.add(token);
          if (valid.test(token)) {
            return Optional.empty();
          }
          refused = true;
          String error = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"mail\"}";
          return Optional.of(
              "334 " + Base64.getEncoder().encodeToString(error.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Object getIdentity() {
          return "oauth-user";
        }
      };
    }
  }

  static final class Builder {
    private int port;
    private String @Nullable [] password;
    private @Nullable Predicate<String> tokens;
    private @Nullable SSLContext startTls;
    private @Nullable SSLContext implicitTls;
    private Duration idleTimeout = Duration.ofMinutes(1);

    Builder port(int port) {
      this.port = port;
      return this;
    }

    Builder password(String user, String password) {
      this.password = new String[] {user, password};
      return this;
    }

    Builder xoauth2(Predicate<String> validToken) {
      this.tokens = validToken;
      return this;
    }

    Builder startTls(SSLContext server) {
      this.startTls = server;
      return this;
    }

    Builder implicitTls(SSLContext server) {
      this.implicitTls = server;
      return this;
    }

    /** Closes a connection on which the client said nothing for this long. */
    Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    ScriptedSmtpServer start() {
      return new ScriptedSmtpServer(this);
    }
  }
}
