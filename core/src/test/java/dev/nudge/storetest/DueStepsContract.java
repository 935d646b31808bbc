package dev.nudge.storetest;

import static dev.nudge.spi.store.ConflictException.Kind.LEASE_LOST;
import static dev.nudge.testkit.StoreData.candidate;
import static dev.nudge.testkit.StoreData.messageId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claiming due work with leases and fencing tokens [S24]. Times are real: a store may compare them
 * with a database clock.
 */
abstract class DueStepsContract extends ContractSupport {
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final Duration SHORT = Duration.ofMillis(200);
  private static final long PAST_SHORT_LEASE_MILLIS = 400;

  private Campaign campaign;
  private Instant t;

  DueStepsContract(StoreContractTest suite) {
    super(suite);
  }

  @BeforeEach
  final void storeCampaign() {
    campaign = storedCampaign("Backend engineers");
    t = StoreData.now();
  }

  /** Stores an enrollment whose step 1 is due {@code seconds} from now (negative: in the past). */
  private Enrollment dueIn(String name, long seconds) {
    return insert(StoreData.scheduled(campaign, candidate(name), t.plusSeconds(seconds)));
  }

  private static List<EnrollmentId> ids(List<Claim> claims) {
    return claims.stream().map(Claim::enrollmentId).toList();
  }

  private Claim claimOne(String owner, Duration lease) {
    List<Claim> claims = claim(owner, lease, 10);
    assertThat(claims).hasSize(1);
    return claims.get(0);
  }

  private static void sleepPastShortLease() throws InterruptedException {
    Thread.sleep(PAST_SHORT_LEASE_MILLIS);
  }

  @Test
  void onlyDueEnrollments_areClaimed_earliestDueFirst() {
    Enrollment hourAgo = dueIn("Ada Lovelace", -3600);
    dueIn("Grace Hopper", 3600);
    Enrollment twoHoursAgo = dueIn("Mia Mu", -7200);
    Enrollment minuteAgo = dueIn("Zoe Zed", -60);

    assertThat(ids(claim("node-1", LONG, 10)))
        .containsExactly(twoHoursAgo.id(), hourAgo.id(), minuteAgo.id());
  }

  @Test
  void claim_takesAtMostLimit_earliestDueFirst() {
    Enrollment third = dueIn("Ada Lovelace", -60);
    Enrollment first = dueIn("Grace Hopper", -180);
    Enrollment second = dueIn("Mia Mu", -120);

    assertThat(ids(claim("node-1", LONG, 2))).containsExactly(first.id(), second.id());
    assertThat(ids(claim("node-1", LONG, 2))).containsExactly(third.id());
  }

  @Test
  void claim_carriesTheOwnerTheDueTimeAndTheLease() {
    Enrollment e = dueIn("Ada Lovelace", -3600);
    Instant before = Instant.now();

    Claim c = claimOne("node-1", LONG);

    assertThat(c.enrollmentId()).isEqualTo(e.id());
    assertThat(c.owner()).isEqualTo("node-1");
    assertThat(c.dueAt()).isEqualTo(e.dueAt());
    assertThat(c.leaseUntil())
        .isBetween(before.plus(LONG).minusSeconds(60), before.plus(LONG).plusSeconds(60));
  }

  @Test
  void claimedEnrollment_isNotClaimedAgainBySameOwner_whileTheLeaseLives() {
    dueIn("Ada Lovelace", -3600);
    claimOne("node-1", LONG);

    assertThat(claim("node-1", LONG, 10)).isEmpty();
  }

  @Test
  void claimedEnrollment_isNotClaimedByAnotherOwner_whileTheLeaseLives() {
    Enrollment held = dueIn("Ada Lovelace", -3600);
    Enrollment free = dueIn("Grace Hopper", -60);
    assertThat(ids(claim("node-1", LONG, 1))).containsExactly(held.id());

    assertThat(ids(claim("node-2", LONG, 10))).containsExactly(free.id());
  }

  @Test
  void expiredLease_canBeClaimedAgain_withAGreaterFence() throws InterruptedException {
    dueIn("Ada Lovelace", -3600);
    Claim first = claimOne("node-1", SHORT);
    sleepPastShortLease();

    Claim second = claimOne("node-2", LONG);

    assertThat(second.enrollmentId()).isEqualTo(first.enrollmentId());
    assertThat(second.owner()).isEqualTo("node-2");
    assertThat(second.fence()).isGreaterThan(first.fence());
  }

  @Test
  void expiredLease_canBeClaimedAgainByTheSameOwner_withAGreaterFence()
      throws InterruptedException {
    dueIn("Ada Lovelace", -3600);
    Claim first = claimOne("node-1", SHORT);
    sleepPastShortLease();

    Claim second = claimOne("node-1", LONG);

    assertThat(second.fence()).isGreaterThan(first.fence());
  }

