package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CandidateId;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.testkit.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Erasing a candidate removes personal data and keeps anonymous counts [S27]. */
class ErasureTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void erasure_removesPersonalDataInEveryCampaign_andKeepsTheCounts() {
    Campaign a = f.startedCampaign();
    Campaign b = f.startedCampaign();
    EnrollmentId inA =
        f.enroll(
            a.id(),
            Fixture.candidate("Ada Lovelace")
                .title("Analyst")
                .company("Engines")
                .alternate("ada@home.example")
                .field("notes", "met at a conference")
                .build());
    EnrollmentId inB = f.enroll(b.id(), "Ada Lovelace");
    f.run();
    f.nudge.record(
        Fixture.ref(inA, 1), new InboundEvent.Reply("Call me on 555-0100", MatchMethod.IN_THREAD));

    int erased = f.nudge.eraseCandidate(CandidateId.of("c-ada.lovelace"));

    assertThat(erased).isEqualTo(2);
    for (EnrollmentId id : new EnrollmentId[] {inA, inB}) {
      Enrollment e = f.enrollment(id);
      assertThat(e.candidate().name()).isEqualTo("erased");
      assertThat(e.candidate().title()).isNull();
      assertThat(e.candidate().company()).isNull();
      assertThat(e.candidate().alternates()).isEmpty();
      assertThat(e.candidate().fields()).isEmpty();
      assertThat(e.candidate().email().value()).doesNotContain("ada");
      assertThat(e.step(1).attempts()).allMatch(x -> !x.to().value().contains("ada"));
    }
    assertThat(f.enrollment(inA).step(1).engagement().reply().text()).isEmpty();
    assertThat(f.enrollment(inA).status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(f.enrollment(inB).status()).isEqualTo(EnrollmentStatus.REMOVED);
    assertThat(f.nudge.stepTotals(a.id()).get(0).sent()).isEqualTo(1);
    assertThat(f.nudge.stepTotals(a.id()).get(0).replied()).isEqualTo(1);
    assertThat(f.store.enrollments().findByAddress(EmailAddress.of("ada.lovelace@example.com")))
        .isEmpty();
    assertThat(f.nudge.activity(inA).toString()).doesNotContain("ada.lovelace", "555-0100");
  }
}
