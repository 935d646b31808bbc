package dev.nudge.storetest;

import static dev.nudge.spi.store.ConflictException.Kind.DUPLICATE;
import static dev.nudge.spi.store.ConflictException.Kind.MISSING;
import static dev.nudge.spi.store.ConflictException.Kind.VERSION;
import static dev.nudge.testkit.StoreData.candidate;
import static dev.nudge.testkit.StoreData.messageId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.Campaign;
import dev.nudge.Candidate;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.SendAttempt;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Enrollments: insert, read back, one per candidate and campaign, compare-and-set updates. */
abstract class EnrollmentContract extends ContractSupport {
  EnrollmentContract(StoreContractTest suite) {
    super(suite);
  }

  @Test
  void insertedEnrollment_readsBackEqual() {
    Campaign c = storedCampaign("Backend engineers");
    Candidate ada =
        Candidate.builder("host-42", "Ada Lovelace", "Ada.Lovelace@Example.com")
            .title("Engineer")
            .company("Analytical Engines")
            .photoUrl("https://img.example/ada.png")
            .alternate("ada@home.example")
            .zone("Europe/London")
            .field("school", "Home")
            .field("lang", "en")
            .build();
    EmailAddress home = ada.alternates().get(0);
    Instant t = StoreData.now().minus(Duration.ofDays(3));
    Enrollment e =
        StoreData.enrollment(c, ada)
            .enrolledAt(t)
            .sent(1, t.plusSeconds(10), messageId("ada-1"))
            .engagement(
                1,
                g ->
                    g.withOpen(t.plusSeconds(11), true)
                        .withOpen(t.plusSeconds(200), false)
                        .withOpen(t.plusSeconds(300), false)
                        .withAutoReply(
                            t.plusSeconds(400),
                            new InboundEvent.AutoReply(LocalDate.of(2026, 3, 9), "Out of office"))
                        .withBounce(
                            t.plusSeconds(500),
                            new InboundEvent.Bounce(
                                ada.email(),
                                BounceType.SOFT,
                                "4.2.2",
                                BounceReason.MAILBOX_FULL,
                                "552 mailbox full"))
                        .withReply(
                            t.plusSeconds(600),
                            new InboundEvent.Reply("Sounds good", MatchMethod.IN_THREAD)))
            .addressIndex(1)
            .step(
                2,
                s ->
                    s.withAttempts(
                        List.of(
                            new SendAttempt(
                                messageId("ada-2a"),
                                home,
                                t.plusSeconds(650),
                                SendAttempt.Outcome.TRANSIENT_FAILURE,
                                "421 try again later"))))
            .inFlight(2, t.plusSeconds(700), messageId("ada-2b"))
            .paused(EnrollmentStatus.STARTED)
            .holdUntil(t.plus(Duration.ofDays(5)))
            .lastActivity(t.plusSeconds(700))
            .build();

    insert(e);

    assertThat(store.enrollments().find(e.id())).contains(e);
  }

  @Test
  void unknownEnrollment_isNotFound() {
    Campaign c = storedCampaign("Backend engineers");
    insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());

