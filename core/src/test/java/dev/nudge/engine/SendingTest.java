package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignOptions;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAction;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.SendAttempt;
import dev.nudge.SenderMailbox;
import dev.nudge.StepStatus;
import dev.nudge.Tracking;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Due emails [S8, S4, S18 model], the sending window, caps and gaps [S17], invariants [S16]. */
class SendingTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void dueEmail_isSent_andTheNextStepIsScheduledFromTheSendTime() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.clock.advance(Duration.ofMinutes(7));

    f.run();

    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 1).doneAt()).isEqualTo(Fixture.MONDAY_9AM_NY.plusSeconds(420));
    // two business days after Monday 09:07
    assertThat(f.step(id, 2).scheduledAt()).isEqualTo(Instant.parse("2026-03-04T14:07:00Z"));
    OutboundEmail mail = f.transport.last();
    assertThat(mail.subject()).isEqualTo("Hello Ada");
    assertThat(mail.text()).isEqualTo("Hi Ada, are you open to a chat?");
    assertThat(mail.from().value()).isEqualTo("alice@acme.example");
    assertThat(mail.fromName()).isEqualTo("Alice Recruiter");
    assertThat(mail.to().value()).isEqualTo("ada.lovelace@example.com");
    assertThat(mail.toName()).isEqualTo("Ada Lovelace");
  }

  @Test
  void afterTheLastStep_theCandidateIsCompletedAsFinished() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    f.runFor(Duration.ofDays(14));

    assertThat(f.transport.sent()).hasSize(3);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.FINISHED);
  }

  @Test
  void messageId_isStoredBeforeTheTransportIsCalled() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    List<SendAttempt> seenByTransport = new ArrayList<>();
    f.transport.answerWith(
        mail -> {
          seenByTransport.add(
              f.store.enrollments().find(id).orElseThrow().step(1).attempts().get(0));
          return SendResult.accepted();
        });

    f.run();

    assertThat(seenByTransport).hasSize(1);
    assertThat(seenByTransport.get(0).messageId()).isEqualTo(f.transport.last().messageId());
    assertThat(seenByTransport.get(0).outcome()).isEqualTo(SendAttempt.Outcome.IN_FLIGHT);
    assertThat(f.store.enrollments().findByMessageId(f.transport.last().messageId()))
        .map(e -> e.id())
        .contains(id);
  }

  @Test
  void messageIds_areUniqueAndOnTheSendersDomain() {
    Campaign c = f.startedCampaign();
    for (int i = 0; i < 50; i++) {
      f.enroll(c.id(), "Candidate " + i);
    }
    f.run();

    assertThat(f.transport.sent()).hasSize(50);
    assertThat(f.transport.sent().stream().map(OutboundEmail::messageId).distinct()).hasSize(50);
    assertThat(f.transport.sent())
        .allSatisfy(m -> assertThat(m.messageId()).matches("<[a-z2-7]{26}@acme\\.example>"));
  }

  @Test
  void messageIdOfAnInternationalizedDomain_isInItsAsciiForm() {
    assertThat(firstMessageIdFrom("jöran@bücher.example"))
        .matches("<[a-z2-7]{26}@xn--bcher-kva\\.example>");
  }

  @Test
  void messageIdOfADomainWithoutAPlainAsciiForm_isOnNudgeInvalid() {
    // U+037A (ypogegrammeni) comes out of the old IDN mapping as a space
    assertThat(firstMessageIdFrom("jo@a\u037Ab.example")).matches("<[a-z2-7]{26}@nudge\\.invalid>");
  }

  /** The Message-ID of the first email a campaign sends from a new mailbox at this address. */
  private String firstMessageIdFrom(String address) {
    SenderMailbox mailbox = SenderMailbox.of(address, "Recruiter").withZone(Fixture.NEW_YORK);
    f.nudge.registerMailbox(mailbox);
    Campaign c =
        f.nudge.startCampaign(
            f.nudge.createCampaign(Fixture.definition(mailbox.address()).build()).id());
    f.enroll(c.id(), "Ada Lovelace");
    f.run();
    return f.transport.last().messageId();
  }

  @Test
  void replyInThreadStep_carriesThreadingHeadersAndAReSubject() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    String first = f.transport.last().messageId();

    f.runFor(Duration.ofDays(3));

    OutboundEmail second = f.transport.sent().get(1);
    assertThat(second.step().step()).isEqualTo(2);
    assertThat(second.subject()).isEqualTo("Re: Hello Ada");
    assertThat(second.inReplyTo()).isEqualTo(first);
    assertThat(second.references()).containsExactly(first);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SENT);
  }

  @Test
  void newThreadStep_hasNoThreadingHeaders() {
    Campaign c = f.startedCampaign();
    f.enroll(c.id(), "Ada Lovelace");

    f.runFor(Duration.ofDays(14));

    OutboundEmail third = f.transport.sent().get(2);
    assertThat(third.subject()).isEqualTo("Last note, Ada");
    assertThat(third.inReplyTo()).isNull();
    assertThat(third.references()).isEmpty();
  }

  @Test
  void threadOfSeveralReplies_referencesEveryEarlierMessage() {
    Campaign c =
        f.startedCampaign(
            d ->
                d.replyInThread(Wait.days(1), "Third nudge")
                    .replyInThread(Wait.days(1), "Fourth nudge"));

    f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(20));

    List<OutboundEmail> sent = f.transport.sent();
    assertThat(sent).hasSize(5);
    // step 3 opens a new thread; steps 4 and 5 continue it
    assertThat(sent.get(3).references()).containsExactly(sent.get(2).messageId());
    assertThat(sent.get(4).references())
        .containsExactly(sent.get(2).messageId(), sent.get(3).messageId());
    assertThat(sent.get(4).subject()).isEqualTo("Re: Last note, Ada");
  }

  @Test
  void htmlBody_escapesValues_andCarriesTheTrackingPixel() {
    Campaign c =
        f.startedCampaign(
            d ->
                d.step(
                    Wait.days(1),
                    EmailAction.newThread("Hi", "Hi {{company}}")
                        .withHtml("<html><body><p>Hi {{company}}</p></body></html>")));
    f.enroll(c.id(), candidate("Ada Lovelace").company("<script>alert(1)</script> & Co").build());

    f.runFor(Duration.ofDays(14));

    OutboundEmail mail = f.transport.last();
    assertThat(mail.text()).isEqualTo("Hi <script>alert(1)</script> & Co");
    assertThat(mail.html())
        .startsWith("<html><body><p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</p><img src=")
        .endsWith("</body></html>");
    assertThat(mail.trackingPixelUrl()).isNotNull();
    assertThat(mail.trackingPixelUrl().toString()).startsWith("https://t.example.com/o/");
    assertThat(mail.unsubscribeUrl().toString()).startsWith("https://t.example.com/u/");
  }

  @Test
  void textOnlyEmail_hasNoPixel_butKeepsTheUnsubscribeUrl() {
    Campaign c = f.startedCampaign();
    f.enroll(c.id(), "Ada Lovelace");
    f.run();

    assertThat(f.transport.last().html()).isNull();
    assertThat(f.transport.last().trackingPixelUrl()).isNull();
    assertThat(f.transport.last().unsubscribeUrl()).isNotNull();
  }

  @Test
  void bounceMailbox_givesAVerpReturnPathThatNamesTheMessage() {
    // the default fixture has no bounce mailbox: the return path is left to the transport
    Campaign plain = f.startedCampaign();
    f.enroll(plain.id(), "Ada Lovelace");
    f.run();
    assertThat(f.transport.last().returnPath()).isNull();

    dev.nudge.testkit.RecordingTransport transport = new dev.nudge.testkit.RecordingTransport();
    try (dev.nudge.Nudge n =
        Fixture.registered(
            dev.nudge.Nudge.builder()
                .clock(new dev.nudge.SettableClock(Fixture.MONDAY_9AM_NY))
                .store(new InMemoryStore())
                .mailTransport(transport)
                .todoSink(dev.nudge.TodoSink.none())
                .tracking(
                    Tracking.none().withBounceMailbox(EmailAddress.of("bounces@mx.acme.example")))
                .build())) {
      Campaign c = n.createCampaign(Fixture.definition().build());
      n.startCampaign(c.id());
      n.enroll(c.id(), candidate("Ada Lovelace").build());
      n.runDue();
      OutboundEmail mail = transport.last();
      String unique = mail.messageId().substring(1, mail.messageId().indexOf('@'));
      assertThat(mail.returnPath())
          .isEqualTo(EmailAddress.of("bounces+" + unique + "=acme.example@mx.acme.example"));
      assertThat(mail.unsubscribeUrl()).isNull();
    }
  }

  @Test
  void stepDueOnSaturday_movesToMonday() {
    // given step 3 (3 days after Wednesday's step 2) falls on Saturday
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    f.runFor(Duration.ofDays(3));

    assertThat(f.step(id, 3).scheduledAt())
        .isEqualTo(Instant.parse("2026-03-09T13:00:00Z")); // Monday 09:00 EDT
  }

  @Test
  void nothingIsSentOutsideTheWindow_evenWhenTheEngineRunsLate() {
    // given a step due Monday 09:00, and the engine down until 20:00
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.clock.set(Instant.parse("2026-03-03T01:00:00Z")); // Monday 20:00 New York

    f.run();

    assertThat(f.transport.sent()).isEmpty();
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.step(id, 1).scheduledAt()).isEqualTo(Instant.parse("2026-03-03T14:00:00Z"));
  }

  @Test
  void candidateZone_decidesTheWindow() {
    // given a Berlin candidate: Monday 09:00 New York is 15:00 in Berlin, inside the window
    // while Monday 12:00 New York is 18:00 in Berlin, outside it
    Campaign c = f.create(Fixture.definition());
    f.clock.set(Instant.parse("2026-03-02T17:00:00Z"));
    f.nudge.startCampaign(c.id());
    EnrollmentId berlin = f.enroll(c.id(), candidate("Ada Lovelace").zone("Europe/Berlin").build());
    EnrollmentId local = f.enroll(c.id(), candidate("Alan Turing").build());

    f.run();

    assertThat(f.transport.sent()).extracting(m -> m.step().enrollmentId()).containsExactly(local);
    assertThat(f.step(berlin, 1).scheduledAt()).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
  }

  @Test
  void dailyCapReachedMidWindow_movesTheRestToTheNextDay_withoutDroppingAny() {
    // given one mailbox capped at 3 a day, shared by two campaigns with 2 candidates each
    f.mailbox(Fixture.mailbox().withDailyCap(3));
    Campaign a = f.nudge.createCampaign(Fixture.definition().build());
    Campaign b = f.nudge.createCampaign(Fixture.definition().build());
    f.enroll(a.id(), "Ada Lovelace");
    f.enroll(a.id(), "Alan Turing");
    f.enroll(b.id(), "Grace Hopper");
    f.enroll(b.id(), "Edsger Dijkstra");
    f.nudge.startCampaign(a.id());
    f.nudge.startCampaign(b.id());

    // when Monday's window opens
    f.clock.advance(Duration.ofHours(3));
    f.run();

    // then three leave on Monday and the fourth waits for Tuesday 09:00
    assertThat(f.transport.sent()).hasSize(3);
    assertThat(f.sentOn(LocalDate.of(2026, 3, 2))).isEqualTo(3);
    List<Instant> waiting =
        f.nudge.campaigns().stream()
            .flatMap(
                c ->
                    f
                        .nudge
                        .candidates(
                            c.id(), dev.nudge.CandidatesQuery.of(dev.nudge.CandidateView.ACTIVE))
                        .items()
                        .stream())
            .filter(r -> r.steps().get(0).status() == StepStatus.SCHEDULED)
            .map(r -> r.steps().get(0).at())
            .toList();
    assertThat(waiting).containsExactly(Instant.parse("2026-03-03T14:00:00Z"));

    f.at(Instant.parse("2026-03-03T14:00:00Z"));
    assertThat(f.transport.sent()).hasSize(4);
  }

  @Test
  void minimumGap_spacesTheSendsOfOneMailbox() {
    f.mailbox(Fixture.mailbox().withMinimumGap(Duration.ofMinutes(10)));
    Campaign c = f.nudge.createCampaign(Fixture.definition().build());
    for (String name : List.of("Ada Lovelace", "Alan Turing", "Grace Hopper")) {
      f.enroll(c.id(), name);
    }
    f.nudge.startCampaign(c.id());

    for (int i = 0; i < 12; i++) {
      f.advance(Duration.ofMinutes(5));
    }

    List<Instant> times =
        f.transport.sent().stream()
            .map(m -> f.enrollment(m.step().enrollmentId()).step(1).doneAt())
            .toList();
    assertThat(times).hasSize(3);
    assertThat(Duration.between(times.get(0), times.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    assertThat(Duration.between(times.get(1), times.get(2)))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void jitter_spreadsABatchInsideTheWindow() {
    Campaign c =
        f.startedCampaign(
            d -> d.options(CampaignOptions.defaults().withJitter(Duration.ofMinutes(30))));
    List<Instant> planned = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      planned.add(f.step(f.enroll(c.id(), "Candidate " + i), 1).scheduledAt());
    }

    assertThat(planned.stream().distinct().count()).isGreaterThan(10);
    assertThat(planned)
        .allSatisfy(
            t -> {
              assertThat(t)
                  .isBetween(
                      Fixture.MONDAY_9AM_NY, Fixture.MONDAY_9AM_NY.plus(Duration.ofMinutes(30)));
              ZonedDateTime local = t.atZone(Fixture.NEW_YORK);
              assertThat(local.getHour()).isBetween(9, 16);
            });
  }

  @Test
  void suppressedPrimary_sendsToTheNextAlternate() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run();
    f.nudge.unsubscribe(EmailAddress.of("someone@example.com"), true);

    f.runFor(Duration.ofDays(3));

    assertThat(f.transport.sent())
        .extracting(m -> m.to().value())
        .containsExactly("ada.lovelace@example.com", "ada@home.example");
    assertThat(f.enrollment(id).address().value()).isEqualTo("ada@home.example");
  }

  @Test
  void everyAddressSuppressed_completesTheCandidateWithoutSending() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.nudge.unsubscribe(EmailAddress.of("someone@example.com"), true);

    f.runFor(Duration.ofDays(14));

    assertThat(f.transport.sent()).hasSize(1);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.SUPPRESSED);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.STOPPED);
  }

  @Test
  void stepsWaitingForTheGap_queueOnce_insteadOfRetryingTogether() {
    f.mailbox(Fixture.mailbox().withMinimumGap(Duration.ofMinutes(5)));
    Campaign c = f.nudge.createCampaign(Fixture.definition().build());
    for (int i = 0; i < 40; i++) {
      f.enroll(c.id(), "Candidate " + i);
    }
    f.nudge.startCampaign(c.id());

    for (int minute = 0; minute < 4 * 60; minute++) {
      f.advance(Duration.ofMinutes(1));
    }

    assertThat(f.transport.sent()).hasSize(40);
    long reschedules =
        f.events.ofType(dev.nudge.EnrollmentEvent.Type.STEP_STATUS_CHANGED).stream()
            .filter(e -> "SCHEDULED".equals(e.from()) && "SCHEDULED".equals(e.to()))
            .count();
    assertThat(reschedules)
        .as("each waiting step is put back in line once")
        .isLessThanOrEqualTo(40);
  }
}
