package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.StepStatus;
import dev.nudge.StoreException;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.DueSteps;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.MailboxState;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.ForwardingMailboxes;
import dev.nudge.testkit.ForwardingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store that fails while a batch of emails is being sent loses none of the answers given, and a
 * change it refuses for one enrollment of a batch holds up that enrollment only.
 */
class StoreFailureInABatchTest {

  /** A store whose mailbox ledger refuses every write while {@link #failing}. */
  private static final class FailingLedger extends ForwardingStore {
    volatile boolean failing;
    final AtomicInteger writes = new AtomicInteger();

    FailingLedger() {
      super(new InMemoryStore());
    }

    @Override
    public MailboxRepository mailboxes() {
      return new ForwardingMailboxes(delegate.mailboxes()) {
        @Override
        public boolean compareAndSet(MailboxState next) {
          writes.incrementAndGet();
          if (failing) {
            throw new StoreException("connection to the database lost", null);
          }
          return delegate.compareAndSet(next);
        }
      };
    }
  }

  /**
   * A store that refuses every commit changing one enrollment, as a database check would: every
   * change of it, or only the answers of the transport (written without a claim).
   */
  private static final class RefusingStore extends ForwardingStore {
    volatile @Nullable EnrollmentId refused;
    volatile boolean answersOnly;
    final AtomicInteger failNextCommits = new AtomicInteger();
    final AtomicInteger cutOffNextCommits = new AtomicInteger();

    /** How many more commits of the transport's answers to cut off after they held. */
    final AtomicInteger cutOffNextAnswers = new AtomicInteger();

    volatile boolean leasesLost;
    volatile boolean shortLeases;

    /** How many more commits to refuse; negative: every one. */
    final AtomicInteger refusalsLeft = new AtomicInteger(-1);

    final AtomicInteger refusals = new AtomicInteger();

    RefusingStore() {
      super(new InMemoryStore());
    }

    @Override
    public DueSteps dueSteps() {
      DueSteps steps = delegate.dueSteps();
      return new DueSteps() {
        @Override
        public List<Claim> claim(String owner, Instant now, Duration lease, int limit) {
          List<Claim> claims = steps.claim(owner, now, lease, limit);
          if (!shortLeases) {
            return claims;
          }
          List<Claim> running = new ArrayList<>();
          for (Claim k : claims) {
            running.add(
                new Claim(k.enrollmentId(), k.dueAt(), k.owner(), k.fence(), now.plusSeconds(1)));
          }
          return running;
        }

        @Override
        public Optional<Claim> renew(Claim claim, Instant now, Duration lease) {
          return leasesLost ? Optional.empty() : steps.renew(claim, now, lease);
        }

        @Override
        public void release(Claim claim) {
          steps.release(claim);
        }
      };
    }

    @Override
    public void commit(Changes changes) {
      if (failNextCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StoreException("connection to the database lost", null);
      }
      if (cutOffNextCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0
          || (isAnswers(changes) && cutOffNextAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0)) {
        delegate.commit(changes);
        throw new StoreException("connection lost before the commit was confirmed", null);
      }
      for (Changes.EnrollmentUpdate u : changes.updatedEnrollments()) {
        if (u.next().id().equals(refused)
            && (!answersOnly || u.claim() == null)
            && refusalsLeft.getAndUpdate(n -> n == 0 ? 0 : n - 1) != 0) {
          refusals.incrementAndGet();
          throw new StoreException("the database refused a value (SQL state 23514)", null);
        }
      }
      delegate.commit(changes);
    }
  }

  /** The transport's answers: written without a claim, giving the claims back. */
  private static boolean isAnswers(Changes changes) {
    return !changes.updatedEnrollments().isEmpty()
        && !changes.releasedClaims().isEmpty()
        && changes.updatedEnrollments().stream().allMatch(u -> u.claim() == null);
  }

  private static List<EnrollmentId> enrollFour(Fixture f, Campaign c) {
    return enroll(f, c, 4);
  }