    assertThat(store.enrollments().find(EnrollmentId.random())).isEmpty();
  }

  @Test
  void aLookupOfTensOfThousandsOfIds_findsTheStoredOnes() {
    // more ids than one SQL statement may bind (65,535 on PostgreSQL)
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ada = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());
    Enrollment grace = insert(StoreData.enrollment(c, candidate("Grace Hopper")).build());
    List<EnrollmentId> ids = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      ids.add(i == 10 ? ada.id() : i == 69_990 ? grace.id() : EnrollmentId.random());
    }

    assertThat(store.enrollments().find(ids)).containsExactlyInAnyOrder(ada, grace);
    assertThat(store.enrollments().versions(ids))
        .containsOnlyKeys(ada.id(), grace.id())
        .containsEntry(ada.id(), ada.version());
  }

  @Test
  void enrollmentsOfOneCommit_areAllStored() {
    Campaign c = storedCampaign("Backend engineers");
    List<Enrollment> all = new ArrayList<>();
    Changes.Builder b = changes();
    for (int i = 0; i < 25; i++) {
      Enrollment e = StoreData.enrollment(c, candidate("Candidate " + i)).build();
      all.add(e);
      b.insert(e);
    }

    commit(b);

    for (Enrollment e : all) {
      assertThat(enrollment(e)).isEqualTo(e);
    }
  }

  @Test
  void secondEnrollmentOfCandidateInCampaign_isRefusedAsDuplicate() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment first = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());
    Enrollment second = StoreData.enrollment(c, candidate("Ada Lovelace")).build();

    assertConflict(DUPLICATE, () -> insert(second));

    assertThat(store.enrollments().find(second.id())).isEmpty();
    assertThat(enrollment(first)).isEqualTo(first);
  }

  @Test
  void theSameCandidatesCommittedTwiceAtOnce_inOppositeOrders_oneCommitHolds_theOtherIsADuplicate()
      throws Exception {
    // a list imported twice at the same moment: a store that inserts rows in the order given can
    // have each commit wait for rows the other holds, and the database end that by failing one
    Campaign c = storedCampaign("Backend engineers");
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          String id = "r" + round + "-" + i;
          list.add(candidate(id, "Candidate " + i, id + "@example.com"));
        }
        List<Future<ConflictException.@Nullable Kind>> commits = new ArrayList<>();
        for (boolean reversed : new boolean[] {false, true}) {
          Changes.Builder b = changes();
          for (int i = 0; i < list.size(); i++) {
            b.insert(StoreData.enrollment(c, list.get(reversed ? list.size() - 1 - i : i)).build());
          }
          Changes changes = b.build();
          commits.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                      store.commit(changes);
                      return null;
                    } catch (ConflictException e) {
                      return e.kind();
                    }
                  }));
        }
        List<ConflictException.@Nullable Kind> outcomes = new ArrayList<>();
        for (Future<ConflictException.@Nullable Kind> f : commits) {
          outcomes.add(f.get(60, TimeUnit.SECONDS));
        }

        assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(null, DUPLICATE);
        for (Candidate candidate : list) {
          assertThat(store.enrollments().findByCandidate(c.id(), candidate.id())).isPresent();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEnrollmentUnderACampaignNeverStored_isRefusedAsMissing_andNothingOfItsCommitIsWritten() {
    Campaign stored = storedCampaign("Backend engineers");
    Campaign neverStored = StoreData.campaign("never stored");
    Enrollment fine = StoreData.enrollment(stored, candidate("Grace Hopper")).build();
    Enrollment orphan = StoreData.enrollment(neverStored, candidate("Ada Lovelace")).build();

    assertConflict(MISSING, () -> commit(changes().insert(fine).insert(orphan)));

    assertThat(store.enrollments().find(fine.id())).isEmpty();
    assertThat(store.enrollments().find(orphan.id())).isEmpty();
  }

  @Test
  void anEnrollmentUnderACampaignInsertedByTheSameCommit_isTaken() {
    Campaign campaign = StoreData.campaign("Backend engineers");
    Enrollment e = StoreData.enrollment(campaign, candidate("Ada Lovelace")).build();

    commit(changes().insert(campaign).insert(e));

    assertThat(enrollment(e)).isEqualTo(e);
  }

  @Test
  void twoEnrollmentsOfOneCandidate_inOneCommit_areRefusedAsDuplicate() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment first = StoreData.enrollment(c, candidate("Ada Lovelace")).build();
    Enrollment second = StoreData.enrollment(c, candidate("Ada Lovelace")).build();

    assertConflict(DUPLICATE, () -> commit(changes().insert(first).insert(second)));

    assertThat(store.enrollments().find(first.id())).isEmpty();
    assertThat(store.enrollments().find(second.id())).isEmpty();
  }

  @Test
  void twoCandidateIdsWithOnePrimaryAddress_inOneCampaign_areRefusedAsDuplicate() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment first =
        insert(
            StoreData.enrollment(c, candidate("ats-1", "Ada Lovelace", "ada@example.com")).build());
    Enrollment second =
        StoreData.enrollment(c, candidate("ats-2", "Ada Lovelace", "ADA@example.com")).build();

    assertConflict(DUPLICATE, () -> insert(second));
    assertConflict(
        DUPLICATE,
        () ->
            commit(
                changes()
                    .insert(
                        StoreData.enrollment(c, candidate("ats-3", "Bo", "bo@example.com")).build())
                    .insert(
                        StoreData.enrollment(c, candidate("ats-4", "Bo", "bo@example.com"))
                            .build())));

    assertThat(store.enrollments().find(second.id())).isEmpty();
    assertThat(enrollment(first)).isEqualTo(first);
  }

  @Test
  void sameCandidate_inTwoCampaigns_isEnrolledInBoth() {
    Campaign backend = storedCampaign("Backend engineers");
    Campaign frontend = storedCampaign("Frontend engineers");
    Enrollment inBackend = StoreData.enrollment(backend, candidate("Ada Lovelace")).build();
    Enrollment inFrontend = StoreData.enrollment(frontend, candidate("Ada Lovelace")).build();

    insert(inBackend);
    insert(inFrontend);

    assertThat(enrollment(inBackend)).isEqualTo(inBackend);
    assertThat(enrollment(inFrontend)).isEqualTo(inFrontend);
  }

  @Test
  void insertingAnExistingEnrollmentId_isRefusedAsDuplicate() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ada = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());
    Enrollment grace = StoreData.enrollment(c, candidate("Grace Hopper")).id(ada.id()).build();

    assertConflict(DUPLICATE, () -> insert(grace));

    assertThat(enrollment(ada)).isEqualTo(ada);
  }

  @Test
  void twoEnrollmentsWithOneId_inOneCommit_areRefusedAsDuplicate() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment ada = StoreData.enrollment(c, candidate("Ada Lovelace")).build();
    Enrollment grace = StoreData.enrollment(c, candidate("Grace Hopper")).id(ada.id()).build();

    assertConflict(DUPLICATE, () -> commit(changes().insert(ada).insert(grace)));

    assertThat(store.enrollments().find(ada.id())).isEmpty();
  }

  @Test
  void update_withStoredVersionPlusOne_replacesTheEnrollment() {
    Campaign c = storedCampaign("Backend engineers");
    Instant t = StoreData.now();
    Enrollment v1 = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());
    Enrollment v2 = StoreData.next(v1).scheduled(1, t.plusSeconds(60)).lastActivity(t).build();
    Enrollment v3 =
        StoreData.next(v2).sent(1, t.plusSeconds(61), messageId("ada-1")).lastActivity(t).build();

    update(v2);
    update(v3);

    assertThat(enrollment(v1)).isEqualTo(v3);
  }

  @Test
  void staleEnrollmentVersion_isRefused_andNothingIsWritten() {
    Campaign c = storedCampaign("Backend engineers");
    Instant t = StoreData.now();
    Enrollment v1 = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());
    Enrollment v2 = update(StoreData.next(v1).scheduled(1, t).build());
    Enrollment alsoFromV1 = StoreData.next(v1).completed(CompletionReason.REPLIED).build();

    assertConflict(VERSION, () -> update(alsoFromV1));

    assertThat(enrollment(v1)).isEqualTo(v2);
  }

  @Test
  void updateWithUnchangedVersion_isRefused() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment v1 = insert(StoreData.enrollment(c, candidate("Ada Lovelace")).build());
    Enrollment sameVersion = StoreData.edit(v1).scheduled(1, StoreData.now()).build();

    assertConflict(VERSION, () -> update(sameVersion));

    assertThat(enrollment(v1)).isEqualTo(v1);
  }

  @Test
  void updateOfMissingEnrollment_isRefusedAsMissing() {
    Campaign c = storedCampaign("Backend engineers");
    Enrollment neverStored = StoreData.enrollment(c, candidate("Ada Lovelace")).build();

    assertConflict(MISSING, () -> update(StoreData.next(neverStored).build()));

    assertThat(store.enrollments().find(neverStored.id())).isEmpty();
  }
}
