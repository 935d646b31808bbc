package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SendResult.MailboxRejected.Kind;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each answer of a real SMTP server becomes, by the phase of the conversation it came in: the
 * recipient refused is a bounce, the sender refused holds its mailbox, a connection lost before the
 * end of the data is transient, one lost after it is delivery unknown.
 */
class SmtpPhasesTest {
  private final ScriptedSmtpServer server = ScriptedSmtpServer.start();
  private final SmtpMailTransport transport = Emails.transport(server.port());

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  @Test
  void acceptedMessage_isAccepted_withTheServersAnswer() {
    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.Accepted.class, a -> assertThat(a.response()).startsWith("250"));
    assertThat(server.receivedFor("ada@example.com")).hasSize(1);
  }

  @Test
  void unknownUserAtRcpt_isAPermanentFailureOfTheRecipient() {
    server.answerRcpt(
        "ada@example.com", "550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown");

    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.PermanentFailure.class,
            p -> {
              assertThat(p.statusCode()).isEqualTo("5.1.1");
              assertThat(p.reason()).contains("User unknown");
            });
    assertThat(server.received()).isEmpty();
  }

  @Test
  void fullMailboxAtRcpt_isTransient_andTheConnectionIsReused() {
    server.answerRcpt("ada@example.com", "452 4.2.2 Mailbox full, try again in 10 minutes");

    SendResult r = transport.send(Emails.to("ada@example.com"));
    SendResult again = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.TransientFailure.class,
            t -> {
              assertThat(t.statusCode()).isEqualTo("4.2.2");
              assertThat(t.retryAfter()).isEqualTo(Duration.ofMinutes(10));
            });
    assertThat(again).isInstanceOf(SendResult.Accepted.class);
    assertThat(server.connections())
        .as("a refusal answered in words keeps the connection")
        .isEqualTo(1);
  }

  @Test
  void senderBlocklisted_isAPolicyRefusalOfTheMailbox_notABounce() {
    server.answerRcpt(
        "ada@example.com",
        "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org");

    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.MailboxRejected.class,
            m -> {
              assertThat(m.kind()).isEqualTo(Kind.POLICY);
              assertThat(m.statusCode()).isEqualTo("5.7.1");
              assertThat(m.reason()).contains("spamhaus");
            });
  }

  @Test
  void mailFromRefused_isARefusalOfTheSender_whateverItsWords() {
    server.answerMailFrom("553 5.1.0 <alice@acme.example>: address not accepted");

    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.MailboxRejected.class, m -> assertThat(m.kind()).isEqualTo(Kind.POLICY));
  }

  @Test
  void throttledSender_isARateRefusal() {
    server.answerMailFrom("451 4.7.1 Too many messages from you, slow down and try again later");

    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.MailboxRejected.class, m -> assertThat(m.kind()).isEqualTo(Kind.RATE));
  }

  @Test
  void contentRefusedAfterTheData_asSpam_isAPolicyRefusal() {
    server.answerData("550 5.7.1 Message rejected as spam by content filter");

    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.MailboxRejected.class, m -> assertThat(m.kind()).isEqualTo(Kind.POLICY));
  }

  @Test
  void temporaryRefusalAfterTheData_isTransient_notUnknown() {
    server.answerData("451 4.3.0 Temporary local problem, please try again");

    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.TransientFailure.class, t -> assertThat(t.statusCode()).isEqualTo("4.3.0"));
  }

  @Test
  void connectionCutAfterTheDataBeforeTheAnswer_isDeliveryUnknown() {
    server.answerData(ScriptedSmtpServer.DROP);

    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r).isInstanceOf(SendResult.Unknown.class);
    assertThat(server.received()).as("the server did get it").hasSize(1);
  }

  @Test
  void noAnswerToTheDataWithinTheReadTimeout_isDeliveryUnknown() {
    server.delayData(Duration.ofSeconds(4));

    SendResult r = transport.send(Emails.to("ada@example.com"));

    assertThat(r)
        .isInstanceOfSatisfying(
            SendResult.Unknown.class,
            u -> assertThat(u.reason()).contains("127.0.0.1:" + server.port()));
  }

  @Test
  void serverNotListening_isTransient() {
    int port = ScriptedSmtpServer.freePort();
    try (SmtpMailTransport nowhere = Emails.transport(port)) {
      SendResult r = nowhere.send(Emails.to("ada@example.com"));

      assertThat(r)
          .isInstanceOfSatisfying(
              SendResult.TransientFailure.class,
              t -> assertThat(t.reason()).contains("could not connect to 127.0.0.1:" + port));
    }
  }

  @Test
  void senderWithoutARoute_isHeld_notBounced() {
    try (SmtpMailTransport onlyBob =
        SmtpMailTransport.builder()
            .route("bob@acme.example", Emails.localRoute(server.port()).build())
            .build()) {
      SendResult r = onlyBob.send(Emails.to("ada@example.com"));

      assertThat(r)
          .isInstanceOfSatisfying(
              SendResult.MailboxRejected.class,
              m -> assertThat(m.reason()).contains("no SMTP route").contains(Emails.SENDER));
    }
  }
}
