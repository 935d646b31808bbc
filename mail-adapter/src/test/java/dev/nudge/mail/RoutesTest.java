package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SendResult.MailboxRejected.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Routes changed while the transport runs: a mailbox connected later gets its route without a new
 * transport, a replaced route sends through the new server and closes the old one's connections,
 * and a removed route falls back to the default route or refuses the mailbox.
 */
class RoutesTest {
  private static final EmailAddress ALICE = EmailAddress.of(Emails.SENDER);
  private static final EmailAddress BOB = EmailAddress.of("bob@acme.example");

  @Test
  void aMailboxConnectedLater_sendsOnceItsRouteIsPut() {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start();
        SmtpMailTransport transport =
            SmtpMailTransport.builder()
                .route(BOB, Emails.localRoute(server.port()).build())
                .build()) {
      assertThat(transport.send(Emails.to("ada@example.com")))
          .isInstanceOfSatisfying(
              SendResult.MailboxRejected.class,
              r -> assertThat(r.kind()).isEqualTo(Kind.AUTHENTICATION));

      transport.putRoute(ALICE, Emails.localRoute(server.port()).build());

      assertThat(transport.send(Emails.to("ada@example.com")))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(server.received()).hasSize(1);
      assertThat(transport.toString()).contains(ALICE.key(), BOB.key());
    }
  }

  @Test
  void aReplacedRoute_sendsThroughTheNewServer_andClosesTheOldConnections() {
    try (ScriptedSmtpServer before = ScriptedSmtpServer.start();
        ScriptedSmtpServer after = ScriptedSmtpServer.start();
        SmtpMailTransport transport =
            SmtpMailTransport.builder()
                .route(ALICE, Emails.localRoute(before.port()).build())
                .build()) {
      assertThat(transport.send(Emails.to("ada@example.com")))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(before.openNow()).as("kept open for the next message").isEqualTo(1);

      transport.putRoute(ALICE, Emails.localRoute(after.port()).build());

      assertThat(transport.send(Emails.to("alan@example.com")))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(before.received())
          .extracting(ScriptedSmtpServer.Received::recipient)
          .containsExactly("ada@example.com");
      assertThat(after.received())
          .extracting(ScriptedSmtpServer.Received::recipient)
          .containsExactly("alan@example.com");
      awaitNoneOpen(before);
    }
  }

  @Test
  void aRouteSharedByTwoMailboxes_staysOpenWhileOneOfThemUsesIt() {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start();
        ScriptedSmtpServer other = ScriptedSmtpServer.start()) {
      SmtpRoute shared = Emails.localRoute(server.port()).build();
      try (SmtpMailTransport transport =
          SmtpMailTransport.builder().route(ALICE, shared).route(BOB, shared).build()) {
        assertThat(transport.send(Emails.to("ada@example.com")))
            .isInstanceOf(SendResult.Accepted.class);

        transport.putRoute(BOB, Emails.localRoute(other.port()).build());

        assertThat(server.openNow()).as("Alice still sends through it").isEqualTo(1);
        assertThat(transport.send(Emails.to("alan@example.com")))
            .isInstanceOf(SendResult.Accepted.class);
        assertThat(server.connections()).as("the open connection was reused").isEqualTo(1);
      }
    }
  }

  @Test
  void aRemovedRoute_fallsBackToTheDefaultRoute_orRefusesTheMailbox() {
    try (ScriptedSmtpServer own = ScriptedSmtpServer.start();
        ScriptedSmtpServer shared = ScriptedSmtpServer.start();
        SmtpMailTransport withDefault =
            SmtpMailTransport.builder()
                .route(ALICE, Emails.localRoute(own.port()).build())
                .defaultRoute(Emails.localRoute(shared.port()).build())
                .build();
        SmtpMailTransport withoutDefault =
            SmtpMailTransport.builder()
                .route(ALICE, Emails.localRoute(own.port()).build())
                .build()) {
      assertThat(withDefault.removeRoute(ALICE)).isTrue();
      assertThat(withDefault.removeRoute(ALICE)).isFalse();
      assertThat(withDefault.send(Emails.to("ada@example.com")))
          .isInstanceOf(SendResult.Accepted.class);
      assertThat(shared.received()).hasSize(1);

      withoutDefault.removeRoute(ALICE);
      assertThat(withoutDefault.send(Emails.to("ada@example.com")))
          .isInstanceOf(SendResult.MailboxRejected.class);
      assertThat(own.received()).isEmpty();
    }
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void badArguments_andAClosedTransport_areRefused() {
    SmtpMailTransport transport = Emails.transport(ScriptedSmtpServer.freePort());
    SmtpRoute route = Emails.localRoute(ScriptedSmtpServer.freePort()).build();
    assertThatThrownBy(() -> transport.putRoute(null, route))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("route");
    assertThatThrownBy(() -> transport.removeRoute(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("mailbox");
    transport.close();
    assertThatThrownBy(() -> transport.putRoute(BOB, route))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static void awaitNoneOpen(ScriptedSmtpServer server) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.openNow() > 0 && System.nanoTime() < deadline) {
      Emails.sleep(Duration.ofMillis(20));
    }
    assertThat(server.openNow()).as("the old route's connections are closed").isZero();
  }
}