  @Test
  void renew_extendsALiveClaim() throws InterruptedException {
    dueIn("Ada Lovelace", -3600);
    Claim c = claimOne("node-1", SHORT);

    Claim renewed = store.dueSteps().renew(c, Instant.now(), LONG).orElseThrow();
    sleepPastShortLease();

    assertThat(renewed.enrollmentId()).isEqualTo(c.enrollmentId());
    assertThat(renewed.fence()).isEqualTo(c.fence());
    assertThat(renewed.leaseUntil()).isAfter(c.leaseUntil());
    assertThat(claim("node-2", LONG, 10)).isEmpty();
  }

  @Test
  void renew_ofAClaimTakenOverAfterItExpired_isEmpty() throws InterruptedException {
    dueIn("Ada Lovelace", -3600);
    Claim lost = claimOne("node-1", SHORT);
    sleepPastShortLease();
    Claim taken = claimOne("node-2", LONG);

    assertThat(store.dueSteps().renew(lost, Instant.now(), LONG)).isEmpty();
    assertThat(store.dueSteps().renew(taken, Instant.now(), LONG)).isPresent();
  }

  @Test
  void renew_ofAReleasedClaim_isEmpty() {
    dueIn("Ada Lovelace", -3600);
    Claim c = claimOne("node-1", LONG);
    store.dueSteps().release(c);

    assertThat(store.dueSteps().renew(c, Instant.now(), LONG)).isEmpty();
  }

  @Test
  void release_freesTheClaim_forAnyOwner() {
    dueIn("Ada Lovelace", -3600);
    Claim first = claimOne("node-1", LONG);

    store.dueSteps().release(first);

    Claim second = claimOne("node-2", LONG);
    assertThat(second.enrollmentId()).isEqualTo(first.enrollmentId());
    assertThat(second.fence()).isGreaterThan(first.fence());
  }

  @Test
  void release_ofALostClaim_leavesTheNewHoldersClaim() throws InterruptedException {
    Enrollment e = dueIn("Ada Lovelace", -3600);
    Claim lost = claimOne("node-1", SHORT);
    sleepPastShortLease();
    Claim taken = claimOne("node-2", LONG);

    store.dueSteps().release(lost);

    assertThat(claim("node-3", LONG, 10)).isEmpty();
    commit(changes().update(StoreData.next(e).build(), taken));
  }

  @Test
  void commitUnderALiveClaim_isWritten() {
    Enrollment e = dueIn("Ada Lovelace", -3600);
    Claim c = claimOne("node-1", LONG);
    Enrollment next = StoreData.next(e).inFlight(1, t, messageId("ada-1")).build();

    commit(changes().update(next, c));

    assertThat(enrollment(e)).isEqualTo(next);
  }

  @Test
  void commitUnderAClaimTakenOver_isRefusedAsLeaseLost_andNothingIsWritten()
      throws InterruptedException {
    Enrollment e = dueIn("Ada Lovelace", -3600);
    Claim lost = claimOne("node-1", SHORT);
    sleepPastShortLease();
    claimOne("node-2", LONG);
    Enrollment next = StoreData.next(e).inFlight(1, t, messageId("ada-1")).build();

    assertConflict(LEASE_LOST, () -> commit(changes().update(next, lost)));

    assertThat(enrollment(e)).isEqualTo(e);
  }

  @Test
  void commitUnderAReleasedClaim_isRefusedAsLeaseLost() {
    Enrollment e = dueIn("Ada Lovelace", -3600);
    Claim c = claimOne("node-1", LONG);
    store.dueSteps().release(c);

    assertConflict(LEASE_LOST, () -> commit(changes().update(StoreData.next(e).build(), c)));

    assertThat(enrollment(e)).isEqualTo(e);
  }

  @Test
  void releaseInACommit_freesTheClaim() {
    Enrollment e = dueIn("Ada Lovelace", -3600);
    Claim c = claimOne("node-1", LONG);
    Enrollment retry = StoreData.next(e).scheduled(1, t.minusSeconds(1)).build();

    commit(changes().update(retry, c).release(c));

    Claim again = claimOne("node-2", LONG);
    assertThat(again.enrollmentId()).isEqualTo(e.id());
    assertThat(again.dueAt()).isEqualTo(retry.dueAt());
    assertConflict(LEASE_LOST, () -> commit(changes().update(StoreData.next(retry).build(), c)));
  }

  @Test
  void updateThatMovesTheDueTimeIntoTheFuture_makesItUnclaimable() {
    Enrollment e = dueIn("Ada Lovelace", -3600);
    Claim c = claimOne("node-1", LONG);
    Enrollment sent =
        StoreData.next(e)
            .sent(1, t, messageId("ada-1"))
            .scheduled(2, t.plusSeconds(2 * 86_400))
            .build();

    commit(changes().update(sent, c).release(c));

    assertThat(claim("node-2", LONG, 10)).isEmpty();
  }

