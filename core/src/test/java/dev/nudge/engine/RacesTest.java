package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignStatus;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.SendAttempt;
import dev.nudge.SettableClock;
import dev.nudge.StepStatus;
import dev.nudge.StoreException;
import dev.nudge.TodoSink;
import dev.nudge.Tuning;
import dev.nudge.spi.store.StepState;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.InterceptingStore;
import dev.nudge.testkit.RecordingTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands that land at the worst moment, and nodes that stall or die half-way. */
class RacesTest {
  private final InterceptingStore store = new InterceptingStore();

  private Fixture fixture() {
    return new Fixture(
        Fixture.MONDAY_9AM_NY, Tuning.builder().resumeSpread(Duration.ZERO).build(), store);
  }

  @Test
  void enrollmentRacingTheCampaignStart_isStartedToo() {
    try (Fixture f = fixture()) {
      Campaign c = f.create(Fixture.definition());
      // the campaign starts between the enrollment's read and its commit
      store.beforeCommit(
          ch -> !ch.insertedEnrollments().isEmpty(), ch -> f.nudge.startCampaign(c.id()));

      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      f.run();

      assertThat(f.enrollment(id).status()).isEqualTo(EnrollmentStatus.STARTED);
      assertThat(f.transport.sent()).hasSize(1);
    }
  }

