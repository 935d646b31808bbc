package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.Nudge;
import dev.nudge.NudgeEvent;
import dev.nudge.StepRef;
import dev.nudge.StepStatus;
import dev.nudge.TaskKind;
import dev.nudge.TodoItem;
import dev.nudge.TodoSink;
import dev.nudge.Wait;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.testkit.CollectingListener;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every transition is logged per enrollment and published to listeners [S25]. */
class EventsTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void activityLog_recordsEveryStatusChange_inOrder() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));

    List<String> changes =
        f.nudge.activity(id).stream()
            .filter(
                e ->
                    e.type() == EnrollmentEvent.Type.STATUS_CHANGED
                        || e.type() == EnrollmentEvent.Type.STEP_STATUS_CHANGED)
            .map(
                e ->
                    (e.step() == 0 ? "enrollment" : "step " + e.step())
                        + " "
                        + e.from()
                        + "->"
                        + e.to())
            .toList();

    assertThat(changes)
        .containsExactly(
            "enrollment NOT_STARTED->STARTED",
            "step 1 PENDING->SCHEDULED",
            "step 1 SCHEDULED->IN_FLIGHT",
            "step 1 IN_FLIGHT->SENT",
            "step 2 PENDING->SCHEDULED",
            "step 2 SCHEDULED->IN_FLIGHT",
            "step 2 IN_FLIGHT->SENT",
            "step 3 PENDING->SCHEDULED",
            "step 3 SCHEDULED->IN_FLIGHT",
            "step 3 IN_FLIGHT->SENT",
            "enrollment STARTED->COMPLETED");
  }

  @Test
  void listenersHearWhatTheLogRecords() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));

    List<NudgeEvent> published =
        f.events.events().stream()
            .filter(e -> e instanceof EnrollmentEvent ee && ee.enrollmentId().equals(id))
            .toList();
    assertThat(published).containsExactlyElementsOf(f.nudge.activity(id));
  }

  @Test
  void failingListenerOrSink_doesNotUndoOrBlockTheChange() {
    CollectingListener after = new CollectingListener();
    RecordingTransport transport = new RecordingTransport();
    try (Nudge n =
        Fixture.registered(
            Nudge.builder()
                .clock(f.clock)
                .store(new InMemoryStore())
                .mailTransport(transport)
                .todoSink(
                    new TodoSink() {
                      @Override
                      public void add(TodoItem item) {
                        throw new IllegalStateException("to-do service down");
                      }

                      @Override
                      public void remove(StepRef step, TodoItem.Removal why) {
                        throw new IllegalStateException("to-do service down");
                      }
                    })
                .listener(
                    e -> {
                      throw new IllegalStateException("webhook down");
                    })
                .listener(after)
                .build())) {
      Campaign c =
          n.createCampaign(Fixture.definition().task(Wait.none(), TaskKind.CALL, "Call").build());
      n.startCampaign(c.id());
      n.enroll(c.id(), Fixture.candidate("Ada Lovelace").build());
      for (int i = 0; i < 14 * 48; i++) {
        f.clock.advance(Duration.ofMinutes(30));
        n.runDue();
      }

      assertThat(transport.sent()).hasSize(3);
      assertThat(n.openTasks("alice")).hasSize(1);
      assertThat(after.events()).isNotEmpty();
      var row =
          n.candidates(c.id(), dev.nudge.CandidatesQuery.of(dev.nudge.CandidateView.ACTIVE))
              .items()
              .get(0);
      assertThat(row.status()).isEqualTo(EnrollmentStatus.MANUAL_TASK);
      assertThat(row.steps().get(3).status()).isEqualTo(StepStatus.MANUAL_TASK);
    }
  }
}
