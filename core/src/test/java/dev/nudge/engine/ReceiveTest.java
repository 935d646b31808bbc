package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static dev.nudge.testkit.TestMails.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEntry;
import dev.nudge.InboundEntry.Kind;
import dev.nudge.InboundEntry.Outcome;
import dev.nudge.MailboxEvent;
import dev.nudge.MailboxHold;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.StepStatus;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Received mail from raw bytes to its effect [S20]: read, matched, recorded and logged once, in one
 * commit; handed over again, it has no further effect.
 */
class ReceiveTest {
  private static final String ADA = "ada.lovelace@example.com";

  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private EnrollmentId sentFirstStep() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    return id;
  }

  private String firstMessageId() {
    return f.transport.sent().get(0).messageId();
  }

  private long activity(EnrollmentId id, EnrollmentEvent.Type type) {
    return f.nudge.activity(id).stream().filter(e -> e.type() == type).count();
  }

  @Test
  void replyInThread_completesTheEnrollment_andIsLoggedAsRecorded() {
    EnrollmentId id = sentFirstStep();

    InboundEntry entry =
        f.nudge.receive(
            mail(
                "Sounds good, call me Friday.",
                "Message-ID: <r-1@example.com>",
                "In-Reply-To: " + firstMessageId(),
                "From: " + ADA));

    assertThat(entry.key()).isEqualTo("<r-1@example.com>");
    assertThat(entry.kind()).isEqualTo(Kind.REPLY);
    assertThat(entry.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(entry.step()).isEqualTo(Fixture.ref(id, 1));
    assertThat(entry.matchedBy()).isEqualTo(MatchMethod.IN_THREAD);
    assertThat(entry.detail()).doesNotContain("Friday");
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(f.step(id, 1).engagement().reply())
        .satisfies(r -> assertThat(r.matchedBy()).isEqualTo(MatchMethod.IN_THREAD));
    assertThat(f.nudge.inbound(10)).containsExactly(entry);
  }

  @Test
  void erasingTheCandidate_forgetsWhoSentTheirMails_butStillKnowsTheMail() {
    sentFirstStep();
    byte[] reply =
        mail(
            "Sounds good, call me on 555-0100.",
            "Message-ID: <r-1@example.com>",
            "In-Reply-To: " + firstMessageId(),
            "From: " + ADA);
    f.nudge.receive(reply);

    f.nudge.eraseCandidate(dev.nudge.CandidateId.of("c-ada.lovelace"));

    InboundEntry logged = f.nudge.inbound(10).get(0);
    assertThat(logged.key()).isEqualTo("<r-1@example.com>");
    assertThat(logged.from()).isNull();
    assertThat(logged.detail()).isEmpty();
    assertThat(f.nudge.receive(reply).outcome()).isEqualTo(Outcome.DUPLICATE);
  }

  @Test
  void aCopyOfASentEmail_inTheInbox_answersNothing() {
    EnrollmentId id = sentFirstStep();

    // the server filed the sent email in the inbox too (or the recruiter sent a copy to herself)
    InboundEntry copy =
        f.nudge.receive(
            mail(
                "Hi Ada, a role at Acme?",
                "Message-ID: " + firstMessageId(),
                "From: " + Fixture.sender().value(),
                "To: " + ADA));

    assertThat(copy.outcome()).isEqualTo(Outcome.NOTED);
    assertThat(copy.kind()).isEqualTo(Kind.UNRELATED);
    assertThat(copy.step()).isNull();
    assertThat(copy.detail()).contains("copy of an email this engine sent");
    assertThat(f.enrollment(id).status()).isEqualTo(dev.nudge.EnrollmentStatus.STARTED);
    assertThat(f.step(id, 1).engagement().repliedAt()).isNull();
    assertThat(f.nudge.receive(mail("again", "Message-ID: " + firstMessageId())).outcome())
        .isEqualTo(Outcome.DUPLICATE);
  }

  @Test
  void aNoteToSelf_fromTheSenderMailbox_answersNoCandidate() {
    EnrollmentId id = sentFirstStep();

    InboundEntry note =
        f.nudge.receive(
            mail(
                "Note to self: call Ada on Friday.",
                "Message-ID: <note-1@acme.example>",
                "From: " + Fixture.sender().value(),
                "To: " + Fixture.sender().value()));

    assertThat(note.step()).isNull();
    assertThat(note.outcome()).isEqualTo(Outcome.NOTED);
    assertThat(note.kind()).isEqualTo(Kind.UNRELATED);
    assertThat(note.detail()).contains("sender mailbox");
    assertThat(f.enrollment(id).status()).isEqualTo(dev.nudge.EnrollmentStatus.STARTED);
    assertThat(f.step(id, 1).engagement().repliedAt()).isNull();
  }

  @Test
  void theRecruitersOwnFollowUp_copiedToTheInbox_isNoReplyOfTheCandidate() {
    EnrollmentId id = sentFirstStep();

    // written by hand from the sender mailbox in the candidate's thread, a copy kept in the inbox
    InboundEntry followUp =
        f.nudge.receive(
            mail(
                "Ada, just checking you saw this.",
                "Message-ID: <manual-1@acme.example>",
                "In-Reply-To: " + firstMessageId(),
                "From: " + Fixture.sender().value(),
                "To: " + ADA));

    assertThat(followUp.step()).isNull();
    assertThat(followUp.kind()).isEqualTo(Kind.UNRELATED);
    assertThat(f.step(id, 1).engagement().repliedAt()).isNull();
    assertThat(f.enrollment(id).status()).isEqualTo(dev.nudge.EnrollmentStatus.STARTED);
  }

  @Test
  void aReplyInTheThread_whoseSenderAListRewroteToTheSenderMailbox_stopsTheCampaign() {
    EnrollmentId id = sentFirstStep();

    // a Google Group used as the sender mailbox rewrites From to its own address and names the
    // person who wrote in Reply-To
    InboundEntry reply =
        f.nudge.receive(
            mail(
                "Yes, interested.",
                "Message-ID: <r-group@example.com>",
                "In-Reply-To: " + firstMessageId(),
                "From: " + Fixture.sender().value(),
                "Reply-To: " + ADA,
                "List-Id: <recruiting.acme.example>",
                "X-Google-Group-Id: 123456"));

    assertThat(reply.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(reply.step()).isEqualTo(new dev.nudge.StepRef(id, 1));
    assertThat(reply.from()).isEqualTo(dev.nudge.EmailAddress.of(ADA));
    assertThat(f.step(id, 1).engagement().repliedAt()).isNotNull();
    assertThat(f.enrollment(id).status()).isEqualTo(dev.nudge.EnrollmentStatus.COMPLETED);
  }

  @Test
  void aGroupReplyingToItself_isReadAsFromTheWriterItNamesInXOriginalFrom() {
    EnrollmentId id = sentFirstStep();

    // "replies go to the group": Reply-To names the group too; the writer is only in
    // X-Original-From
    InboundEntry reply =
        f.nudge.receive(
            mail(
                "Yes, interested.",
                "Message-ID: <r-group-2@example.com>",
                "In-Reply-To: " + firstMessageId(),
                "From: \"'Ada Lovelace' via Recruiting\" <" + Fixture.sender().value() + ">",
                "Reply-To: Recruiting <" + Fixture.sender().value() + ">",
                "X-Original-From: \"Lovelace, Ada\" <" + ADA + ">",
                "X-Original-Sender: " + ADA,
                "List-Id: <recruiting.acme.example>"));

    assertThat(reply.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(reply.from()).isEqualTo(EmailAddress.of(ADA));
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void listMailNamingNoWriter_isMatchedByItsThread_notDroppedAsTheEnginesOwn() {
    EnrollmentId id = sentFirstStep();

    InboundEntry reply =
        f.nudge.receive(
            mail(
                "Yes, interested.",
                "Message-ID: <r-group-3@example.com>",
                "In-Reply-To: " + firstMessageId(),
                "From: " + Fixture.sender().value(),
                "List-Id: <recruiting.acme.example>"));

    assertThat(reply.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(reply.matchedBy()).isEqualTo(MatchMethod.IN_THREAD);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void theRecruitersFollowUpThroughTheGroup_isNoReplyOfTheCandidate() {
    EnrollmentId id = sentFirstStep();

    InboundEntry followUp =
        f.nudge.receive(
            mail(
                "Ada, just checking you saw this.",
                "Message-ID: <manual-2@acme.example>",
                "In-Reply-To: " + firstMessageId(),
                "From: " + Fixture.sender().value(),
                "Reply-To: " + Fixture.sender().value(),
                "X-Original-From: " + Fixture.sender().value(),
                "List-Id: <recruiting.acme.example>"));

    assertThat(followUp.step()).isNull();
    assertThat(followUp.kind()).isEqualTo(Kind.UNRELATED);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
  }

  @Test
  void theRecruitersFollowUp_withReplyToAnAlias_isNoReplyOfTheCandidate() {
    EnrollmentId id = sentFirstStep();

    // the recruiter's mail client sets Reply-To to the tracking system's address
    InboundEntry followUp =
        f.nudge.receive(
            mail(
                "Ada, just checking you saw this.",
                "Message-ID: <manual-3@acme.example>",
                "In-Reply-To: " + firstMessageId(),
                "From: " + Fixture.sender().value(),
                "Reply-To: inbound+ada@ats.example",
                "To: " + ADA));

    assertThat(followUp.step()).isNull();
    assertThat(followUp.kind()).isEqualTo(Kind.UNRELATED);
    assertThat(f.step(id, 1).engagement().repliedAt()).isNull();
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
  }

  @Test
  void aComplaintForwardedFromTheSenderMailbox_stillSuppressesTheAddress() {
    EnrollmentId id = sentFirstStep();

    // a feedback-loop report the mailbox provider files under the sender mailbox's own address
    InboundEntry complaint =
        f.nudge.receive(
            mail(
                "abuse report",
                "Message-ID: <arf-1@provider.example>",
                "From: " + Fixture.sender().value(),
                "X-Test-Kind: complaint:" + ADA));

    assertThat(complaint.kind()).isEqualTo(Kind.COMPLAINT);
    assertThat(complaint.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(f.nudge.suppression(EmailAddress.of(ADA))).isPresent();
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
  }

  @Test
  void theSameMailTwice_hasItsEffectOnce() {
    EnrollmentId id = sentFirstStep();
    byte[] reply =
        mail(
            "Yes, interested.",
            "Message-ID: <r-1@example.com>",
            "In-Reply-To: " + firstMessageId(),
            "From: " + ADA);
    InboundEntry first = f.nudge.receive(reply);
    Instant repliedAt = f.step(id, 1).engagement().repliedAt();
    f.clock.advance(Duration.ofMinutes(10));

    InboundEntry again = f.nudge.receive(reply);

    assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(again.withOutcome(Outcome.RECORDED)).isEqualTo(first);
    assertThat(f.step(id, 1).engagement().repliedAt()).isEqualTo(repliedAt);
    assertThat(activity(id, EnrollmentEvent.Type.REPLIED)).isEqualTo(1);
    assertThat(f.nudge.inbound(10)).hasSize(1);
  }

  @Test
  void aMailWithoutMessageId_isKnownAgainByItsBytes() {
    sentFirstStep();
    byte[] noId = mail("Thanks!", "From: " + ADA);

    InboundEntry first = f.nudge.receive(noId);
    InboundEntry again = f.nudge.receive(noId);
    InboundEntry other = f.nudge.receive(mail("Thanks again!", "From: " + ADA));

    assertThat(first.key()).startsWith("sha256:").hasSize(7 + 64);
    assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(other.key()).isNotEqualTo(first.key());
  }

  @Test
  void aReplyOnANewThread_isMatchedByAddress() {
    EnrollmentId id = sentFirstStep();

    InboundEntry entry =
        f.nudge.receive(
            mail(
                "Different subject, same person.",
                "Message-ID: <r-2@example.com>",
                "From: " + ADA));

    assertThat(entry.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(entry.matchedBy()).isEqualTo(MatchMethod.BY_ADDRESS);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.REPLIED);
  }

  @Test
  void oldMailFromTheCandidate_writtenBeforeTheSend_isNotTakenForAReply() {
    // an inbox read from its beginning holds mail the candidate wrote long before the campaign
    EnrollmentId id = sentFirstStep();

    InboundEntry entry =
        f.nudge.receive(
            mail(
                "Thanks for lunch last month!",
                "Message-ID: <old@example.com>",
                "Date: " + Fixture.MONDAY_9AM_NY.minus(Duration.ofDays(30)),
                "From: " + ADA));

    assertThat(entry.outcome()).isEqualTo(Outcome.UNMATCHED);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
  }

  @Test
  void aMessageIdWithAControlCharacter_isKeyedByItsHash() {
    sentFirstStep();

    InboundEntry entry =
        f.nudge.receive(mail("Hi", "Message-ID: <a\u0000b@example.com>", "From: " + ADA));

    assertThat(entry.key()).startsWith("sha256:");
    assertThat(
            f.nudge
                .receive(mail("Hi", "Message-ID: <a\u0000b@example.com>", "From: " + ADA))
                .outcome())
        .isEqualTo(Outcome.DUPLICATE);
  }

  @Test
  void aReplyMatchingNoStep_isLoggedAsUnmatched_andChangesNothing() {
    EnrollmentId id = sentFirstStep();

    InboundEntry entry =
        f.nudge.receive(
            mail("Who is this?", "Message-ID: <x@other.example>", "From: someone@other.example"));

    assertThat(entry.outcome()).isEqualTo(Outcome.UNMATCHED);
    assertThat(entry.step()).isNull();
    assertThat(entry.from()).isEqualTo(EmailAddress.of("someone@other.example"));
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.nudge.inbound(10)).containsExactly(entry);
  }

  @Test
  void aHardBounce_movesToTheAlternateAddress_withItsReasonInTheLog() {
    Campaign c = f.startedCampaign();
    EnrollmentId id =
        f.enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build());
    f.run();

    InboundEntry entry =
        f.nudge.receive(
            mail(
                "delivery failed",
                "Message-ID: <dsn-1@mx.example>",
                "From: mailer-daemon@mx.example",
                "X-Test-Kind: bounce:" + ADA + ":5.1.1"));

    assertThat(entry.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(entry.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(entry.matchedBy()).isEqualTo(MatchMethod.BY_DSN_RECIPIENT);
    assertThat(entry.detail()).isEqualTo("hard 5.1.1 invalid address");
    assertThat(f.enrollment(id).addressIndex()).isEqualTo(1);
    assertThat(f.step(id, 1).engagement().bounce()).isNotNull();
  }

  @Test
  void anOutOfOffice_holdsTheCampaignUntilTheReturnDate() {
    EnrollmentId id = sentFirstStep();

    InboundEntry entry =
        f.nudge.receive(
            mail(
                "Ich bin bis zum 16. März nicht im Büro.",
                "Message-ID: <ooo-1@example.com>",
                "In-Reply-To: " + firstMessageId(),
                "From: " + ADA,
                "X-Test-Kind: auto-reply:2026-03-16"));

    assertThat(entry.kind()).isEqualTo(Kind.AUTO_REPLY);
    assertThat(entry.detail()).isEqualTo("back on 2026-03-16");
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.enrollment(id).holdUntil())
        .isAfter(LocalDate.of(2026, 3, 15).atStartOfDay(Fixture.NEW_YORK).toInstant());
  }

  @Test
  void anUnsubscribeByMail_completesTheEnrollment_andSuppressesTheAddress() {
    EnrollmentId id = sentFirstStep();

    InboundEntry entry =
        f.nudge.receive(mail("Please remove me.", "From: " + ADA, "X-Test-Kind: unsubscribe"));

    assertThat(entry.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
    assertThat(f.nudge.suppression(EmailAddress.of(ADA))).isPresent();
  }

  @Test
  void anUnsubscribeFromAStranger_stillSuppressesTheSender() {
    sentFirstStep();

    InboundEntry entry =
        f.nudge.receive(
            mail("unsubscribe", "From: stranger@other.example", "X-Test-Kind: unsubscribe"));

    assertThat(entry.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(entry.step()).isNull();
    assertThat(f.nudge.suppression(EmailAddress.of("stranger@other.example"))).isPresent();
  }

  @Test
  void deliveryReports_unrelatedAndUnreadableMail_areNotedOnly() {
    EnrollmentId id = sentFirstStep();

    InboundEntry delivered =
        f.nudge.receive(mail("", "From: postmaster@mx.example", "X-Test-Kind: delivered"));
    InboundEntry unrelated =
        f.nudge.receive(mail("News", "From: " + ADA, "X-Test-Kind: unrelated"));
    InboundEntry unreadable = f.nudge.receive(mail("", "X-Test-Kind: unreadable"));

    assertThat(delivered.outcome()).isEqualTo(Outcome.NOTED);
    assertThat(unrelated.outcome()).isEqualTo(Outcome.NOTED);
    assertThat(unrelated.step()).isNull();
    assertThat(unreadable.kind()).isEqualTo(Kind.UNREADABLE);
    assertThat(unreadable.detail()).isEqualTo("truncated");
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.nudge.inbound(10)).hasSize(3);
  }

  @Test
  void aReaderThatThrows_leavesAnUnreadableEntry_notAnException() {
    InboundEntry entry = f.nudge.receive(mail("", "X-Test-Kind: throws"));

    assertThat(entry.kind()).isEqualTo(Kind.UNREADABLE);
    assertThat(entry.detail()).contains("IllegalStateException");
  }

  @Test
  void receivingRawMail_withoutAReader_saysHowToConfigureOne() {
    try (Nudge bare =
        Nudge.builder()
            .store(new InMemoryStore())
            .mailTransport(new RecordingTransport())
            .build()) {
      assertThatThrownBy(() -> bare.receive(new byte[] {1}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("inboundReader");
    }
  }

  @Test
  void aRefusedInboxLogin_disconnectsTheMailbox_andItsStepsWait() {
    Campaign c = f.startedCampaign();

    MailboxHold hold = f.nudge.disconnectMailbox(Fixture.sender(), "IMAP login refused");
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    assertThat(hold.kind()).isEqualTo(MailboxHold.Kind.DISCONNECTED);
    assertThat(f.transport.sent()).isEmpty();
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.events.events())
        .filteredOn(e -> e instanceof MailboxEvent)
        .singleElement()
        .satisfies(
            e -> assertThat(((MailboxEvent) e).type()).isEqualTo(MailboxEvent.Type.DISCONNECTED));
  }
}
