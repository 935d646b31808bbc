package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.StepRef;
import dev.nudge.spi.transport.OutboundEmail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Outbound emails and routes for tests that call the transport directly. */
final class Emails {
  static final String SENDER = "alice@acme.example";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Emails() {}

  /** A plain-text email from {@link #SENDER} to an address, with a Message-ID of its own. */
  static OutboundEmail to(String recipient) {
    int n = SEQUENCE.incrementAndGet();
    return new OutboundEmail(
        new StepRef(EnrollmentId.random(), 1),
        "<test-" + n + "@acme.example>",
        EmailAddress.of(SENDER),
        "Alice Recruiter",
        EmailAddress.of(recipient),
        "Ada Lovelace",
        "Hello Ada",
        "Hi Ada, are you open to a chat?",
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        Instant.parse("2026-03-02T14:00:00Z"));
  }

  /** A plain route to a local test server, with short timeouts. */
  static SmtpRoute.Builder localRoute(int port) {
    return SmtpRoute.builder("127.0.0.1", port)
        .tls(TlsMode.NONE)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(2))
        .writeTimeout(Duration.ofSeconds(2));
  }

  /** A transport whose default route is {@link #localRoute}. */
  static SmtpMailTransport transport(int port) {
    return transport(localRoute(port).build());
  }

  /** A transport with one default route. */
  static SmtpMailTransport transport(SmtpRoute route) {
    return SmtpMailTransport.builder()
        .defaultRoute(route)
        .heloName("client.test")
        .idleTimeout(Duration.ofMinutes(1))
        .build();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