  @Test
  void sendRacingACampaignPause_doesNotLeave() {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      // the user pauses the campaign just before the step is recorded as in flight
      store.beforeCommit(RacesTest::recordsStep1InFlight, ch -> f.nudge.pauseCampaign(c.id()));

      f.run();

      assertThat(f.transport.sent()).isEmpty();
      assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.PENDING);
      assertThat(f.sentOn(LocalDate.of(2026, 3, 2)))
          .as("the slot taken for the abandoned send is given back")
          .isZero();
    }
  }

  @Test
  void replyRecordedAfterTheInFlightRecord_stopsTheSendBeforeTheTransport() {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      // the reply lands once the step is recorded in flight, before the email is handed over
      store.afterCommit(
          RacesTest::recordsStep1InFlight,
          ch ->
              f.nudge.record(
                  Fixture.ref(id, 1),
                  new InboundEvent.Reply("Not now, thanks.", dev.nudge.MatchMethod.IN_THREAD)));

      f.run();

      assertThat(f.transport.sent()).isEmpty();
      assertThat(f.enrollment(id).reason()).isEqualTo(dev.nudge.CompletionReason.REPLIED);
      assertThat(f.step(id, 1).status()).isNotEqualTo(StepStatus.SENT);
      assertThat(f.sentOn(LocalDate.of(2026, 3, 2)))
          .as("the slot taken for the abandoned send is given back")
          .isZero();
    }
  }

  @Test
  void replyRecordedWhileTheTransportHasTheEmail_returnsOnlyOnceItAnswered() throws Exception {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      CountDownLatch inSend = new CountDownLatch(1);
      CountDownLatch letGo = new CountDownLatch(1);
      f.transport.answerWith(
          m -> {
            inSend.countDown();
            await(letGo);
            return SendResult.accepted();
          });
      Thread runner = new Thread(f::run);
      runner.start();
      assertThat(inSend.await(5, TimeUnit.SECONDS)).isTrue();

      java.util.concurrent.CompletableFuture<Void> reply =
          java.util.concurrent.CompletableFuture.runAsync(
              () ->
                  f.nudge.record(
                      Fixture.ref(id, 1),
                      new InboundEvent.Reply("Not now.", dev.nudge.MatchMethod.IN_THREAD)));
      Thread.sleep(200);
      // a caller that sees the reply recorded may rely on no email of it starting afterwards
      assertThat(reply).as("the reply waits for the send in progress").isNotDone();

      letGo.countDown();
      reply.get(5, TimeUnit.SECONDS);
      runner.join(5_000);
      assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
      assertThat(f.enrollment(id).reason()).isEqualTo(dev.nudge.CompletionReason.REPLIED);
    }
  }

  @Test
  void replyCommittedJustBeforeTheSendStarts_butNotYetCountedByTheEngine_stopsTheSend()
      throws Exception {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      CountDownLatch replyCommitted = new CountDownLatch(1);
      CountDownLatch letReplyGo = new CountDownLatch(1);
      java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Void>>
          reply = new java.util.concurrent.atomic.AtomicReference<>();
      // the worst moment on another thread: the reply is committed, but the engine has not yet
      // counted it when the send is handed over; the send's reading of the version sees it
      store.afterCommit(
          RacesTest::recordsStep1InFlight,
          ch -> {
            store.afterCommit(
                reply2 -> true,
                reply2 -> {
                  replyCommitted.countDown();
                  await(letReplyGo);
                });
            reply.set(
                java.util.concurrent.CompletableFuture.runAsync(
                    () ->
                        f.nudge.record(
                            Fixture.ref(id, 1),
                            new InboundEvent.Reply("Not now.", dev.nudge.MatchMethod.IN_THREAD))));
            await(replyCommitted);
          });

      f.run();
      letReplyGo.countDown();
      reply.get().get(5, TimeUnit.SECONDS);

      assertThat(f.transport.sent()).isEmpty();
      assertThat(f.step(id, 1).status()).isNotEqualTo(StepStatus.SENT);
      assertThat(f.enrollment(id).reason()).isEqualTo(dev.nudge.CompletionReason.REPLIED);
    }
  }

  @Test
  void openRacingTheInFlightRecord_doesNotCostAMailboxSlotOrAGap() {
    try (Fixture f = fixture()) {
      f.mailbox(Fixture.mailbox().withMinimumGap(Duration.ofMinutes(10)));
      Campaign c = f.nudge.startCampaign(f.nudge.createCampaign(Fixture.definition().build()).id());
      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      store.beforeCommit(
          RacesTest::recordsStep1InFlight,
          ch -> f.nudge.record(Fixture.ref(id, 1), new InboundEvent.AutoReply(null, "Away")));

      f.run();

      assertThat(f.transport.sent()).hasSize(1);
      assertThat(f.step(id, 1).doneAt()).isEqualTo(Fixture.MONDAY_9AM_NY);
      assertThat(f.sentOn(LocalDate.of(2026, 3, 2))).isEqualTo(1);
    }
  }

  @Test
  void pauseInterruptedHalfWay_isFinishedByTheNextRun() {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      EnrollmentId alan = f.enroll(c.id(), "Alan Turing");
      f.clock.set(Instant.parse("2026-03-02T13:00:00Z")); // before the window: nothing sent yet
      // the node dies after the campaign was paused, before its enrollments followed
      store.beforeCommit(
          ch ->
              !ch.updatedEnrollments().isEmpty()
                  && ch.updatedCampaigns().isEmpty()
                  && ch.updatedEnrollments().stream()
                      .allMatch(u -> u.next().step(1).status() == StepStatus.PENDING),
          ch -> {
            throw new IllegalStateException("node died");
          });
      f.nudge.pauseCampaign(c.id()); // the status holds; the enrollments are to follow
      assertThat(f.nudge.campaign(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
      assertThat(f.nudge.campaign(c.id()).orElseThrow().syncPending()).isTrue();

      f.at(Instant.parse("2026-03-02T15:00:00Z"));

      assertThat(f.transport.sent()).isEmpty();
      assertThat(f.step(ada, 1).status()).isEqualTo(StepStatus.PENDING);
      assertThat(f.step(alan, 1).status()).isEqualTo(StepStatus.PENDING);
      assertThat(f.nudge.campaign(c.id()).orElseThrow().syncPending()).isFalse();
    }
  }

  @Test
  void slowTransport_neverSendsAfterTheWindowCloses() {
    // given six candidates due at Monday 16:59 New York and a mail server taking 30 s a message
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      for (int i = 0; i < 6; i++) {
        f.enroll(c.id(), "Candidate " + i);
      }
      f.clock.set(Instant.parse("2026-03-02T21:59:00Z"));
      java.util.List<Instant> handedOver = new java.util.ArrayList<>();
      f.transport.answerWith(
          m -> {
            handedOver.add(f.clock.instant());
            f.clock.advance(Duration.ofSeconds(30));
            return SendResult.accepted();
          });

      f.run();

      assertThat(handedOver)
          .hasSize(2)
          .allSatisfy(t -> assertThat(t).isBefore(Instant.parse("2026-03-02T22:00:00Z")));
    }
  }

  @Test
  void answerForAnAttemptThatWasTakenOver_isOnlyRecorded() throws Exception {
    // node B takes the step over and (resend policy) sends again before A's answer arrives
    try (Takeover t = new Takeover(new RecordingTransport())) {
      t.leaseRunsOut();
      t.b.runDue();
      t.b.runDue();
      t.answer();

      var e = t.b.enrollment(t.id).orElseThrow();
      assertThat(t.fast.sent()).hasSize(1);
      assertThat(e.step(1).status()).isEqualTo(StepStatus.SENT);
      assertThat(e.step(1).attempts())
          .extracting(SendAttempt::outcome)
          .containsExactly(SendAttempt.Outcome.ACCEPTED, SendAttempt.Outcome.ACCEPTED);
      assertThat(e.step(2).status()).isEqualTo(StepStatus.SCHEDULED);
      assertThat(t.b.activity(t.id))
          .filteredOn(ev -> ev.step() == 2 && "SCHEDULED".equals(ev.to()))
          .hasSize(1);
    }
  }

  @Test
  void answerArrivingAfterATakeoverButBeforeTheResend_isNotSentAgain() throws Exception {
    // node B takes the step over and schedules the resend (resend policy); then A's "accepted"
    // arrives before B sends: the email is known to have left, and sending it again would be a
    // double send
    try (Takeover t = new Takeover(new RecordingTransport())) {
      store.afterCommit(
          ch ->
              ch.updatedEnrollments().stream()
                  .anyMatch(
                      u ->
                          u.next().step(1).state() == StepState.SCHEDULED
                              && !u.next().step(1).attempts().isEmpty()),
          ch -> t.answer());

      t.leaseRunsOut();
      t.b.runDue();
      t.b.runDue();

      var e = t.b.enrollment(t.id).orElseThrow();
      assertThat(t.stalled.isAlive()).isFalse();
      assertThat(t.slow.sent()).hasSize(1);
      assertThat(t.fast.sent()).as("nothing sent a second time").isEmpty();
      assertThat(e.step(1).status()).isEqualTo(StepStatus.SENT);
      assertThat(e.step(1).attempts())
          .extracting(SendAttempt::outcome)
          .containsExactly(SendAttempt.Outcome.ACCEPTED);
      assertThat(e.step(2).status()).isEqualTo(StepStatus.SCHEDULED);
    }
  }

  @ParameterizedTest(name = "{0} enrollment(s) in the run")
  @ValueSource(ints = {1, 2})
  void inFlightRecordThatHeldButWasReportedAsFailed_isSentWhenItChangedBeforeTheEngineLooked(
      int enrolled) {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      List<EnrollmentId> ids = new ArrayList<>(List.of(ada));
      if (enrolled == 2) {
        ids.add(f.enroll(c.id(), "Grace Hopper"));
      }
      // the connection is cut as the in-flight record commits: the commit held, but the engine
      // is told it failed; before the engine asks, an auto-reply changes the enrollment again
      store.afterCommit(
          RacesTest::recordsStep1InFlight,
          ch -> {
            f.nudge.record(Fixture.ref(ada, 1), new InboundEvent.AutoReply(null, "I am away."));
            throw new StoreException("connection to the database lost", null);
          });

      f.run();

      assertThat(f.transport.sent())
          .as("each email is sent once")
          .extracting(m -> m.step().enrollmentId())
          .containsExactlyInAnyOrderElementsOf(ids);
      for (EnrollmentId id : ids) {
        assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.SENT);
        assertThat(f.nudge.activity(id)).noneMatch(e -> "DELIVERY_UNKNOWN".equals(e.to()));
      }
    }
  }

  @ParameterizedTest(name = "{0} enrollment(s) in the run")
  @ValueSource(ints = {1, 2})
  void inFlightCommitThatFailed_whileAReplyTookItsVersion_sendsNothingAndKeepsTheReply(
      int enrolled) {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
      if (enrolled == 2) {
        f.enroll(c.id(), "Grace Hopper");
      }
      // Ada replies just before the in-flight record commits; the commit then fails and does not
      // hold. The reply wrote version v+1 -- the number the in-flight record would have had.
      store.beforeCommit(
          RacesTest::recordsStep1InFlight,
          ch -> {
            f.nudge.record(
                Fixture.ref(ada, 1), new InboundEvent.Reply("No, thanks.", MatchMethod.IN_THREAD));
            throw new StoreException("connection to the database lost", null);
          });

      f.run();
      f.runFor(Duration.ofDays(7));

      assertThat(f.transport.sent())
          .as("nothing is ever sent to Ada, who replied")
          .noneMatch(m -> m.step().enrollmentId().equals(ada));
      assertThat(f.enrollment(ada).reason()).isEqualTo(CompletionReason.REPLIED);
    }
  }

  @Test
  void answerArrivingAfterTheResendFailedTransiently_isNotSentAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RecordingTransport refusingOnce =
        new RecordingTransport()
            .answerWith(
                m ->
                    calls.incrementAndGet() == 1
                        ? new SendResult.TransientFailure("421 try again later")
                        : SendResult.accepted());
    try (Takeover t = new Takeover(refusingOnce)) {
      // node B takes the step over, and its resend is refused for now (421)
      t.leaseRunsOut();
      t.b.runDue();
      t.b.runDue();
      assertThat(t.fast.sent()).hasSize(1);
      // now A's "accepted" arrives: the email left
      t.answer();
      t.clock.advance(Duration.ofHours(1));
      t.b.runDue();

      assertThat(t.slow.sent()).hasSize(1);
      assertThat(t.fast.sent())
          .as("after the 'accepted' of A's attempt nothing is handed over again")
          .hasSize(1);
      assertThat(t.b.enrollment(t.id).orElseThrow().step(1).status()).isEqualTo(StepStatus.SENT);
    }
  }

  @ParameterizedTest(name = "{0} enrollment(s) in the run")
  @ValueSource(ints = {1, 2})
  void domainSuppressedAfterTheInFlightRecord_stopsTheSendBeforeTheTransport(int enrolled) {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      List<EnrollmentId> ids = new ArrayList<>(List.of(f.enroll(c.id(), "Ada Lovelace")));
      if (enrolled == 2) {
        ids.add(f.enroll(c.id(), "Grace Hopper"));
      }
      // once the steps are recorded in flight, the host suppresses the candidates' whole domain
      // through another address of it: their enrollments are not touched, the entry is
      store.afterCommit(
          RacesTest::recordsStep1InFlight,
          ch -> f.nudge.unsubscribe(dev.nudge.EmailAddress.of("hr@example.com"), true));

      f.run();
      f.run();

      assertThat(f.transport.sent()).as("nothing is sent to a suppressed domain").isEmpty();
      for (EnrollmentId id : ids) {
        assertThat(f.enrollment(id).reason()).isEqualTo(CompletionReason.SUPPRESSED);
      }
    }
  }

  @Test
  void sendSlowerThanTheLease_keepsItsLeaseAlive() throws Exception {
    // real time: a one-second lease, a transport taking three, another node trying meanwhile
    // (with the resend policy a takeover would send a second time)
    Tuning shortLease =
        Tuning.builder()
            .lease(Duration.ofSeconds(1))
            .deliveryUnknown(Tuning.DeliveryUnknownPolicy.RESEND)
            .build();
    CountDownLatch inSend = new CountDownLatch(1);
    RecordingTransport slow =
        new RecordingTransport()
            .answerWith(
                m -> {
                  inSend.countDown();
                  sleep(Duration.ofSeconds(3));
                  return SendResult.accepted();
                });
    RecordingTransport other = new RecordingTransport();
    Clock clock = Clock.systemUTC();
    Nudge a = node(clock, slow, shortLease, "a");
    Nudge b = node(clock, other, shortLease, "b");
    Campaign c =
        a.startCampaign(
            a.createCampaign(
                    Fixture.definition().schedule(dev.nudge.SendingSchedule.always()).build())
                .id());
    EnrollmentId id =
        ((dev.nudge.EnrollResult.Enrolled) a.enroll(c.id(), candidate("Ada Lovelace").build()))
            .id();
    Thread sending = new Thread(a::runDue);
    sending.start();
    assertThat(inSend.await(5, TimeUnit.SECONDS)).isTrue();

    sleep(Duration.ofSeconds(2)); // twice the lease: only renewals keep it
    b.runDue();
    sending.join(5000);

    assertThat(other.sent()).isEmpty();
    assertThat(b.enrollment(id).orElseThrow().step(1).status()).isEqualTo(StepStatus.SENT);
    assertThat(b.activity(id)).noneMatch(e -> "DELIVERY_UNKNOWN".equals(e.to()));
    a.close();
    b.close();
  }

  @Test
  void sendRacingAPauseWhoseEnrollmentsHaveNotFollowedYet_doesNotLeave() {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      // the pause is committed on the campaign while this step is about to go in flight; its
      // enrollments have not followed yet, so only the campaign's version tells
      store.beforeCommit(
          RacesTest::recordsStep1InFlight,
          ch -> {
            Campaign current = f.nudge.campaign(c.id()).orElseThrow();
            store.commit(
                dev.nudge.spi.store.Changes.builder()
                    .update(current.transition(CampaignStatus.PAUSED, f.clock.instant()))
                    .build());
          });

      f.run();

      assertThat(f.transport.sent()).isEmpty();
      assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.PENDING);
    }
  }

  @Test
  void resumeInterruptedHalfWay_isFinishedByTheNextRun() {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      EnrollmentId id = f.enroll(c.id(), "Ada Lovelace");
      f.nudge.pauseCampaign(c.id());
      store.beforeCommit(
          ch ->
              ch.updatedEnrollments().size() == 1
                  && ch.updatedEnrollments().get(0).next().step(1).status() == StepStatus.SCHEDULED,
          ch -> {
            throw new IllegalStateException("node died");
          });
      f.nudge.resumeCampaign(c.id());
      assertThat(f.step(id, 1).status()).isEqualTo(StepStatus.PENDING);

      f.advance(Duration.ofMinutes(1));

      assertThat(f.transport.sent()).hasSize(1);
      assertThat(f.nudge.campaign(c.id()).orElseThrow().syncPending()).isFalse();
    }
  }

  @Test
  void samePersonEnrolledTwiceAtOnceUnderTwoIds_isEnrolledOnce() {
    try (Fixture f = fixture()) {
      Campaign c = f.startedCampaign();
      java.util.concurrent.atomic.AtomicReference<dev.nudge.EnrollResult> other =
          new java.util.concurrent.atomic.AtomicReference<>();
      store.beforeCommit(
          ch -> !ch.insertedEnrollments().isEmpty(),
          ch ->
              other.set(
                  f.nudge.enroll(
                      c.id(),
                      dev.nudge.Candidate.builder("ats-2", "Ada L.", "ada@example.com").build())));

      dev.nudge.EnrollResult first =
          f.nudge.enroll(
              c.id(),
              dev.nudge.Candidate.builder("ats-1", "Ada Lovelace", "ada@example.com").build());
      f.run();

      assertThat(other.get()).isInstanceOf(dev.nudge.EnrollResult.Enrolled.class);
      assertThat(first)
          .isEqualTo(
              new dev.nudge.EnrollResult.AlreadyEnrolled(
                  ((dev.nudge.EnrollResult.Enrolled) other.get()).id()));
      assertThat(f.transport.sent()).hasSize(1);
    }
  }

  private Nudge node(Clock clock, RecordingTransport transport, Tuning tuning, String name) {
    return Fixture.registered(
        Nudge.builder()
            .clock(clock)
            .store(store)
            .mailTransport(transport)
            .todoSink(TodoSink.none())
            .tuning(tuning)
            .nodeId(name)
            .build());
  }

  /**
   * Two nodes on one store under the resend policy: node A's send of Ada's step 1 stalls inside its
   * transport until {@link #answer}, past its lease once {@link #leaseRunsOut}; node B, whose
   * transport is {@code fast}, may take the step over.
   */
  private final class Takeover implements AutoCloseable {
    final Tuning resend =
        Tuning.builder().deliveryUnknown(Tuning.DeliveryUnknownPolicy.RESEND).build();
    final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
    final CountDownLatch letGo = new CountDownLatch(1);
    final RecordingTransport slow;
    final RecordingTransport fast;
    final Nudge a;
    final Nudge b;
    final EnrollmentId id;
    final Thread stalled;

    Takeover(RecordingTransport fast) throws InterruptedException {
      CountDownLatch inSend = new CountDownLatch(1);
      this.slow =
          new RecordingTransport()
              .answerWith(
                  m -> {
                    inSend.countDown();
                    await(letGo);
                    return SendResult.accepted();
                  });
      this.fast = fast;
      this.a = node(clock, slow, resend, "a");
      this.b = node(clock, fast, resend, "b");
      Campaign c = a.startCampaign(a.createCampaign(Fixture.definition().build()).id());
      this.id =
          ((dev.nudge.EnrollResult.Enrolled) a.enroll(c.id(), candidate("Ada Lovelace").build()))
              .id();
      this.stalled = new Thread(a::runDue);
      stalled.start();
      assertThat(inSend.await(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Moves the clock past A's lease. */
    void leaseRunsOut() {
      clock.advance(resend.lease().plusMinutes(1));
    }

    /** A's transport accepts the email, and A records the answer. */
    void answer() {
      letGo.countDown();
      try {
        stalled.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      a.close();
      b.close();
    }
  }

  /** Whether a commit records step 1 of an enrollment as in flight. */
  private static boolean recordsStep1InFlight(dev.nudge.spi.store.Changes ch) {
    return ch.updatedEnrollments().stream()
        .anyMatch(u -> u.next().step(1).state() == StepState.IN_FLIGHT);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
