package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static dev.nudge.testkit.Fixture.hardBounce;
import static dev.nudge.testkit.Fixture.softBounce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.BounceType;
import dev.nudge.Campaign;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.SendAttempt;
import dev.nudge.StepStatus;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hard and soft bounces, permanent and transient send failures [S10, S18]. */
class BounceTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void hardBounce_withAnAlternate_sendsTheSameStepToIt() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run();

    f.nudge.record(Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com"));
    f.run();

    assertThat(f.transport.sent())
        .extracting(m -> m.to().value() + " step " + m.step().step())
        .containsExactly("ada.lovelace@example.com step 1", "ada@home.example step 1");
    assertThat(f.enrollment(id).address().value()).isEqualTo("ada@home.example");
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 1).attempts())
        .extracting(SendAttempt::outcome)
        .containsExactly(SendAttempt.Outcome.BOUNCED, SendAttempt.Outcome.ACCEPTED);
    assertThat(f.step(id, 1).engagement().bounce().statusCode()).isEqualTo("5.1.1");
  }

  @Test
  void laterSteps_goToTheAlternate() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run();
    f.nudge.record(Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com"));

    f.runFor(Duration.ofDays(14));

    assertThat(f.transport.sentTo("ada@home.example")).hasSize(3);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void hardBounce_withoutAnyAddressLeft_marksTheCandidateBounced() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    f.nudge.record(Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com"));
    f.runFor(Duration.ofDays(14));

    assertThat(f.transport.sent()).hasSize(1);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.STOPPED);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.STOPPED);
  }

  @Test
  void permanentSmtpFailure_isAHardBounce_andTriesTheAlternate() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.transport.thenAnswer(new SendResult.PermanentFailure("5.1.1", "550 no such user"));

    f.run();

    assertThat(f.transport.sent())
        .extracting(m -> m.to().value())
        .containsExactly("ada.lovelace@example.com", "ada@home.example");
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 1).engagement().bounce().type()).isEqualTo(BounceType.HARD);
  }

  @Test
  void permanentSmtpFailure_onTheLastAddress_bouncesTheCandidate() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.transport.thenAnswer(new SendResult.PermanentFailure("5.1.1", "550 no such user"));

    f.run();

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.STOPPED);
    assertThat(f.nudge.stepTotals(c.id()).get(0).bounced()).isEqualTo(1);
  }

  @Test
  void transientFailure_isRetriedWithBackoff() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.transport.thenAnswer(new SendResult.TransientFailure("421 try later"));

    f.run();

    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.step(id, 1).scheduledAt())
        .isEqualTo(Fixture.MONDAY_9AM_NY.plus(Duration.ofMinutes(5)));
    f.advance(Duration.ofMinutes(5));
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.transport.sent()).hasSize(2);
  }

  @Test
  void transientFailures_becomeAHardBounceAfterTheConfiguredAttempts() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.transport.answerWith(m -> new SendResult.TransientFailure("421 try later"));

    f.runFor(Duration.ofDays(3));

    // 5 attempts backing off 5, 10, 20, 40 minutes, then a hard bounce
    assertThat(f.transport.sent()).hasSize(5);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.BOUNCED);
  }

  @Test
  void transportThatThrows_isATransientFailure() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.transport.answerWith(
        m -> {
          throw new IllegalStateException("connection reset");
        });

    f.run();

    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.step(id, 1).attempts().get(0).detail()).contains("connection reset");
  }

  @Test
  void softBounce_resendsTheStepAfterABackoff() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.clock.advance(Duration.ofMinutes(10));

    f.nudge.record(Fixture.ref(id, 1), softBounce("ada.lovelace@example.com"));

    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.PENDING);
    f.advance(Duration.ofMinutes(5));
    assertThat(f.transport.sent()).hasSize(2);
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SCHEDULED);
  }

  @Test
  void softBounces_becomeHardAfterTheConfiguredCount() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    for (int i = 0; i < 3; i++) {
      f.nudge.record(Fixture.ref(id, 1), softBounce("ada.lovelace@example.com"));
      f.advance(Duration.ofMinutes(30));
    }

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(f.transport.sent()).hasSize(3);
  }

  @Test
  void softBounce_olderThanTheMaximumAge_isHard() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    // the candidate was paused, so step 2 has not gone out, and the soft bounce comes 4 days late
    f.nudge.pauseCandidate(id);
    f.clock.set(Instant.parse("2026-03-06T15:00:00Z"));

    f.nudge.record(Fixture.ref(id, 1), softBounce("ada.lovelace@example.com"));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.BOUNCED);
  }

  @Test
  void hardBounceWhilePaused_resendsTheStepToTheAlternateOnResume() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run();
    f.nudge.pauseCampaign(c.id());

    f.nudge.record(Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com"));
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.PENDING);
    f.runFor(Duration.ofDays(3));
    f.nudge.resumeCampaign(c.id());
    f.run();

    assertThat(f.transport.sent())
        .extracting(m -> m.to().value() + " step " + m.step().step())
        .containsExactly("ada.lovelace@example.com step 1", "ada@home.example step 1");
  }

  @Test
  void bounceForAnAddressTheStepWasNeverSentTo_changesNothing() {
    Campaign c = f.create(Fixture.definition());
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    f.nudge.record(Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com"));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.NOT_STARTED);
    assertThat(f.step(id, 1).engagement().bounce()).isNotNull();
  }

  @Test
  void bounceOfAnAddressNoLongerUsed_isOnlyRecorded() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run();
    f.nudge.record(Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com"));
    f.run();

    // a duplicate report of the first bounce arrives later
    f.nudge.record(Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com"));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.enrollment(id).address().value()).isEqualTo("ada@home.example");
  }

  @Test
  void stepInFlightToAnAddressThatJustBounced_isResentToTheAlternateWhenItBouncesToo() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run();
    f.clock.set(f.step(id, 2).scheduledAt());
    // step 1's bounce is recorded while step 2 is with the transport
    f.transport.answerWith(
        m -> {
          if (m.step().step() == 2) {
            f.nudge.record(Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com"));
          }
          return dev.nudge.spi.transport.SendResult.accepted();
        });
    f.run();
    f.transport.answerWith(m -> dev.nudge.spi.transport.SendResult.accepted());

    f.nudge.record(Fixture.ref(id, 2), hardBounce("ada.lovelace@example.com"));
    f.run();

    assertThat(f.transport.sent())
        .extracting(m -> m.to().value() + " step " + m.step().step())
        .containsExactly(
            "ada.lovelace@example.com step 1",
            "ada.lovelace@example.com step 2",
            "ada@home.example step 2");
  }

  @Test
  void stepResentWhilePaused_nextStepWaitsItsDelayFromTheResend_notFromTheFirstSend() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run(); // Monday 09:00: step 1 to ADA, step 2 scheduled Wednesday 09:00
    f.advance(Duration.ofHours(1));
    f.nudge.pauseCandidate(id); // step 2 pending, planned Wednesday 09:00
    f.nudge.record(
        Fixture.ref(id, 1), hardBounce("ada.lovelace@example.com")); // step 1 owed to the alternate

    f.clock.set(Fixture.MONDAY_9AM_NY.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
    f.nudge.resumeCandidate(id); // Thursday 10:00: step 1 due again at once
    // the user pauses the candidate again while step 1 is with the transport
    f.transport.answerWith(
        (OutboundEmail m) -> {
          if (m.step().step() == 1 && m.to().value().equals("ada@home.example")) {
            f.nudge.pauseCandidate(id);
          }
          return SendResult.accepted();
        });
    f.run();
    f.transport.answerWith(m -> SendResult.accepted());
    Instant resent = f.clock.instant();
    assertThat(f.transport.sentTo("ada@home.example")).hasSize(1);

    f.advance(Duration.ofMinutes(5));
    f.nudge.resumeCandidate(id);
    f.runFor(Duration.ofHours(2));

    assertThat(f.transport.sentTo("ada@home.example"))
        .as("step 2 waits two business days after step 1 reached the alternate")
        .hasSize(1);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SCHEDULED);
    // Thursday 10:00 + two business days = Monday 10:00 (clocks moved on Sunday)
    assertThat(f.step(id, 2).scheduledAt()).isAfter(resent.plus(Duration.ofDays(3)));
  }
}
