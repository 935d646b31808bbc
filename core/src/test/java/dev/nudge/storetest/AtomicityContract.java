package dev.nudge.storetest;

import static dev.nudge.spi.store.ConflictException.Kind.DUPLICATE;
import static dev.nudge.spi.store.ConflictException.Kind.LEASE_LOST;
import static dev.nudge.spi.store.ConflictException.Kind.VERSION;
import static dev.nudge.testkit.StoreData.candidate;
import static dev.nudge.testkit.StoreData.messageId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.Suppression;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit writes everything or nothing: when one part is refused, no campaign, enrollment,
 * activity entry, suppression or claim release of it is written.
 */
abstract class AtomicityContract extends ContractSupport {
  private static final EmailAddress SUPPRESSED = EmailAddress.of("someone@elsewhere.example");

  private Campaign campaign;
  private Enrollment due;
  private Enrollment idle;
  private Instant t;

  AtomicityContract(StoreContractTest suite) {
    super(suite);
  }

  @BeforeEach
  final void storeCampaignAndEnrollments() {
    t = StoreData.now();
    campaign = storedCampaign("Backend engineers");
    due = insert(StoreData.scheduled(campaign, candidate("Ada Lovelace"), t.minusSeconds(3600)));
    idle = insert(StoreData.enrollment(campaign, candidate("Grace Hopper")).build());
  }

  /** A commit touching every part: campaign, both enrollments, a new one, activity, suppression. */
  private Changes.Builder everything(
      Claim claim, Campaign campaignNext, Enrollment idleNext, Enrollment inserted) {
    Enrollment dueNext =
        StoreData.next(due).inFlight(1, t, messageId("ada-1")).lastActivity(t).build();
    return changes()
        .update(campaignNext)
        .insert(inserted)
        .update(dueNext, claim)
        .update(idleNext)
        .activity(
            List.of(
                new EnrollmentEvent(
                    due.id(),
                    campaign.id(),
                    t,
                    EnrollmentEvent.Type.STEP_STATUS_CHANGED,
                    1,
                    "SCHEDULED",
                    "IN_FLIGHT",
                    "")))
        .suppress(Suppression.ofAddress(SUPPRESSED, t, "unsubscribed"))
        .release(claim);
  }

  private Changes.Builder everything(Claim claim, Enrollment idleNext, Enrollment inserted) {
    return everything(
        claim, StoreData.renamed(campaign, "Backend engineers (EU)"), idleNext, inserted);
  }

  private Enrollment newcomer() {
    return StoreData.enrollment(campaign, candidate("Mia Mu")).build();
  }

  private Enrollment idleNext() {
    return StoreData.next(idle).completed(CompletionReason.FINISHED).build();
  }

  private Claim claimDue(Duration lease) {
    List<Claim> claims = claim("node-1", lease, 10);
    assertThat(claims).extracting(Claim::enrollmentId).containsExactly(due.id());
    return claims.get(0);
  }

  private void assertNothingWritten(Enrollment notInserted) {
    assertThat(campaign(campaign)).isEqualTo(campaign);
    assertThat(enrollment(due)).isEqualTo(due);
    assertThat(enrollment(idle)).isEqualTo(idle);
    assertThat(store.enrollments().find(notInserted.id())).isEmpty();
    assertThat(store.activity().list(due.id())).isEmpty();
    assertThat(store.suppressions().find(SUPPRESSED)).isEmpty();
    assertThat(store.suppressions().findAll()).isEmpty();
  }

  @Test
  void commitWithEveryPartAccepted_writesEverything() {
    Claim claim = claimDue(Duration.ofMinutes(10));
    Enrollment inserted = newcomer();
    Enrollment idleNext = idleNext();

    commit(everything(claim, idleNext, inserted));

    assertThat(campaign(campaign).version()).isEqualTo(2);
    assertThat(enrollment(due).version()).isEqualTo(2);
    assertThat(enrollment(idle)).isEqualTo(idleNext);
    assertThat(enrollment(inserted)).isEqualTo(inserted);
    assertThat(store.activity().list(due.id())).hasSize(1);
    assertThat(store.suppressions().find(SUPPRESSED)).isPresent();
    assertThat(claim("node-2", Duration.ofMinutes(10), 10))
        .extracting(Claim::enrollmentId)
        .containsExactly(due.id());
  }

  @Test
  void commitWithStaleEnrollmentVersion_writesNothing() {
    Claim claim = claimDue(Duration.ofMinutes(10));
    Enrollment inserted = newcomer();
    Enrollment stale = StoreData.edit(idleNext()).version(idle.version()).build();

    assertConflict(VERSION, () -> commit(everything(claim, stale, inserted)));

    assertNothingWritten(inserted);
    assertThat(claim("node-2", Duration.ofMinutes(10), 10)).isEmpty();
  }

  @Test
  void commitWithStaleCampaignVersion_writesNothing() {
    Claim claim = claimDue(Duration.ofMinutes(10));
    Enrollment inserted = newcomer();
    Campaign skipsAhead = StoreData.renamed(StoreData.renamed(campaign, "v2"), "v3");

    assertConflict(VERSION, () -> commit(everything(claim, skipsAhead, idleNext(), inserted)));

    assertNothingWritten(inserted);
    assertThat(claim("node-2", Duration.ofMinutes(10), 10)).isEmpty();
  }

  @Test
  void commitWithDuplicateEnrollment_writesNothing() {
    Claim claim = claimDue(Duration.ofMinutes(10));
    Enrollment duplicate = StoreData.enrollment(campaign, candidate("Grace Hopper")).build();

    assertConflict(DUPLICATE, () -> commit(everything(claim, idleNext(), duplicate)));

    assertNothingWritten(duplicate);
    assertThat(claim("node-2", Duration.ofMinutes(10), 10)).isEmpty();
  }

  @Test
  void commitWithLostLease_writesNothing() throws InterruptedException {
    Claim lost = claimDue(Duration.ofMillis(200));
    Thread.sleep(400);
    List<Claim> retaken = claim("node-2", Duration.ofMinutes(10), 10);
    assertThat(retaken).extracting(Claim::enrollmentId).containsExactly(due.id());
    Enrollment inserted = newcomer();

    assertConflict(LEASE_LOST, () -> commit(everything(lost, idleNext(), inserted)));

    assertNothingWritten(inserted);
    assertThat(claim("node-3", Duration.ofMinutes(10), 10)).isEmpty();
    commit(changes().update(StoreData.next(due).build(), retaken.get(0)));
  }
}
