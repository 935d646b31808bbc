package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static dev.nudge.testkit.TestMails.mail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEntry;
import dev.nudge.InboundEvent;
import dev.nudge.InboundMatch;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.TaskKind;
import dev.nudge.TodoSink;
import dev.nudge.Tracking;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Linking inbound mail to the step it answers [S20]. */
class MatchingTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private Instant now() {
    return f.clock.instant();
  }

  private InboundMessage bounce(
      List<String> returned, EmailAddress envelope, List<InboundMessage.DsnRecipient> dsn) {
    return InboundMessage.builder(f.clock.instant())
        .messageId("<dsn-1@mx.example>")
        .from(EmailAddress.of("mailer-daemon@mx.example"))
        .envelopeRecipient(envelope)
        .subject("Undelivered Mail Returned to Sender")
        .dsnRecipients(dsn)
        .returnedMessageIds(returned)
        .build();
  }

  @Test
  void replyInThread_isMatchedThroughInReplyTo() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(3));
    OutboundEmail second = f.transport.sent().get(1);

    Optional<InboundMatch> m =
        f.nudge.match(
            InboundMessage.reply(
                EmailAddress.of("ada.lovelace@example.com"),
                second.messageId(),
                List.of(f.transport.sent().get(0).messageId(), second.messageId()),
                "Sounds good",
                f.clock.instant()));

    assertThat(m).contains(new InboundMatch(Fixture.ref(id, 2), MatchMethod.IN_THREAD));
  }

  @Test
  void unknownInReplyTo_fallsBackToReferences() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    String first = f.transport.last().messageId();

    Optional<InboundMatch> m =
        f.nudge.match(
            InboundMessage.reply(
                EmailAddress.of("someone.else@example.org"),
                "<forwarded@other.example>",
                List.of(first.substring(1, first.length() - 1), "<forwarded@other.example>"),
                "Forwarding to my colleague",
                f.clock.instant()));

    assertThat(m).contains(new InboundMatch(Fixture.ref(id, 1), MatchMethod.IN_THREAD));
  }

  @Test
  void replyOnANewThreadOrWithAChangedSubject_isMatchedByAddress() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(3));

    Optional<InboundMatch> m =
        f.nudge.match(
            InboundMessage.reply(
                EmailAddress.of("ADA.LOVELACE@example.com"),
                null,
                List.of(),
                "Hi",
                f.clock.instant()));

    assertThat(m).contains(new InboundMatch(Fixture.ref(id, 2), MatchMethod.BY_ADDRESS));
  }

  @Test
  void replyFromTheAlternateAfterABounce_isCaughtAndStopsTheCampaign() {
    // the failure the seed's help article admits to: reply on another thread after a bounce
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run();
    f.nudge.record(
        Fixture.ref(id, 1),
        InboundEvent.Bounce.hard(EmailAddress.of("ada.lovelace@example.com"), "5.1.1"));
    f.run();

    InboundMatch m =
        f.nudge
            .match(
                InboundMessage.reply(
                    EmailAddress.of("ada@home.example"),
                    null,
                    List.of(),
                    "Yes!",
                    f.clock.instant()))
            .orElseThrow();
    f.nudge.record(m.step(), new InboundEvent.Reply("Yes!", m.method()));
    f.runFor(Duration.ofDays(14));

    assertThat(m.method()).isEqualTo(MatchMethod.BY_ADDRESS);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(f.transport.sent()).hasSize(2);
  }

  @Test
  void replyFromAnAlternateAddressNothingWasSentTo_onANewThread_stopsTheCampaign() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run(); // step 1 goes to ada.lovelace@example.com

    InboundEntry entry =
        f.nudge.receive(
            mail("Yes, let's talk.", "Message-ID: <r-alt@home.example>", "From: ada@home.example"));
    f.runFor(Duration.ofDays(14));

    assertThat(entry.outcome()).isEqualTo(InboundEntry.Outcome.RECORDED);
    assertThat(entry.matchedBy()).isEqualTo(MatchMethod.BY_ADDRESS);
    assertThat(entry.step()).isEqualTo(Fixture.ref(id, 1));
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(f.transport.sent()).hasSize(1);
  }

  @Test
  void replyOnANewThread_stopsTheCampaignThatWroteToHer_notALaterOneThatHasNotYet() {
    Campaign first = f.startedCampaign();
    EnrollmentId inFirst = f.enroll(first.id(), "Ada Lovelace");
    f.run(); // the first campaign's step 1 reaches her
    f.clock.advance(Duration.ofHours(1));
    Campaign later =
        f.startedCampaign(
            d ->
                CampaignDefinition.builder("Later role", Fixture.sender())
                    .owner("alice")
                    .zone(Fixture.NEW_YORK)
                    .email(Wait.days(5), "Hi {{firstName}}", "Another role"));
    EnrollmentId inLater = f.enroll(later.id(), "Ada Lovelace");
    f.run();
    assertThat(f.transport.sent()).hasSize(1);

    InboundEntry entry =
        f.nudge.receive(
            mail(
                "Yes, happy to chat.",
                "Message-ID: <r-new@example.com>",
                "From: ada.lovelace@example.com"));

    assertThat(entry.step()).isEqualTo(Fixture.ref(inFirst, 1));
    assertThat(f.enrollment(inFirst).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(f.enrollment(inLater).status().isTerminal()).isFalse();
  }

  @Test
  void mailAfterALinkedInMessage_beforeAnyEmail_answersTheTaskAndStopsTheCampaign() {
    Campaign c =
        f.startedCampaign(
            d ->
                CampaignDefinition.builder("LinkedIn first", Fixture.sender())
                    .owner("alice")
                    .zone(Fixture.NEW_YORK)
                    .task(Wait.none(), TaskKind.LINKEDIN_MESSAGE, "Connect with {{firstName}}")
                    .email(Wait.days(2), "Hello {{firstName}}", "Hi, following up"));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.nudge.completeTask(Fixture.ref(id, 1));

    InboundEntry entry =
        f.nudge.receive(
            mail(
                "Saw your LinkedIn note, happy to chat.",
                "Message-ID: <r-li@example.com>",
                "From: Ada Lovelace <ada.lovelace@example.com>"));
    f.runFor(Duration.ofDays(7));

    assertThat(entry.step()).isEqualTo(Fixture.ref(id, 1));
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(f.transport.sent()).isEmpty();
  }

  @Test
  void mailFromACandidateBeforeAnythingReachedHer_answersTheStepSheIsAt() {
    Campaign c = f.startedCampaign();
    // Monday 17:30 in New York: the window has closed, step 1 waits for Tuesday morning
    f.clock.set(Fixture.MONDAY_9AM_NY.plus(Duration.ofMinutes(510)));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    assertThat(f.transport.sent()).isEmpty();

    Optional<InboundMatch> m =
        f.nudge.match(
            InboundMessage.reply(
                EmailAddress.of("ada.lovelace@example.com"), null, List.of(), "Hi", now()));

    assertThat(m).contains(new InboundMatch(Fixture.ref(id, 1), MatchMethod.BY_ADDRESS));
  }

  @Test
  void mailWrittenBeforeTheCandidateWasEnrolled_answersNothing() {
    Campaign c = f.startedCampaign();
    f.enroll(c.id(), "Ada Lovelace");
    f.run();

    Optional<InboundMatch> m =
        f.nudge.match(
            InboundMessage.builder(now())
                .messageId("<old@example.com>")
                .from(EmailAddress.of("ada.lovelace@example.com"))
                .date(now().minus(Duration.ofDays(300)))
                .subject("Last year's offer")
                .text("Thanks, not now.")
                .build());

    assertThat(m).isEmpty();
  }

  @Test
  void byAddress_prefersTheActiveEnrollment() {
    Campaign old = f.startedCampaign();
    Campaign current = f.startedCampaign();
    EnrollmentId finished = f.enroll(old.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));
    EnrollmentId active = f.enroll(current.id(), "Ada Lovelace");
    f.run();
    assertThat(f.enrollment(finished).status().isTerminal()).isTrue();

    assertThat(
            f.nudge.match(
                InboundMessage.reply(
                    EmailAddress.of("ada.lovelace@example.com"),
                    null,
                    List.of(),
                    "",
                    f.clock.instant())))
        .map(InboundMatch::step)
        .contains(Fixture.ref(active, 1));
  }

  @Test
  void bounce_isMatchedThroughTheReturnedMessageId() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    Optional<InboundMatch> m =
        f.nudge.match(
            bounce(
                List.of(f.transport.last().messageId()),
                EmailAddress.of("alice@acme.example"),
                List.of()));

    assertThat(m)
        .contains(new InboundMatch(Fixture.ref(id, 1), MatchMethod.BY_ORIGINAL_MESSAGE_ID));
  }

  @Test
  void bounce_isMatchedThroughTheVerpReturnPath() {
    RecordingTransport transport = new RecordingTransport();
    try (Nudge n =
        Fixture.registered(
            Nudge.builder()
                .clock(new SettableClock(Fixture.MONDAY_9AM_NY))
                .store(new InMemoryStore())
                .mailTransport(transport)
                .todoSink(TodoSink.none())
                .tracking(
                    Tracking.none().withBounceMailbox(EmailAddress.of("bounces@mx.acme.example")))
                .build())) {
      Campaign c = n.createCampaign(Fixture.definition().build());
      n.startCampaign(c.id());
      n.enroll(c.id(), candidate("Ada Lovelace").build());
      n.runDue();
      OutboundEmail sent = transport.last();

      Optional<InboundMatch> m = n.match(bounce(List.of(), sent.returnPath(), List.of()));

      assertThat(m).contains(new InboundMatch(sent.step(), MatchMethod.BY_RETURN_PATH));
    }
  }

  @Test
  void bounce_isMatchedThroughItsDsnRecipient() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    Optional<InboundMatch> m =
        f.nudge.match(
            bounce(
                List.of(),
                EmailAddress.of("alice@acme.example"),
                List.of(
                    new InboundMessage.DsnRecipient(
                        EmailAddress.of("ada.lovelace@example.com"),
                        "failed",
                        "5.1.1",
                        "no such user"))));

    assertThat(m).contains(new InboundMatch(Fixture.ref(id, 1), MatchMethod.BY_DSN_RECIPIENT));
  }

  @Test
  void unrelatedMail_matchesNothing() {
    Campaign c = f.startedCampaign();
    f.enroll(c.id(), "Ada Lovelace");
    f.run();

    assertThat(
            f.nudge.match(
                InboundMessage.reply(
                    EmailAddress.of("newsletter@shop.example"),
                    "<x@y>",
                    List.of(),
                    "Sale",
                    f.clock.instant())))
        .isEmpty();
    assertThat(
            f.nudge.match(
                bounce(
                    List.of("<unknown@nowhere.example>"),
                    EmailAddress.of("bounces+zz@mx.example"),
                    List.of())))
        .isEmpty();
  }
}