  private static List<EnrollmentId> enroll(Fixture f, Campaign c, int candidates) {
    List<EnrollmentId> ids = new ArrayList<>();
    for (String name :
        List.of("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra")
            .subList(0, candidates)) {
      ids.add(f.enroll(c.id(), name));
    }
    return ids;
  }

  @Test
  void anAnswerTheStoreRefusesForOneEnrollment_losesNoOtherAnswerOfItsBatch() {
    RefusingStore store = new RefusingStore();
    Duration lease = Duration.ofSeconds(2);
    try (Fixture f =
        new Fixture(Fixture.MONDAY_9AM_NY, Tuning.builder().lease(lease).build(), store)) {
      Campaign c = f.startedCampaign();
      List<EnrollmentId> ids = enrollFour(f, c);
      store.refused = ids.get(1);
      store.answersOnly = true;

      f.run();

      assertThat(f.transport.sent()).hasSize(4);
      for (EnrollmentId id : List.of(ids.get(0), ids.get(2), ids.get(3))) {
        assertThat(f.step(id, 1).status()).as("an answer recorded").isEqualTo(StepStatus.SENT);
      }

      // Grace's answer never held: once her lease has ended her step is "delivery unknown"
      store.refused = null;
      f.advance(lease.plusSeconds(1));

      assertThat(f.step(ids.get(1), 1).status()).isEqualTo(StepStatus.DELIVERY_UNKNOWN);
      assertThat(f.transport.sent()).as("nothing is sent twice").hasSize(4);
    }
  }

  /**
   * An in-flight record whose commit fails once is written again at once: the email goes out once,
   * also when that second commit is cut off after it held.
   */
  @ParameterizedTest(name = "second commit cut off after it held: {0}")
  @ValueSource(booleans = {false, true})
  void anInFlightRecordTheStoreFailsOnce_isWrittenAgainAtOnce_andGoesOutOnce(boolean cutOff) {
    RefusingStore store = new RefusingStore();
    try (Fixture f = new Fixture(Fixture.MONDAY_9AM_NY, Tuning.defaults(), store)) {
      Campaign c = f.startedCampaign();
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      store.failNextCommits.set(1);
      store.cutOffNextCommits.set(cutOff ? 1 : 0);

      f.run();
      f.run();

      assertThat(f.transport.sent()).hasSize(1);
      assertThat(f.step(ada, 1).status()).isEqualTo(StepStatus.SENT);
    }
  }

  /**
   * The commit of the transport's answers holds, but the connection is lost before it says so: the
   * engine finds them recorded, and the listeners hear of each send once, as the log has it.
   */
  @ParameterizedTest(name = "candidates in the batch: {0}")
  @ValueSource(ints = {1, 4})
  void answersWhoseCommitHeldButSeemedToFail_reachTheListenersOnce(int candidates) {
    RefusingStore store = new RefusingStore();
    try (Fixture f = new Fixture(Fixture.MONDAY_9AM_NY, Tuning.defaults(), store)) {
      Campaign c = f.startedCampaign();
      List<EnrollmentId> ids = enroll(f, c, candidates);
      store.cutOffNextAnswers.set(1);

      f.run();

      assertThat(f.transport.sent()).hasSize(candidates);
      for (EnrollmentId id : ids) {
        assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
      }
      assertThat(f.events.ofType(EnrollmentEvent.Type.EMAIL_SENT))
          .extracting(EnrollmentEvent::enrollmentId)
          .as("each send heard once")
          .containsExactlyInAnyOrderElementsOf(ids);
      for (EnrollmentId id : ids) {
        assertThat(
                f.events.ofType(EnrollmentEvent.Type.STEP_STATUS_CHANGED).stream()
                    .filter(e -> e.enrollmentId().equals(id))
                    .map(EnrollmentEvent::to)
                    .toList())
            .as("the step's changes, heard in order")
            .containsSubsequence("IN_FLIGHT", "SENT");
      }
    }
  }

