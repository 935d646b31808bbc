package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static dev.nudge.testkit.Fixture.hardBounce;
import static dev.nudge.testkit.Fixture.softBounce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CandidateRow;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.SendAttempt;
import dev.nudge.StepStatus;
import dev.nudge.StepTotals;
import dev.nudge.TaskKind;
import dev.nudge.Wait;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bounce that arrives after the candidate finished the campaign [S10]: the last email did not
 * reach her, so a hard bounce of it sends it to her next address or marks her BOUNCED, as it would
 * have done a minute before she finished. A reply or an opt-out always wins.
 */
class BounceAfterFinishingTest {
  private static final String ADA = "ada.lovelace@example.com";
  private static final String ADA_AT_HOME = "ada@home.example";

  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private EnrollmentId enrollWithAlternate(Campaign c) {
    return f.enroll(c.id(), candidate("Ada Lovelace").alternate(ADA_AT_HOME).build());
  }

  /**
   * Runs the three emails of {@link Fixture#definition()}: the last goes out on Monday 9 March, and
   * a day later the candidate is COMPLETED(FINISHED).
   */
  private void finish(EnrollmentId id) {
    f.runFor(Duration.ofDays(8));
    assertFinished(id);
  }

  private void assertFinished(EnrollmentId id) {
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.FINISHED);
  }

  private java.util.List<String> sends() {
    return f.transport.sent().stream()
        .map(m -> m.to().value() + " step " + m.step().step())
        .toList();
  }

  private long rows(Campaign c, CandidateView view) {
    return f.nudge.candidates(c.id(), CandidatesQuery.of(view)).total();
  }

  @Test
  void lastEmailBouncingHardAfterTheEnd_isSentOnceToTheAlternate_andTheCandidateFinishesAgain() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = enrollWithAlternate(c);
    finish(id);

    f.nudge.record(Fixture.ref(id, 3), hardBounce(ADA));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.enrollment(id).reason()).isNull();
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.SCHEDULED);
    f.runFor(Duration.ofDays(7));
    assertThat(sends())
        .containsExactly(
            ADA + " step 1", ADA + " step 2", ADA + " step 3", ADA_AT_HOME + " step 3");
    assertFinished(id);
    assertThat(f.enrollment(id).address().value()).isEqualTo(ADA_AT_HOME);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 3).attempts())
        .extracting(SendAttempt::outcome)
        .containsExactly(SendAttempt.Outcome.BOUNCED, SendAttempt.Outcome.ACCEPTED);
  }

  @Test
  void lastEmailBouncingHardAfterTheEnd_withoutAnAddressLeft_marksTheCandidateBounced() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    finish(id);

    f.nudge.record(Fixture.ref(id, 3), hardBounce(ADA));
    f.runFor(Duration.ofDays(7));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(f.enrollment(id).reason()).isNull();
    assertThat(f.transport.sent()).hasSize(3);
    assertThat(f.nudge.activity(id))
        .filteredOn(e -> e.type() == EnrollmentEvent.Type.STATUS_CHANGED)
        .last()
        .satisfies(
            e -> {
              assertThat(e.from()).isEqualTo("COMPLETED");
              assertThat(e.to()).isEqualTo("BOUNCED");
            });
    assertThat(rows(c, CandidateView.COMPLETED)).isEqualTo(1);
    CandidateRow row =
        f.nudge.candidates(c.id(), CandidatesQuery.of(CandidateView.COMPLETED)).items().get(0);
    assertThat(row.status()).isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(f.nudge.stepTotals(c.id()).get(2)).isEqualTo(new StepTotals(3, 1, 0, 0, 1));
  }

  @Test
  void candidateReopenedByABounce_isActiveUntilTheResendIsAccepted() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = enrollWithAlternate(c);
    finish(id);

    f.nudge.record(Fixture.ref(id, 3), hardBounce(ADA));

    assertThat(rows(c, CandidateView.ACTIVE)).isEqualTo(1);
    assertThat(rows(c, CandidateView.COMPLETED)).isZero();
    f.runFor(Duration.ofHours(1));
    assertThat(rows(c, CandidateView.ACTIVE)).isZero();
    assertThat(rows(c, CandidateView.COMPLETED)).isEqualTo(1);
    // the step went out once more and its hard bounce stays on it for the hover
    assertThat(f.nudge.stepTotals(c.id()).get(2)).isEqualTo(new StepTotals(3, 1, 0, 0, 1));
  }

  @Test
  void hardBounceAfterAReply_changesNothingAndSendsNothing() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = enrollWithAlternate(c);
    f.run();
    f.nudge.record(Fixture.ref(id, 1), new InboundEvent.Reply("Not now.", MatchMethod.IN_THREAD));

    f.nudge.record(Fixture.ref(id, 1), hardBounce(ADA));
    f.runFor(Duration.ofDays(14));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(f.enrollment(id).address().value()).isEqualTo(ADA);
    assertThat(sends()).containsExactly(ADA + " step 1");
  }

  static List<InboundEvent> wordsOfTheCandidate() {
    return List.of(
        new InboundEvent.Reply("Thanks!", MatchMethod.IN_THREAD),
        new InboundEvent.Unsubscribe(false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wordsOfTheCandidate")
  void lastEmailBouncingHard_afterTheFinishedCandidateRepliedOrUnsubscribed_sendsNothing(
      InboundEvent spoke) {
    Campaign c = f.startedCampaign();
    EnrollmentId id = enrollWithAlternate(c);
    finish(id);
    f.nudge.record(Fixture.ref(id, 3), spoke);

    f.nudge.record(Fixture.ref(id, 3), hardBounce(ADA));
    f.runFor(Duration.ofDays(7));

    assertFinished(id);
    assertThat(f.transport.sent()).hasSize(3);
  }

  @Test
  void lastEmailBouncingSoftAfterTheEnd_isResentAfterABackoff_likeAnActiveCandidates() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    finish(id);

    f.nudge.record(Fixture.ref(id, 3), softBounce(ADA));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.step(id, 3).scheduledAt()).isEqualTo(f.clock.instant().plusSeconds(300));
    f.advance(Duration.ofMinutes(5));
    assertThat(sends())
        .containsExactly(ADA + " step 1", ADA + " step 2", ADA + " step 3", ADA + " step 3");
    assertFinished(id);
  }

  @Test
  void lastEmailBouncingSoftTooLongAfterItWasSent_isAHardBounce() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    finish(id);
    // step 3 went out on 9 March; the soft bounce comes a week later, past the maximum age
    f.runFor(Duration.ofDays(6));

    f.nudge.record(Fixture.ref(id, 3), softBounce(ADA));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(f.transport.sent()).hasSize(3);
  }

  @Test
  void lastEmailBouncingHard_whileTheCampaignIsPaused_goesToTheAlternateOnResume() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = enrollWithAlternate(c);
    finish(id);
    f.nudge.pauseCampaign(c.id());

    f.nudge.record(Fixture.ref(id, 3), hardBounce(ADA));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.PENDING);
    f.runFor(Duration.ofDays(3));
    assertThat(f.transport.sent()).hasSize(3);
    f.nudge.resumeCampaign(c.id());
    f.runFor(Duration.ofHours(1));
    assertThat(sends()).endsWith(ADA + " step 3", ADA_AT_HOME + " step 3").hasSize(4);
    assertFinished(id);
  }

  @Test
  void lastEmailBouncingHard_afterTheCampaignWasArchived_isOnlyRecorded() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = enrollWithAlternate(c);
    finish(id);
    f.nudge.archiveCampaign(c.id());

    f.nudge.record(Fixture.ref(id, 3), hardBounce(ADA));
    f.runFor(Duration.ofDays(7));

    assertFinished(id);
    assertThat(f.step(id, 3).engagement().bounce()).isNotNull();
    assertThat(f.transport.sent()).hasSize(3);
  }

  @Test
  void lastStepInFlightWhenAnEarlierBounceSwitchedAddresses_isResentWhenItBouncesAfterTheEnd() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = enrollWithAlternate(c);
    f.runFor(Duration.ofDays(3));
    f.clock.set(f.step(id, 3).scheduledAt());
    // step 2's bounce is recorded while step 3 is with the transport
    f.transport.answerWith(
        m -> {
          if (m.step().step() == 3) {
            f.nudge.record(Fixture.ref(id, 2), hardBounce(ADA));
          }
          return SendResult.accepted();
        });
    f.run();
    f.transport.answerWith(m -> SendResult.accepted());
    assertFinished(id);

    f.nudge.record(Fixture.ref(id, 3), hardBounce(ADA));
    f.runFor(Duration.ofHours(1));

    assertThat(sends())
        .containsExactly(
            ADA + " step 1", ADA + " step 2", ADA + " step 3", ADA_AT_HOME + " step 3");
    assertFinished(id);
  }

  /** Step 1 emails, step 2 is a call: the campaign ends with a manual task. */
  private Campaign emailThenCall() {
    return f.startedCampaign(
        d ->
            CampaignDefinition.builder("Calls", Fixture.sender())
                .owner("alice")
                .zone(Fixture.NEW_YORK)
                .email(Wait.none(), "Hello {{firstName}}", "Hi")
                .task(Wait.businessDays(1), TaskKind.CALL, "Call {{firstName}}"));
  }

  private void callDone(EnrollmentId id) {
    f.runFor(Duration.ofDays(2));
    f.nudge.completeTask(Fixture.ref(id, 2));
    assertFinished(id);
  }

  @Test
  void earlierEmailBouncingHardAfterACallEnded_withoutAnAddressLeft_marksTheCandidateBounced() {
    Campaign c = emailThenCall();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    callDone(id);

    f.nudge.record(Fixture.ref(id, 1), hardBounce(ADA));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.transport.sent()).hasSize(1);
    assertThat(f.todos.open()).isEmpty();
  }

  @Test
  void earlierEmailBouncingHardAfterACallEnded_withAnAlternate_switchesToItButSendsNothing() {
    Campaign c = emailThenCall();
    EnrollmentId id = enrollWithAlternate(c);
    callDone(id);

    f.nudge.record(Fixture.ref(id, 1), hardBounce(ADA));
    f.runFor(Duration.ofDays(7));

    // steps go in order: the email is not sent after the call, and nothing else is left to send
    assertFinished(id);
    assertThat(f.enrollment(id).address().value()).isEqualTo(ADA_AT_HOME);
    assertThat(f.step(id, 1).engagement().bounce()).isNotNull();
    assertThat(f.transport.sent()).hasSize(1);
  }

  @Test
  void lastEmailBouncingSoftAfterAnEarlierOneBouncedHard_goesToTheAlternate_notToTheDeadAddress() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = enrollWithAlternate(c);
    finish(id);
    f.nudge.record(Fixture.ref(id, 1), hardBounce(ADA));
    assertFinished(id);

    f.nudge.record(Fixture.ref(id, 3), softBounce(ADA));
    f.runFor(Duration.ofHours(1));

    assertThat(sends())
        .containsExactly(
            ADA + " step 1", ADA + " step 2", ADA + " step 3", ADA_AT_HOME + " step 3");
    assertFinished(id);
  }
}
