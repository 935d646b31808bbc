package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.HolidayCalendar;
import dev.nudge.SendAttempt;
import dev.nudge.StepStatus;
import dev.nudge.Wait;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the engine cannot go on with a candidate, it says so and stops, never half-way. */
class FailSafeTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void nextStepThatCanNeverBeScheduled_recordsTheSendAndPausesTheCandidate() {
    // given a holiday calendar that, after the first send, blocks every day for three years
    List<LocalDate> blocked = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 3, 3);
        d.isBefore(LocalDate.of(2029, 4, 1));
        d = d.plusDays(1)) {
      blocked.add(d);
    }
    Campaign c =
        f.startedCampaign(
            unused ->
                CampaignDefinition.builder("Blocked", Fixture.sender())
                    .zone(Fixture.NEW_YORK)
                    .holidays(HolidayCalendar.none().withHolidays(blocked))
                    .email(Wait.none(), "Hi", "Hi")
                    .email(Wait.days(1), "Again", "Again"));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");

    // when step 1 goes out and step 2 can be placed nowhere
    f.run();
    f.runFor(Duration.ofDays(2));

    // then the send is recorded (not left in flight to be resent) and a person has to look
    assertThat(f.transport.sent()).hasSize(1);
    assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(id, 1).attempts())
        .extracting(SendAttempt::outcome)
        .containsExactly(SendAttempt.Outcome.ACCEPTED);
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.PAUSED);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.PENDING);
  }
}
