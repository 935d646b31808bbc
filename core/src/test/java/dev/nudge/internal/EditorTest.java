package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.IllegalTransitionException;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Status changes of the enrollment: COMPLETED is left again only when it finished [S8, S10]. */
class EditorTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private Editor editorOf(Campaign c, EnrollmentId id) {
    return new Editor(f.nudge.campaign(c.id()).orElseThrow(), f.enrollment(id), f.clock.instant());
  }

  @Test
  void finishedEnrollment_canStartAgainOrBounce() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.runFor(Duration.ofDays(14));
    assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.FINISHED);

    Editor started = editorOf(c, id);
    started.status(EnrollmentStatus.STARTED, null);
    Editor bounced = editorOf(c, id);
    bounced.status(EnrollmentStatus.BOUNCED, null);

    assertThat(started.status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(started.reason()).isNull();
    assertThat(bounced.status()).isEqualTo(EnrollmentStatus.BOUNCED);
  }

  @Test
  void repliedEnrollment_neverStartsAgainNorBounces() {
    Campaign c = f.startedCampaign();
    EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
    f.run();
    f.nudge.record(Fixture.ref(id, 1), new InboundEvent.Reply("No.", MatchMethod.IN_THREAD));
    Editor ed = editorOf(c, id);

    for (EnrollmentStatus to :
        new EnrollmentStatus[] {EnrollmentStatus.STARTED, EnrollmentStatus.BOUNCED}) {
      assertThatThrownBy(() -> ed.status(to, null))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessage(
              "illegal transition of enrollment "
                  + id
                  + " (completed as REPLIED) from COMPLETED to "
                  + to);
    }
    assertThat(ed.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(ed.changed()).isFalse();
  }
}
