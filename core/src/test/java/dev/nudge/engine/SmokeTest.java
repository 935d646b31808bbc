package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EnrollmentId;
import dev.nudge.campaign.Campaign;
import dev.nudge.campaign.EnrollmentStatus;
import dev.nudge.campaign.StepStatus;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void threeStepCampaign_runsToTheEnd() {
    try (Fixture f = new Fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      f.run();
      assertThat(f.transport.sent()).hasSize(1);
      f.runFor(Duration.ofDays(10));
      assertThat(f.transport.sent()).hasSize(3);
      assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.COMPLETED);
      assertThat(f.enrollment(id).steps()).allMatch(s -> s.status() == StepStatus.SENT);
      System.out.println(f.transport.sent());
      System.out.println(f.nudge.activity(id));
    }
  }
}
