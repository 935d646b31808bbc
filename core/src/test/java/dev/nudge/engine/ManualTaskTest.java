package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.IllegalTransitionException;
import dev.nudge.InvalidInputException;
import dev.nudge.StepStatus;
import dev.nudge.TaskAction;
import dev.nudge.TaskKind;
import dev.nudge.TodoItem;
import dev.nudge.Wait;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Manual tasks and the to-do list [S8, S23]. */
class ManualTaskTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private Campaign callThenEmail() {
    return f.startedCampaign(
        d ->
            dev.nudge.CampaignDefinition.builder("Calls", Fixture.sender())
                .owner("alice")
                .zone(Fixture.NEW_YORK)
                .email(Wait.none(), "Hello {{firstName}}", "Hi")
                .task(
                    Wait.businessDays(1),
                    TaskKind.CALL,
                    "Call {{firstName}} at {{phone|the office}}")
                .replyInThread(Wait.days(2), "Tried to call you"));
  }

  @Test
  void dueManualTask_goesToTheTodoList_andTheCandidateShowsManualTask() {
    Campaign c = callThenEmail();
    EnrollmentId id = f.enroll(c.id(), Fixture.candidate("Ada Lovelace").title("CTO").build());

    f.runFor(Duration.ofDays(1).plusHours(1));

    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.MANUAL_TASK);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.MANUAL_TASK);
    TodoItem item = f.todos.open().get(0);
    assertThat(item.step()).isEqualTo(Fixture.ref(id, 2));
    assertThat(item.owner()).isEqualTo("alice");
    assertThat(item.kind()).isEqualTo(TaskKind.CALL);
    assertThat(item.instructions()).isEqualTo("Call Ada at the office");
    assertThat(item.candidateName()).isEqualTo("Ada Lovelace");
    assertThat(item.candidateTitle()).isEqualTo("CTO");
    assertThat(item.campaignName()).isEqualTo("Calls");
    assertThat(f.nudge.openTasks("alice")).containsExactly(item);
    assertThat(f.nudge.openTasks("bob")).isEmpty();
  }

  @Test
  void manualTask_staysOnTheListUntilDone_nothingElseHappens() {
    Campaign c = callThenEmail();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    f.runFor(Duration.ofDays(14));

    assertThat(f.transport.sent()).hasSize(1);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.PENDING);
  }

  @Test
  void completingTheTask_marksItSent_andSchedulesTheNextStep() {
    Campaign c = callThenEmail();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(2));

    f.nudge.completeTask(Fixture.ref(id, 2));

    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 2).doneAt()).isEqualTo(f.clock.instant());
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(f.todos.open()).isEmpty();
    assertThat(f.todos.removals()).containsExactly(id + "#2 COMPLETED");
    f.runFor(Duration.ofDays(7));
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.FINISHED);
  }

  @Test
  void taskCompletedWhileTheCampaignIsPaused_countsTheNextWaitFromTheCompletion() {
    Campaign c = callThenEmail();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(2));
    f.nudge.pauseCampaign(c.id());

    f.nudge.completeTask(Fixture.ref(id, 2));
    java.time.Instant done = f.clock.instant();
    f.advance(Duration.ofDays(1));
    f.nudge.resumeCampaign(c.id());

    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.step(id, 3).scheduledAt())
        .as("two days after the call, not two days after the resume")
        .isEqualTo(done.plus(Duration.ofDays(2)));
  }

  @Test
  void skippingTheTask_stopsIt_andTheCampaignGoesOn() {
    Campaign c = callThenEmail();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(2));

    f.nudge.skipTask(Fixture.ref(id, 2));

    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.STOPPED);
    assertThat(f.step(id, 3).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(f.todos.removals()).containsExactly(id + "#2 SKIPPED");
  }

  @Test
  void completingATaskThatIsNotOpen_isRefused() {
    Campaign c = callThenEmail();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    assertThatThrownBy(() -> f.nudge.completeTask(Fixture.ref(id, 2)))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining(
            "enrollment " + id + " step 2 (not an open task) from PENDING to SENT");
    assertThatThrownBy(() -> f.nudge.skipTask(Fixture.ref(id, 1)))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("step 1 (not an open task) from SCHEDULED to STOPPED");
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThatThrownBy(() -> f.nudge.completeTask(Fixture.ref(id, 9)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("step");
  }

  @Test
  void taskWithAnAssignee_goesToTheAssignee() {
    Campaign c =
        f.startedCampaign(
            d -> d.step(Wait.none(), new TaskAction(TaskKind.LINKEDIN_MESSAGE, "Connect", "bob")));
    f.enroll(c.id(), "Ada Lovelace");

    f.runFor(Duration.ofDays(14));

    assertThat(f.nudge.openTasks("bob")).hasSize(1);
    assertThat(f.nudge.openTasks("alice")).isEmpty();
  }

  @Test
  void taskOfSomeoneWhoOptedOut_isNotOpened() {
    Campaign c = callThenEmail();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    // the whole domain is suppressed later (say, by a complaint from a colleague)
    f.nudge.unsubscribe(dev.nudge.EmailAddress.of("colleague@example.com"), true);

    f.runFor(Duration.ofDays(3));

    assertThat(f.todos.open()).isEmpty();
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.SUPPRESSED);
  }
}
