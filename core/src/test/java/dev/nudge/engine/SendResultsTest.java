package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.BounceType;
import dev.nudge.Campaign;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.MailboxEvent;
import dev.nudge.MailboxHold;
import dev.nudge.NudgeEvent;
import dev.nudge.SendAttempt;
import dev.nudge.SenderMailbox;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each answer of the mail server does [S10, S18, S24]: a refusal of the recipient bounces it,
 * hard or soft; a refusal of the sender bounces nobody and holds its mailbox; an answer lost after
 * the data was sent leaves the delivery unknown.
 */
class SendResultsTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private List<MailboxEvent> mailboxEvents() {
    return f.events.events().stream()
        .filter(e -> e instanceof MailboxEvent)
        .map(e -> (MailboxEvent) e)
        .toList();
  }

  @Test
  void answerLostAfterTheData_isDeliveryUnknown_notResent_andTheCampaignGoesOn() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.transport.thenAnswer(new SendResult.Unknown("connection lost after the data"));

    f.run();
    f.runFor(Duration.ofDays(1));

    assertThat(f.transport.sent()).hasSize(1);
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.DELIVERY_UNKNOWN);
    assertThat(f.step(id, 1).attempts())
        .extracting(SendAttempt::outcome)
        .containsExactly(SendAttempt.Outcome.UNKNOWN);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SCHEDULED);
  }

  @Test
  void answerLostAfterTheData_underTheResendPolicy_isResentWithTheSameMessageId() {
    try (Fixture resending =
        new Fixture(
            Fixture.MONDAY_9AM_NY,
            Tuning.builder().deliveryUnknown(Tuning.DeliveryUnknownPolicy.RESEND).build(),
            new InMemoryStore())) {
      Campaign c = resending.startedCampaign();
      EnrollmentId id = resending.enroll(c.id(), "Ada Lovelace");
      resending.transport.thenAnswer(new SendResult.Unknown("timeout waiting for the reply"));

      resending.run();
      resending.advance(Duration.ofMinutes(1));

      List<String> ids =
          resending.transport.sent().stream().map(m -> m.messageId()).distinct().toList();
      assertThat(resending.transport.sent()).hasSize(2);
      assertThat(ids).hasSize(1);
      assertThat(resending.step(id, 1).status()).isEqualTo(StepStatus.SENT);
      assertThat(resending.step(id, 1).attempts())
          .extracting(SendAttempt::outcome)
          .containsExactly(SendAttempt.Outcome.UNKNOWN, SendAttempt.Outcome.ACCEPTED);
    }
  }

  @Test
  void fullMailboxAtTheDoor_isASoftBounce_retriedLaterAndSent() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.transport.thenAnswer(
        new SendResult.PermanentFailure("5.2.2", "552 5.2.2 Mailbox full, over quota"));

    f.run();
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.step(id, 1).engagement().bounce().type()).isEqualTo(BounceType.SOFT);
    f.advance(Duration.ofMinutes(10));

    assertThat(f.transport.sent())
        .extracting(m -> m.to().value())
        .containsExactly("ada.lovelace@example.com", "ada.lovelace@example.com");
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
  }

  @Test
  void unknownUserAtTheDoor_isAHardBounce_andTheAlternateGetsTheStep() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.transport.thenAnswer(
        new SendResult.PermanentFailure("5.1.1", "550 5.1.1 <ada.lovelace@example.com>: unknown"));

    f.run();
    f.run();

    assertThat(f.transport.sent())
        .extracting(m -> m.to().value())
        .containsExactly("ada.lovelace@example.com", "ada@home.example");
    assertThat(f.step(id, 1).engagement().bounce().type()).isEqualTo(BounceType.HARD);
  }

  @Test
  void senderRefusedByPolicy_bouncesNobody_pausesTheMailbox_andTheStepWaits() {
    Campaign c = f.startedCampaign();
    EnrollmentId ada =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    EnrollmentId alan = f.enroll(c.id(), "Alan Turing");
    f.transport.thenAnswer(
        new SendResult.PermanentFailure(
            "5.7.1",
            "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using"
                + " zen.spamhaus.org"));

    f.run();

    assertThat(f.transport.sent()).as("the second step waits for the mailbox").hasSize(1);
    for (EnrollmentId id : List.of(ada, alan)) {
      assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
      assertThat(f.enrollment(id).addressIndex()).isZero();
      assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
      assertThat(f.step(id, 1).engagement().bounce()).isNull();
    }
    MailboxHold hold = f.nudge.mailboxStatus(Fixture.sender()).orElseThrow().hold();
    assertThat(hold.kind()).isEqualTo(MailboxHold.Kind.PAUSED);
    assertThat(hold.reason()).contains("spamhaus");
    assertThat(f.sentOn(LocalDate.of(2026, 3, 2))).as("no slot counted").isZero();
    assertThat(mailboxEvents())
        .extracting(MailboxEvent::type)
        .containsExactly(MailboxEvent.Type.PAUSED);

    // at the retry time one step goes out as a probe; the others wait a little for its answer
    f.at(hold.retryAt());
    assertThat(f.transport.sent()).hasSize(2);
    f.advance(Duration.ofMinutes(5));

    assertThat(f.transport.sent()).hasSize(3);
    assertThat(f.nudge.heldMailboxes()).isEmpty();
    assertThat(mailboxEvents())
        .extracting(MailboxEvent::type)
        .containsExactly(MailboxEvent.Type.PAUSED, MailboxEvent.Type.RECONNECTED);
  }

  @Test
  void refusedCredentials_disconnectTheMailbox_withoutSlowingAnother_andNothingIsLost() {
    SenderMailbox bob = SenderMailbox.of("bob@acme.example", "Bob").withZone(Fixture.NEW_YORK);
    f.nudge.registerMailbox(bob);
    Campaign alice = f.startedCampaign();
    Campaign other = f.nudge.startCampaign(f.create(Fixture.definition(bob.address())).id());
    for (int i = 0; i < 5; i++) {
      f.enroll(alice.id(), "Alice Candidate " + i);
      f.enroll(other.id(), "Bob Candidate " + i);
    }
    f.transport.answerWith(
        m ->
            m.from().equals(Fixture.sender())
                ? new SendResult.MailboxRejected(
                    SendResult.MailboxRejected.Kind.AUTHENTICATION,
                    "5.7.8",
                    "535 5.7.8 Username and Password not accepted")
                : SendResult.accepted());

    f.run();

    assertThat(f.transport.sent())
        .filteredOn(m -> m.from().equals(Fixture.sender()))
        .as("one try, then its steps wait without calling the server")
        .hasSize(1);
    assertThat(f.transport.sent()).filteredOn(m -> m.from().equals(bob.address())).hasSize(5);
    assertThat(f.nudge.heldMailboxes())
        .singleElement()
        .satisfies(s -> assertThat(s.hold().kind()).isEqualTo(MailboxHold.Kind.DISCONNECTED));
    assertThat(mailboxEvents())
        .extracting(MailboxEvent::type)
        .containsExactly(MailboxEvent.Type.DISCONNECTED);

    // the password is fixed; the next retry's probe goes through and the rest follows
    f.transport.answerWith(m -> SendResult.accepted());
    f.runFor(Duration.ofHours(1));

    assertThat(f.transport.sent()).filteredOn(m -> m.from().equals(Fixture.sender())).hasSize(6);
    assertThat(f.nudge.heldMailboxes()).isEmpty();
    assertThat(mailboxEvents())
        .extracting(MailboxEvent::type)
        .containsExactly(MailboxEvent.Type.DISCONNECTED, MailboxEvent.Type.RECONNECTED);
    assertThat(f.sentOn(LocalDate.of(2026, 3, 2))).isEqualTo(5);
  }

  @Test
  void reconnectMailbox_checksAtOnce_andEndsTheHoldWhenItWorks() {
    Campaign c = f.startedCampaign();
    f.enroll(c.id(), "Ada Lovelace");
    f.transport.thenAnswer(
        new SendResult.MailboxRejected(
            SendResult.MailboxRejected.Kind.AUTHENTICATION, "5.7.8", "invalid credentials"));
    f.run();
    assertThat(f.nudge.heldMailboxes()).hasSize(1);

    assertThat(f.nudge.reconnectMailbox(Fixture.sender())).isTrue();

    assertThat(f.nudge.heldMailboxes()).isEmpty();
    List<NudgeEvent> events = f.events.events();
    assertThat(events.get(events.size() - 1))
        .isInstanceOfSatisfying(
            MailboxEvent.class, e -> assertThat(e.type()).isEqualTo(MailboxEvent.Type.RECONNECTED));
  }

  @Test
  void transientFailure_waitsAtLeastAsLongAsTheServerAsked() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.transport.thenAnswer(
        new SendResult.TransientFailure("4.7.0", "421 try again in an hour", Duration.ofHours(1)));
    Instant start = f.clock.instant();

    f.run();

    assertThat(f.step(id, 1).scheduledAt()).isEqualTo(start.plus(Duration.ofHours(1)));
  }
}
