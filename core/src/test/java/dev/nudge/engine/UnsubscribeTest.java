package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.Candidate;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.StepStatus;
import dev.nudge.Suppression;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.TestMails;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Unsubscribes, complaints and the suppression list [S12]. */
class UnsubscribeTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static String token(URI url) {
    String s = url.toString();
    return s.substring(s.lastIndexOf('/') + 1);
  }

  @Test
  void unsubscribe_completesTheCandidateInEveryCampaign_andSuppressesTheAddress() {
    Campaign a = f.startedCampaign();
    Campaign b = f.startedCampaign();
    EnrollmentId inA = f.enroll(a.id(), "Ada Lovelace");
    EnrollmentId inB = f.enroll(b.id(), "Ada Lovelace");
    EnrollmentId other = f.enroll(a.id(), "Alan Turing");
    f.run();

    f.nudge.record(Fixture.ref(inA, 1), new InboundEvent.Unsubscribe(false));
    f.runFor(Duration.ofDays(14));

    for (EnrollmentId id : new EnrollmentId[] {inA, inB}) {
      assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
      assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
      assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.STOPPED);
    }
    assertThat(f.transport.sentTo("ada.lovelace@example.com")).hasSize(2);
    assertThat(f.enrollment(other).reason()).isEqualTo(CompletionReason.FINISHED);
    assertThat(f.nudge.suppression(EmailAddress.of("ADA.LOVELACE@example.com")))
        .map(Suppression::scope)
        .contains(Suppression.Scope.ADDRESS);
    assertThat(f.events.ofType(EnrollmentEvent.Type.UNSUBSCRIBED)).hasSize(2);
  }

  @Test
  void oneClickToken_unsubscribesTheAddressItWasSentTo() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    boolean done = f.nudge.unsubscribeByToken(token(f.transport.last().unsubscribeUrl()));

    assertThat(done).isTrue();
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
    assertThat(f.nudge.suppression(EmailAddress.of("ada.lovelace@example.com"))).isPresent();
  }

  @Test
  void forgedOrTamperedToken_unsubscribesNobody() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    String token = token(f.transport.last().unsubscribeUrl());
    int middle = token.length() / 2;
    char changed = token.charAt(middle) == 'A' ? 'B' : 'A';
    String tampered = token.substring(0, middle) + changed + token.substring(middle + 1);
    // the last character carries two unused bits: flipping one spells the same bytes otherwise
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(token.charAt(token.length() - 1));
    String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);

    assertThat(f.nudge.unsubscribeByToken(tampered)).isFalse();
    assertThat(f.nudge.unsubscribeByToken(respelled)).isFalse();
    assertThat(f.nudge.unsubscribeByToken("r1.garbage")).isFalse();
    assertThat(f.nudge.unsubscribeByToken("")).isFalse();
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
  }

  @Test
  void openToken_cannotUnsubscribe() {
    Campaign c =
        f.startedCampaign(
            d ->
                d.step(
                    dev.nudge.Wait.none(),
                    dev.nudge.EmailAction.newThread("Hi", "Hi").withHtml("<p>Hi</p>")));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));

    assertThat(f.nudge.unsubscribeByToken(token(f.transport.last().trackingPixelUrl()))).isFalse();
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.FINISHED);
  }

  @Test
  void wholeDomainUnsubscribe_blocksEveryAddressOfTheDomain() {
    Campaign c = f.startedCampaign();
    EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
    EnrollmentId alan = f.enroll(c.id(), "Alan Turing");
    f.run();

    f.nudge.record(Fixture.ref(ada, 1), new InboundEvent.Unsubscribe(true));
    f.runFor(Duration.ofDays(14));

    assertThat(f.enrollment(ada).reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
    assertThat(f.enrollment(alan).reason()).isEqualTo(CompletionReason.SUPPRESSED);
    assertThat(f.transport.sent()).hasSize(2);
    assertThat(f.nudge.suppression(EmailAddress.of("anyone@example.com")))
        .map(Suppression::scope)
        .contains(Suppression.Scope.DOMAIN);
  }

  @Test
  void complaint_suppressesLikeAnUnsubscribe() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    f.nudge.record(Fixture.ref(id, 1), new InboundEvent.Complaint("abuse"));

    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
    assertThat(f.nudge.suppression(EmailAddress.of("ada.lovelace@example.com")))
        .map(Suppression::reason)
        .contains("complaint (abuse)");
    assertThat(f.events.ofType(EnrollmentEvent.Type.COMPLAINED)).hasSize(1);
  }

  @Test
  void unsubscribeOfAnAlternate_stopsTheCandidateToo() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());

    f.nudge.unsubscribe(EmailAddress.of("ada@home.example"), false);

    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
  }

  @Test
  void unsubscribeByMailFromAnAlternateNothingWasSentTo_suppressesTheAddressThatAsked() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run(); // step 1 goes to ada.lovelace@example.com

    f.nudge.receive(
        TestMails.mail(
            "Please remove me.",
            "Message-ID: <u-alt@home.example>",
            "From: ada@home.example",
            "X-Test-Kind: unsubscribe"));

    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
    assertThat(f.nudge.suppression(EmailAddress.of("ada@home.example"))).isPresent();
    assertThat(
            f.nudge.enroll(
                f.startedCampaign().id(),
                Candidate.builder("c-ada-home", "Ada Lovelace", "ada@home.example").build()))
        .isInstanceOf(EnrollResult.Suppressed.class);
  }

  @Test
  void removedSuppression_allowsEnrollingAgain() {
    Campaign c = f.startedCampaign();
    f.nudge.unsubscribe(EmailAddress.of("ada.lovelace@example.com"), false);

    assertThat(f.nudge.removeSuppression(Suppression.Scope.ADDRESS, "Ada.Lovelace@example.com"))
        .isTrue();
    f.enroll(c.id(), "Ada Lovelace");
    assertThat(f.nudge.removeSuppression(Suppression.Scope.ADDRESS, "ada.lovelace@example.com"))
        .isFalse();
  }

  @Test
  void domainSuppressedDuringABatch_stopsTheBatchsLaterSendsToIt() {
    Campaign c = f.startedCampaign();
    f.enroll(c.id(), "Ada Lovelace");
    f.enroll(c.id(), "Grace Hopper");
    // warm the unsubscribe path so that the one below is well inside LOOK_AGAIN
    for (int i = 0; i < 50; i++) {
      f.nudge.unsubscribe(EmailAddress.of("x@warm" + i + ".example"), true);
    }
    f.transport.answerWith(
        (OutboundEmail m) -> {
          if (f.transport.sent().size() == 1) {
            // the host suppresses the whole domain through another address of it, and returns
            f.nudge.unsubscribe(EmailAddress.of("hr@example.com"), true);
          }
          return SendResult.accepted();
        });

    f.run();

    assertThat(f.transport.sent())
        .as("nothing goes to example.com once its suppression was committed")
        .hasSize(1);
    assertThat(f.nudge.suppression(EmailAddress.of("ada.lovelace@example.com"))).isPresent();
  }
}