  /**
   * The mailbox refuses the first email of a batch for a while, so the second is not sent: its step
   * goes back from in flight in the same answers' commit, which holds but seems to fail. The
   * listeners hear it go back, once.
   */
  @ParameterizedTest(name = "answers' commit cut off after it held: {0}")
  @ValueSource(booleans = {false, true})
  void anEmailNotSentAfterAll_whoseCommitHeldButSeemedToFail_isHeardGoingBack(boolean cutOff) {
    RefusingStore store = new RefusingStore();
    try (Fixture f = new Fixture(Fixture.MONDAY_9AM_NY, Tuning.defaults(), store)) {
      Campaign c = f.startedCampaign();
      List<EnrollmentId> ids = enroll(f, c, 2);
      f.transport.answerWith(
          email ->
              new SendResult.MailboxRejected(
                  SendResult.MailboxRejected.Kind.RATE, "421", "too many messages"));
      store.cutOffNextAnswers.set(cutOff ? 1 : 0);

      f.run();

      assertThat(f.transport.sent()).hasSize(1);
      EnrollmentId tried = f.transport.sent().get(0).step().enrollmentId();
      EnrollmentId notSent = tried.equals(ids.get(0)) ? ids.get(1) : ids.get(0);
      assertThat(f.step(notSent, 1).status()).isEqualTo(StepStatus.SCHEDULED);
      assertThat(stepChanges(f, notSent))
          .as("heard going in flight and back, once each")
          .containsExactly("PENDING>SCHEDULED", "SCHEDULED>IN_FLIGHT", "IN_FLIGHT>SCHEDULED");
    }
  }

  private static List<String> stepChanges(Fixture f, EnrollmentId id) {
    return f.events.ofType(EnrollmentEvent.Type.STEP_STATUS_CHANGED).stream()
        .filter(e -> e.enrollmentId().equals(id))
        .map(e -> e.from() + ">" + e.to())
        .toList();
  }

