package dev.nudge.storetest;

import static dev.nudge.testkit.StoreData.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.testkit.StoreData;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The activity log [S25]: entries appended by commits, listed per enrollment. */
abstract class ActivityLogContract extends ContractSupport {
  ActivityLogContract(StoreContractTest suite) {
    super(suite);
  }

  private static EnrollmentEvent entry(
      Enrollment e,
      Instant at,
      EnrollmentEvent.Type type,
      int step,
      @Nullable String from,
      @Nullable String to,
      String detail) {
    return new EnrollmentEvent(e.id(), e.campaignId(), at, type, step, from, to, detail);
  }

  private List<EnrollmentEvent> log(EnrollmentId id) {
    return store.activity().list(id);
  }

  @Test
  void entriesOfSeveralCommits_areListedInCommitOrder_perEnrollment() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ada = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());
    Enrollment grace = insert(StoreData.enrollment(c, candidate("Grace Hopper")).build());
    Instant t = StoreData.now();
    EnrollmentEvent ada1 = entry(ada, t, EnrollmentEvent.Type.ENROLLED, 0, null, null, "");
    EnrollmentEvent grace1 = entry(grace, t, EnrollmentEvent.Type.ENROLLED, 0, null, null, "");
    EnrollmentEvent ada2 =
        entry(
            ada,
            t.plusSeconds(1),
            EnrollmentEvent.Type.STATUS_CHANGED,
            0,
            "NOT_STARTED",
            "STARTED",
            "");
    EnrollmentEvent ada3 =
        entry(
            ada,
            t.plusSeconds(1),
            EnrollmentEvent.Type.STEP_STATUS_CHANGED,
            1,
            "PENDING",
            "SCHEDULED",
            "x");
    EnrollmentEvent ada4 =
        entry(
            ada,
            t.minusSeconds(5),
            EnrollmentEvent.Type.EMAIL_SENT,
            1,
            null,
            null,
            "<a@b.example> to ada");

    EnrollmentEvent grace2 =
        entry(
            grace,
            t.plusSeconds(1),
            EnrollmentEvent.Type.STATUS_CHANGED,
            0,
            "NOT_STARTED",
            "STARTED",
            "");

    commit(changes().activity(List.of(ada1, grace1)));
    // one commit's entries of two enrollments, interleaved
    commit(changes().activity(List.of(ada2, grace2, ada3)));
    commit(changes().activity(List.of(ada4)));

    assertThat(log(ada.id())).containsExactly(ada1, ada2, ada3, ada4);
    assertThat(log(grace.id())).containsExactly(grace1, grace2);
  }

  @Test
  void entries_readBackEqual() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ada = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());
    Instant t = StoreData.now();
    List<EnrollmentEvent> all =
        List.of(
            entry(
                ada,
                t,
                EnrollmentEvent.Type.BOUNCED,
                2,
                null,
                null,
                "5.1.1 user unknown (ada@example.com)"),
            entry(
                ada,
                t,
                EnrollmentEvent.Type.REPLIED,
                2,
                "SENT",
                "SENT",
                "Grüße — ✓ \"quoted\" 'single'"),
            entry(ada, t, EnrollmentEvent.Type.ERASED, 0, null, null, ""));

    commit(changes().activity(all));

    assertThat(log(ada.id())).isEqualTo(all);
  }

  @Test
  void enrollmentWithoutEntries_hasAnEmptyLog() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ada = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());

    assertThat(log(ada.id())).isEmpty();
    assertThat(log(EnrollmentId.random())).isEmpty();
  }
}