  @Test
  void updateOutsideAClaim_thatMovesTheDueTimeIntoTheFuture_makesItUnclaimable() {
    Enrollment e = dueIn("Ada Lovelace", -3600);

    update(StoreData.next(e).scheduled(1, t.plusSeconds(3600)).build());

    assertThat(claim("node-1", LONG, 10)).isEmpty();
  }

  @Test
  void updateThatMovesTheDueTimeIntoThePast_makesItClaimable() {
    Enrollment e = dueIn("Ada Lovelace", 3600);
    assertThat(claim("node-1", LONG, 10)).isEmpty();

    update(StoreData.next(e).scheduled(1, t.minusSeconds(60)).build());

    assertThat(ids(claim("node-1", LONG, 10))).containsExactly(e.id());
  }

  @Test
  void enrollmentWithoutAScheduledOrInFlightStep_isNeverClaimed() {
    Instant longAgo = t.minusSeconds(86_400);
    insert(StoreData.enrollment(campaign, candidate("Pending Pat")).enrolledAt(longAgo).build());
    insert(
        StoreData.enrollment(campaign, candidate("Task Tim"))
            .enrolledAt(longAgo)
            .sent(1, longAgo, messageId("tim-1"))
            .sent(2, longAgo, messageId("tim-2"))
            .task(3, "alice", longAgo)
            .build());
    insert(
        StoreData.enrollment(campaign, candidate("Done Dee"))
            .enrolledAt(longAgo)
            .sent(1, longAgo, messageId("dee-1"))
            .completed(CompletionReason.REPLIED)
            .build());

    assertThat(claim("node-1", LONG, 10)).isEmpty();
  }

  @Test
  void inFlightStep_isClaimedWhenDue() {
    Enrollment e =
        insert(
            StoreData.enrollment(campaign, candidate("Ada Lovelace"))
                .scheduled(1, t.minusSeconds(3600))
                .inFlight(1, t.minusSeconds(3599), messageId("ada-1"))
                .build());

    Claim c = claimOne("node-1", LONG);

    assertThat(c.enrollmentId()).isEqualTo(e.id());
    assertThat(c.dueAt()).isEqualTo(t.minusSeconds(3600));
  }

  @Test
  void concurrentClaims_claimEveryDueEnrollmentExactlyOnce() throws Exception {
    int count = 500;
    Changes.Builder b = changes();
    Set<EnrollmentId> due = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Enrollment e =
          StoreData.scheduled(campaign, candidate("Candidate " + i), t.minusSeconds(count - i));
      due.add(e.id());
      b.insert(e);
    }
    commit(b);

    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Claim>>> results = new ArrayList<>();
      for (int n = 0; n < threads; n++) {
        String owner = "node-" + n;
        Callable<List<Claim>> worker =
            () -> {
              start.await();
              List<Claim> mine = new ArrayList<>();
              // bounded, so that a store handing out an enrollment twice fails instead of looping
              while (mine.size() <= count) {
                List<Claim> batch = store.dueSteps().claim(owner, Instant.now(), LONG, 7);
                if (batch.isEmpty()) {
                  break;
                }
                mine.addAll(batch);
              }
              return mine;
            };
        results.add(pool.submit(worker));
      }
      start.countDown();
      List<EnrollmentId> claimed = new ArrayList<>();
      for (Future<List<Claim>> r : results) {
        claimed.addAll(ids(r.get(60, TimeUnit.SECONDS)));
      }

      assertThat(claimed).hasSize(count).doesNotHaveDuplicates();
      assertThat(new HashSet<>(claimed)).isEqualTo(due);
      assertThat(claim("node-main", LONG, 10)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void claimersOutnumberingTheDueWork_eachGetSomeOrNone_withoutFailing() throws Exception {
    // a few enrollments due and nothing due later: every claimer asks for more than there is
    int threads = 4;
    for (int round = 0; round < 20; round++) {
      Changes.Builder b = changes();
      Set<EnrollmentId> due = new HashSet<>();
      for (int i = 0; i < 6; i++) {
        Enrollment e =
            StoreData.scheduled(
                campaign, candidate("Round " + round + " candidate " + i), t.minusSeconds(60 - i));
        due.add(e.id());
        b.insert(e);
      }
      commit(b);
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<Claim>>> results = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
          String owner = "node-" + n;
          results.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.dueSteps().claim(owner, Instant.now(), LONG, 50);
                  }));
        }
        List<EnrollmentId> claimed = new ArrayList<>();
        for (Future<List<Claim>> r : results) {
          claimed.addAll(ids(r.get(60, TimeUnit.SECONDS)));
        }

        assertThat(claimed).as("round %d", round).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).as("round %d", round).isSubsetOf(due);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