  @Test
  void anInFlightRecordThatHeldAfterAFailure_isNotSent_whenItsLeaseWasLostMeanwhile() {
    RefusingStore store = new RefusingStore();
    try (Fixture f = new Fixture(Fixture.MONDAY_9AM_NY, Tuning.defaults(), store)) {
      Campaign c = f.startedCampaign();
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      store.cutOffNextCommits.set(1);
      store.leasesLost = true; // asking the store took so long that another engine took over

      f.run();

      assertThat(f.transport.sent()).as("not sent from here").isEmpty();
      assertThat(f.sentOn(f.clock.instant().atZone(Fixture.NEW_YORK).toLocalDate()))
          .as("the mailbox slot is given back")
          .isZero();
      assertThat(f.step(ada, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    }
  }

  @Test
  void answersTheStoreFailsToTakeForAWhile_areRecordedOnce_andNothingIsSentTwice() {
    RefusingStore store = new RefusingStore();
    Tuning tuning =
        Tuning.builder()
            .lease(Duration.ofSeconds(4))
            .deliveryUnknown(Tuning.DeliveryUnknownPolicy.RESEND)
            .build();
    try (Fixture f = new Fixture(Fixture.MONDAY_9AM_NY, tuning, store)) {
      Campaign c = f.startedCampaign();
      List<EnrollmentId> ids = enrollFour(f, c);
      store.refused = ids.get(1);
      store.answersOnly = true;
      store.refusalsLeft.set(4); // a lock wait or a fail-over: reads work, writes fail a while

      f.run();
      f.advance(Duration.ofSeconds(5));

      assertThat(f.transport.sent()).hasSize(4);
      for (EnrollmentId id : ids) {
        assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
      }
    }
  }

  @Test
  void aBatchWhoseLeasesRanShortAndWereLost_writesNothing_andItsStepsGoOutLater() {
    RefusingStore store = new RefusingStore();
    try (Fixture f = new Fixture(Fixture.MONDAY_9AM_NY, Tuning.defaults(), store)) {
      Campaign c = f.startedCampaign();
      store.shortLeases = true; // the batch waited in the runner's queue
      store.leasesLost = true; // and another engine took the enrollments over meanwhile

      List<EnrollmentId> ids = enrollFour(f, c);
      f.run();

      assertThat(f.transport.sent()).isEmpty();
      assertThat(f.sentOn(f.clock.instant().atZone(Fixture.NEW_YORK).toLocalDate())).isZero();

      // nothing was written under the lost claims: once they end, each step goes out as usual
      store.shortLeases = false;
      store.leasesLost = false;
      f.advance(Duration.ofMinutes(6));

      assertThat(f.transport.sent()).hasSize(4);
      for (EnrollmentId id : ids) {
        assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
      }
    }
  }

  @Test
  void aMailboxLedgerThatFails_failsTheBatchOnce_notEachOfItsClaims() {
    FailingLedger store = new FailingLedger();
    try (Fixture f = new Fixture(Fixture.MONDAY_9AM_NY, Tuning.defaults(), store)) {
      Campaign c = f.startedCampaign();
      enrollFour(f, c);
      store.failing = true;

      f.run();

      assertThat(store.writes).hasValue(1);
      assertThat(f.transport.sent()).isEmpty();
    }
  }

  @Test
  void aChangeTheStoreRefusesForOneEnrollment_holdsUpOnlyThatOne_untilItsLeaseEnds() {
    RefusingStore store = new RefusingStore();
    Duration lease = Duration.ofMinutes(5);
    try (Fixture f =
        new Fixture(Fixture.MONDAY_9AM_NY, Tuning.builder().lease(lease).build(), store)) {
      Campaign c = f.startedCampaign();
      List<EnrollmentId> ids = enrollFour(f, c);
      store.refused = ids.get(1);

      f.run();
      f.run();

      assertThat(f.transport.sent())
          .extracting(e -> e.step().enrollmentId())
          .containsExactlyInAnyOrder(ids.get(0), ids.get(2), ids.get(3));
      // the batch's commit, then Grace's own, written twice in case the connection was cut:
      // she is not tried again while her lease lasts
      assertThat(store.refusals).hasValue(3);
      assertThat(f.step(ids.get(1), 1).status()).isEqualTo(StepStatus.SCHEDULED);

      store.refused = null;
      f.advance(lease.plusSeconds(1));

      assertThat(f.transport.sent()).hasSize(4);
      assertThat(f.step(ids.get(1), 1).status()).isEqualTo(StepStatus.SENT);
    }
  }

  @Test
  void aStoreFailureHalfWayThroughABatch_stillRecordsTheEmailAlreadySent() {
    FailingLedger store = new FailingLedger();
    try (Fixture f =
        new Fixture(
            Fixture.MONDAY_9AM_NY, Tuning.builder().resumeSpread(Duration.ZERO).build(), store)) {
      Campaign c = f.startedCampaign();
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      EnrollmentId grace = f.enroll(c.id(), "Grace Hopper");
      f.transport.answerWith(
          email -> {
            if (!store.failing) {
              // while the first email is with the transport the other candidate replies, and
              // then the store fails: the other email is held, and giving back its mailbox slot
              // fails too
              EnrollmentId other = email.step().enrollmentId().equals(ada) ? grace : ada;
              f.nudge.record(
                  Fixture.ref(other, 1),
                  new InboundEvent.Reply("No, thanks.", MatchMethod.IN_THREAD));
              store.failing = true;
            }
            return SendResult.accepted();
          });

      f.run();
      store.failing = false;

      assertThat(f.transport.sent()).hasSize(1);
      EnrollmentId sent = f.transport.sent().get(0).step().enrollmentId();
      EnrollmentId replied = sent.equals(ada) ? grace : ada;
      assertThat(f.step(sent, 1).status())
          .as("the answer of the email that left is recorded")
          .isEqualTo(StepStatus.SENT);
      assertThat(f.enrollment(replied).reason()).isEqualTo(CompletionReason.REPLIED);
      assertThat(f.step(replied, 1).status()).isNotEqualTo(StepStatus.SENT);
      f.run();
      assertThat(f.transport.sent()).as("nothing is sent twice").hasSize(1);
    }
  }
}
