package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignOptions;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.StepStatus;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Auto-replies and out-of-office messages [S11]. */
class AutoReplyTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void autoReply_isNotAReply_theCampaignContinues() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    f.nudge.record(Fixture.ref(id, 1), new InboundEvent.AutoReply(null, "I am away."));
    f.runFor(Duration.ofDays(14));

    assertThat(f.transport.sent()).hasSize(3);
    assertThat(f.step(id, 1).engagement().autoReply().text()).isEqualTo("I am away.");
    assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void returnDate_holdsTheNextStepUntilAfterIt() {
    // given step 2 planned for Wednesday 4 March and an out-of-office until Friday 13 March
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    f.nudge.record(
        Fixture.ref(id, 1),
        new InboundEvent.AutoReply(LocalDate.of(2026, 3, 13), "Back on the 13th"));

    // then step 2 waits for the first window after the 13th: Monday 16 March 09:00 EDT
    assertThat(f.step(id, 2).scheduledAt()).isEqualTo(Instant.parse("2026-03-16T13:00:00Z"));
    f.runFor(Duration.ofDays(7));
    assertThat(f.transport.sent()).hasSize(1);
  }

  @Test
  void hold_appliesToAStepScheduledLater() {
    // the auto-reply (say, to another campaign's mail) is recorded while step 1 is pending
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.nudge.pauseCampaign(c.id());
    f.nudge.record(
        Fixture.ref(id, 1), new InboundEvent.AutoReply(LocalDate.of(2026, 3, 10), "Away"));

    f.nudge.resumeCampaign(c.id());

    assertThat(f.step(id, 1).scheduledAt()).isEqualTo(Instant.parse("2026-03-11T13:00:00Z"));
  }

  @Test
  void hold_isCappedAtTheCampaignsMaximum() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();

    f.nudge.record(
        Fixture.ref(id, 1), new InboundEvent.AutoReply(LocalDate.of(2027, 1, 1), "Sabbatical"));

    // 30 days (of 24 hours) after Monday 2 March 14:00Z is Wednesday 1 April 10:00 EDT
    assertThat(f.step(id, 2).scheduledAt()).isEqualTo(Instant.parse("2026-04-01T14:00:00Z"));
  }

  @Test
  void hold_canBeSwitchedOff() {
    Campaign c =
        f.startedCampaign(
            d -> d.options(CampaignOptions.defaults().withAutoReplyHold(false, Duration.ZERO)));
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    Instant planned = f.step(id, 2).scheduledAt();

    f.nudge.record(
        Fixture.ref(id, 1), new InboundEvent.AutoReply(LocalDate.of(2026, 3, 13), "Away"));

    assertThat(f.step(id, 2).scheduledAt()).isEqualTo(planned);
    assertThat(f.step(id, 2).status()).isEqualTo(StepStatus.SCHEDULED);
  }

  @Test
  void returnDateInThePast_changesNothing() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    Instant planned = f.step(id, 2).scheduledAt();

    f.nudge.record(
        Fixture.ref(id, 1), new InboundEvent.AutoReply(LocalDate.of(2026, 2, 1), "Was away"));

    assertThat(f.step(id, 2).scheduledAt()).isEqualTo(planned);
    assertThat(f.enrollment(id).holdUntil()).isNull();
  }
}
