package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEntry;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.TodoSink;
import dev.nudge.Tracking;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.inbound.ReadMail;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import dev.nudge.testkit.TestMails;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * [S12] The {@code List-Unsubscribe} mailto link: the engine signs a token naming the step into its
 * subject, so a request sent through it unsubscribes the address the step was sent to, also from a
 * mail account the engine does not know (the candidate's mailbox forwards to another one).
 */
class MailtoUnsubscribeTest {
  private static final EmailAddress UNSUBSCRIBE = EmailAddress.of("unsubscribe@acme.example");
  private static final EmailAddress FORWARDED_TO = EmailAddress.of("ada.private@gmail.example");

  private final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
  private final RecordingTransport transport = new RecordingTransport();
  private Nudge nudge;
  private EnrollmentId ada;

  @BeforeEach
  void sendStepOne() {
    nudge =
        Fixture.registered(
            Nudge.builder()
                .clock(clock)
                .store(new InMemoryStore())
                .mailTransport(transport)
                .todoSink(TodoSink.none())
                .inboundReader(TestMails.READER)
                .tracking(Tracking.none().withUnsubscribeMailbox(UNSUBSCRIBE))
                .build());
    Campaign c = nudge.createCampaign(Fixture.definition().build());
    nudge.startCampaign(c.id());
    ada =
        ((EnrollResult.Enrolled) nudge.enroll(c.id(), Fixture.candidate("Ada Lovelace").build()))
            .id();
    nudge.runDue();
  }

  @AfterEach
  void close() {
    nudge.close();
  }

  @Test
  void aRequestThroughTheMailto_fromAnAccountTheMailboxForwardsTo_unsubscribesTheCandidate() {
    // "mailto:unsubscribe@acme.example?subject=unsubscribe%20<token>", as a mail client reads it
    String mailto = transport.last().unsubscribeMailto().getSchemeSpecificPart();
    String subject = mailto.substring(mailto.indexOf("subject=") + "subject=".length());

    InboundEntry entry = nudge.receive(request(subject));
    runForTwoWeeks();

    assertThat(entry.outcome()).isEqualTo(InboundEntry.Outcome.RECORDED);
    assertThat(entry.matchedBy()).isEqualTo(MatchMethod.BY_UNSUBSCRIBE_TOKEN);
    assertThat(entry.step()).isEqualTo(Fixture.ref(ada, 1));
    assertThat(nudge.enrollment(ada).orElseThrow().reason())
        .isEqualTo(CompletionReason.UNSUBSCRIBED);
    assertThat(nudge.suppression(EmailAddress.of("ada.lovelace@example.com"))).isPresent();
    assertThat(transport.sent()).hasSize(1);
  }

  @Test
  void aRequestWhoseTokenWasAltered_unsubscribesOnlyItsSender() {
    String mailto = transport.last().unsubscribeMailto().getSchemeSpecificPart();
    String token = mailto.substring(mailto.lastIndexOf(' ') + 1);
    String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

    InboundEntry entry = nudge.receive(request("unsubscribe " + altered));
    runForTwoWeeks();

    assertThat(entry.matchedBy()).isNotEqualTo(MatchMethod.BY_UNSUBSCRIBE_TOKEN);
    assertThat(nudge.enrollment(ada).orElseThrow().reason()).isEqualTo(CompletionReason.FINISHED);
    assertThat(nudge.suppression(FORWARDED_TO)).isPresent();
    assertThat(nudge.suppression(EmailAddress.of("ada.lovelace@example.com"))).isEmpty();
  }

  /** What a reader (the mail adapter's) makes of a mail to the unsubscribe mailbox. */
  private ReadMail request(String subject) {
    return new ReadMail(
        InboundMessage.builder(clock.instant())
            .messageId("<unsub-1@gmail.example>")
            .from(FORWARDED_TO)
            .subject(subject)
            .header("to", UNSUBSCRIBE.value())
            .text("")
            .build(),
        new Classification.UnsubscribeRequest());
  }

  private void runForTwoWeeks() {
    for (int i = 0; i < 28; i++) {
      clock.advance(Duration.ofHours(12));
      nudge.runDue();
    }
  }
}
