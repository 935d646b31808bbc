package dev.nudge.engine;

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
import dev.nudge.spi.store.StepState;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.InterceptingStore;
import dev.nudge.testkit.RecordingTransport;
import dev.nudge.testkit.TestMails;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
    RecordingTransport senderTransport = new RecordingTransport();
    try (Nudge sender = node("sender", senderTransport);
        Nudge inbox = node("inbox", new RecordingTransport())) {
      Campaign c = sender.createCampaign(Fixture.definition().build());
      sender.startCampaign(c.id());
      EnrollmentId id =
          ((EnrollResult.Enrolled) sender.enroll(c.id(), Fixture.candidate("Ada Lovelace").build()))
              .id();
      sender.runDue();
      assertThat(senderTransport.sent()).hasSize(1);
      String first = senderTransport.last().messageId();

      // step 2 comes due; the candidate's reply to step 1 is received by the other node right
      // after the sender recorded step 2 in flight, before it hands the email over
      AtomicReference<InboundEntry> received = new AtomicReference<>();
      store.afterCommit(
          ch ->
              ch.updatedEnrollments().stream()
                  .anyMatch(u -> u.next().step(2).state() == StepState.IN_FLIGHT),
          ch ->
              received.set(
                  inbox.receive(
                      mail(
                          "Yes, let's talk.",
                          "Message-ID: <reply-1@example.com>",
                          "In-Reply-To: " + first,
                          "From: ada.lovelace@example.com"))));
      clock.advance(Duration.ofDays(3));
      sender.runDue();

      assertThat(received.get().outcome()).isEqualTo(InboundEntry.Outcome.RECORDED);
      assertThat(store.enrollments().find(id).orElseThrow().reason())
          .isEqualTo(CompletionReason.REPLIED);
      assertThat(senderTransport.sent())
          .as("no email leaves after the reply was recorded")
          .hasSize(1);
    }
  }

  @Test
  void aReplyRecordedByAnotherNode_beforeTheNextStepIsRecordedInFlight_stopsItsSend() {
    RecordingTransport senderTransport = new RecordingTransport();
    try (Nudge sender = node("sender", senderTransport);
        Nudge inbox = node("inbox", new RecordingTransport())) {
      Campaign c = sender.createCampaign(Fixture.definition().build());
      sender.startCampaign(c.id());
      EnrollmentId id =
          ((EnrollResult.Enrolled) sender.enroll(c.id(), Fixture.candidate("Ada Lovelace").build()))
              .id();
      sender.runDue();
      String first = senderTransport.last().messageId();
      store.beforeCommit(
          ch ->
              ch.updatedEnrollments().stream()
                  .anyMatch(u -> u.next().step(2).state() == StepState.IN_FLIGHT),
          ch ->
              inbox.receive(
                  mail(
                      "Yes.",
                      "Message-ID: <reply-2@example.com>",
                      "In-Reply-To: " + first,
                      "From: ada.lovelace@example.com")));
      clock.advance(Duration.ofDays(3));
      sender.runDue();
      assertThat(store.enrollments().find(id).orElseThrow().reason())
          .isEqualTo(CompletionReason.REPLIED);
      assertThat(senderTransport.sent()).hasSize(1);
    }
  }

  @Test
  void repliesRecordedByAnotherNode_afterABatchWasRecordedInFlight_stopItsSends() {
    RecordingTransport senderTransport = new RecordingTransport();
    try (Nudge sender = node("sender", senderTransport);
        Nudge inbox = node("inbox", new RecordingTransport())) {
      Campaign c = sender.createCampaign(Fixture.definition().build());
      sender.startCampaign(c.id());
      List<EnrollmentId> ids =
          List.of(
              ((EnrollResult.Enrolled)
                      sender.enroll(c.id(), Fixture.candidate("Ada Lovelace").build()))
                  .id(),
              ((EnrollResult.Enrolled)
                      sender.enroll(c.id(), Fixture.candidate("Grace Hopper").build()))
                  .id());
      sender.runDue();
      assertThat(senderTransport.sent()).hasSize(2);
      List<String> firsts = senderTransport.sent().stream().map(m -> m.messageId()).toList();
      List<String> froms = senderTransport.sent().stream().map(m -> m.to().value()).toList();
      store.afterCommit(
          ch ->
              ch.updatedEnrollments().stream()
                  .anyMatch(u -> u.next().step(2).state() == StepState.IN_FLIGHT),
          ch -> {
            for (int i = 0; i < 2; i++) {
              inbox.receive(
                  mail(
                      "Yes.",
                      "Message-ID: <reply-b" + i + "@example.com>",
                      "In-Reply-To: " + firsts.get(i),
                      "From: " + froms.get(i)));
            }
          });
      clock.advance(Duration.ofDays(3));
      sender.runDue();
      assertThat(senderTransport.sent()).as("no step 2 after the replies").hasSize(2);
      assertThat(store.enrollments().find(ids.get(0)).orElseThrow().reason())
          .isEqualTo(CompletionReason.REPLIED);
      assertThat(store.enrollments().find(ids.get(1)).orElseThrow().reason())
          .isEqualTo(CompletionReason.REPLIED);
    }
  }
}
