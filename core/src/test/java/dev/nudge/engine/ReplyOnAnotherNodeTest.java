package dev.nudge.engine;

import static dev.nudge.InboundEntry.Outcome.RECORDED;
import static dev.nudge.testkit.TestMails.mail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEntry;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.TodoSink;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.StepState;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.InterceptingStore;
import dev.nudge.testkit.RecordingTransport;
import dev.nudge.testkit.TestMails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * [S9, S24] Two nodes share one store: "sender" runs the due steps, "inbox" receives mail. No email
 * leaves after a reply was recorded, whichever node recorded it and whenever it did so: before the
 * sender recorded the next step in flight, or between that record and the hand-over to the
 * transport.
 */
class ReplyOnAnotherNodeTest {
  private final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
  private final InterceptingStore store = new InterceptingStore();
  private final RecordingTransport senderTransport = new RecordingTransport();
  private final List<InboundEntry> received = new ArrayList<>();

  private Nudge node(String name, RecordingTransport transport) {
    return Fixture.registered(
        Nudge.builder()
            .clock(clock)
            .store(store)
            .mailTransport(transport)
            .todoSink(TodoSink.none())
            .nodeId(name)
            .inboundReader(TestMails.READER)
            .build());
  }

  @Test
  void aReplyRecordedByAnotherNode_afterTheNextStepWasRecordedInFlight_stopsItsSend() {
    try (Nudge sender = node("sender", senderTransport);
        Nudge inbox = node("inbox", new RecordingTransport())) {
      List<EnrollmentId> ids = enrollAndSendStepOne(sender, "Ada Lovelace");
      // step 2 comes due; the candidate's reply to step 1 is received by the other node right
      // after the sender recorded step 2 in flight, before it hands the email over
      store.afterCommit(
          ReplyOnAnotherNodeTest::recordsStepTwoInFlight, changes -> replyToStepOne(inbox));

      clock.advance(Duration.ofDays(3));
      sender.runDue();

      assertThat(received).extracting(InboundEntry::outcome).containsOnly(RECORDED);
      assertReplied(ids);
      assertThat(senderTransport.sent()).as("no email after the reply was recorded").hasSize(1);
    }
  }

  @Test
  void aReplyRecordedByAnotherNode_beforeTheNextStepIsRecordedInFlight_stopsItsSend() {
    try (Nudge sender = node("sender", senderTransport);
        Nudge inbox = node("inbox", new RecordingTransport())) {
      List<EnrollmentId> ids = enrollAndSendStepOne(sender, "Ada Lovelace");
      store.beforeCommit(
          ReplyOnAnotherNodeTest::recordsStepTwoInFlight, changes -> replyToStepOne(inbox));

      clock.advance(Duration.ofDays(3));
      sender.runDue();

      assertReplied(ids);
      assertThat(senderTransport.sent()).hasSize(1);
    }
  }

  @Test
  void repliesRecordedByAnotherNode_afterABatchWasRecordedInFlight_stopItsSends() {
    try (Nudge sender = node("sender", senderTransport);
        Nudge inbox = node("inbox", new RecordingTransport())) {
      List<EnrollmentId> ids = enrollAndSendStepOne(sender, "Ada Lovelace", "Grace Hopper");
      store.afterCommit(
          ReplyOnAnotherNodeTest::recordsStepTwoInFlight, changes -> replyToStepOne(inbox));

      clock.advance(Duration.ofDays(3));
      sender.runDue();

      assertThat(received).hasSize(2);
      assertReplied(ids);
      assertThat(senderTransport.sent()).as("no step 2 after the replies").hasSize(2);
    }
  }

  /** Starts a campaign, enrolls the candidates and sends their step 1. */
  private List<EnrollmentId> enrollAndSendStepOne(Nudge sender, String... names) {
    Campaign c = sender.createCampaign(Fixture.definition().build());
    sender.startCampaign(c.id());
    List<EnrollmentId> ids = new ArrayList<>();
    for (String name : names) {
      ids.add(
          ((EnrollResult.Enrolled) sender.enroll(c.id(), Fixture.candidate(name).build())).id());
    }
    sender.runDue();
    assertThat(senderTransport.sent()).hasSize(names.length);
    return ids;
  }

  /** Each candidate answers her step 1 in its thread, through the inbox node. */
  private void replyToStepOne(Nudge inbox) {
    for (OutboundEmail first : List.copyOf(senderTransport.sent())) {
      received.add(
          inbox.receive(
              mail(
                  "Yes, let's talk.",
                  "Message-ID: <reply-" + first.to().localPart() + "@example.com>",
                  "In-Reply-To: " + first.messageId(),
                  "From: " + first.to().value())));
    }
  }

  private static boolean recordsStepTwoInFlight(Changes changes) {
    return changes.updatedEnrollments().stream()
        .anyMatch(u -> u.next().step(2).state() == StepState.IN_FLIGHT);
  }

  private void assertReplied(List<EnrollmentId> ids) {
    for (EnrollmentId id : ids) {
      assertThat(store.enrollments().find(id).orElseThrow().reason())
          .isEqualTo(CompletionReason.REPLIED);
    }
  }
}
