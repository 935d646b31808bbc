package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.SendAttempt;
import dev.nudge.SettableClock;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.StepState;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.RecordingTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Several engines on one store; a node that dies between "in flight" and "sent" [S24]: by default
 * the step is not sent again and shows delivery unknown; a resend policy exists.
 */
class CrashRecoveryTest {
  /** Stands for the process dying inside the SMTP call: nothing after it runs. */
  static final class NodeDied extends Error {
    private static final long serialVersionUID = 1L;
  }

  private final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
  private final InMemoryStore store = new InMemoryStore();

  private Nudge node(String name, RecordingTransport transport, Tuning tuning) {
    Nudge node =
        Nudge.builder()
            .clock(clock)
            .store(store)
            .mailTransport(transport)
            .tuning(tuning)
            .nodeId(name)
            .build();
    node.registerMailbox(Fixture.mailbox());
    return node;
  }

  private EnrollmentId crashInFlight(Nudge dying, RecordingTransport transport) {
    Campaign c = dying.createCampaign(Fixture.definition().build());
    dying.startCampaign(c.id());
    EnrollmentId id =
        ((dev.nudge.EnrollResult.Enrolled)
                dying.enroll(c.id(), Fixture.candidate("Ada Lovelace").build()))
            .id();
    transport.answerWith(
        m -> {
          throw new NodeDied();
        });
    assertThatThrownBy(dying::runDue).isInstanceOf(NodeDied.class);
    assertThat(store.enrollments().find(id).orElseThrow().step(1).state())
        .isEqualTo(StepState.IN_FLIGHT);
    return id;
  }

  @Test
  void stepInFlightWhenItsNodeDied_isNotSentAgain_andShowsDeliveryUnknown() {
    RecordingTransport dyingTransport = new RecordingTransport();
    RecordingTransport survivorTransport = new RecordingTransport();
    Nudge dying = node("a", dyingTransport, Tuning.defaults());
    Nudge survivor = node("b", survivorTransport, Tuning.defaults());
    EnrollmentId id = crashInFlight(dying, dyingTransport);

    // while the lease lives nobody touches it
    survivor.runDue();
    assertThat(store.enrollments().find(id).orElseThrow().step(1).state())
        .isEqualTo(StepState.IN_FLIGHT);

    // after it expires the survivor takes over
    clock.advance(Tuning.defaults().lease().plusSeconds(1));
    survivor.runDue();

    var e = store.enrollments().find(id).orElseThrow();
    assertThat(e.step(1).status()).isEqualTo(StepStatus.DELIVERY_UNKNOWN);
    assertThat(e.step(1).attempts().get(0).outcome()).isEqualTo(SendAttempt.Outcome.UNKNOWN);
    assertThat(e.step(2).status()).isEqualTo(StepStatus.SCHEDULED);
    assertThat(survivorTransport.sent()).isEmpty();
    var row =
        survivor
            .candidates(
                e.campaignId(), dev.nudge.CandidatesQuery.of(dev.nudge.CandidateView.ACTIVE))
            .items()
            .get(0);
    assertThat(row.steps().get(0).status()).isEqualTo(StepStatus.DELIVERY_UNKNOWN);
  }

  @Test
  void resendPolicy_sendsTheStepAgainAfterTheLeaseExpires() {
    Tuning resend = Tuning.builder().deliveryUnknown(Tuning.DeliveryUnknownPolicy.RESEND).build();
    RecordingTransport dyingTransport = new RecordingTransport();
    RecordingTransport survivorTransport = new RecordingTransport();
    Nudge dying = node("a", dyingTransport, resend);
    Nudge survivor = node("b", survivorTransport, resend);
    EnrollmentId id = crashInFlight(dying, dyingTransport);

    clock.advance(resend.lease().plusSeconds(1));
    survivor.runDue();
    survivor.runDue();

    assertThat(survivorTransport.sent()).hasSize(1);
    var e = store.enrollments().find(id).orElseThrow();
    assertThat(e.step(1).status()).isEqualTo(StepStatus.SENT);
    assertThat(e.step(1).attempts())
        .extracting(SendAttempt::outcome)
        .containsExactly(SendAttempt.Outcome.UNKNOWN, SendAttempt.Outcome.ACCEPTED);
  }

  @Test
  void twoNodesRunningTogether_sendEachStepOnce() throws Exception {
    RecordingTransport shared = new RecordingTransport();
    Nudge a = node("a", shared, Tuning.builder().claimBatchSize(7).build());
    Nudge b = node("b", shared, Tuning.builder().claimBatchSize(7).build());
    a.updateMailbox(Fixture.mailbox().withDailyCap(1000));
    Campaign c = a.createCampaign(Fixture.definition().build());
    a.startCampaign(c.id());
    for (int i = 0; i < 300; i++) {
      a.enroll(c.id(), Fixture.candidate("Candidate " + i).build());
    }

    Thread t1 = new Thread(a::runDue);
    Thread t2 = new Thread(b::runDue);
    t1.start();
    t2.start();
    t1.join();
    t2.join();

    assertThat(shared.sent()).hasSize(300);
    assertThat(shared.sent().stream().map(m -> m.step()).distinct()).hasSize(300);
  }

  @Test
  void nodeWhoseLeaseWasTakenOver_doesNotSend() {
    RecordingTransport slowTransport = new RecordingTransport();
    RecordingTransport otherTransport = new RecordingTransport();
    Nudge slow = node("slow", slowTransport, Tuning.defaults());
    Nudge other = node("other", otherTransport, Tuning.defaults());
    Campaign c = slow.createCampaign(Fixture.definition().build());
    slow.startCampaign(c.id());
    slow.enroll(c.id(), Fixture.candidate("Ada Lovelace").build());

    // the slow node claims, then stalls past its lease; the other node claims and sends
    var claim = store.dueSteps().claim("slow", clock.instant(), Duration.ofMinutes(1), 10);
    clock.advance(Duration.ofMinutes(2));
    other.runDue();
    assertThat(otherTransport.sent()).hasSize(1);
    assertThat(claim).hasSize(1);

    // the slow node wakes up: its fenced write is refused, so it cannot send a second time
    assertThatThrownBy(
            () ->
                store.commit(
                    dev.nudge.spi.store.Changes.builder()
                        .update(
                            bump(
                                store
                                    .enrollments()
                                    .find(claim.get(0).enrollmentId())
                                    .orElseThrow()),
                            claim.get(0))
                        .build()))
        .isInstanceOf(dev.nudge.spi.store.ConflictException.class)
        .extracting(e -> ((dev.nudge.spi.store.ConflictException) e).kind())
        .isEqualTo(dev.nudge.spi.store.ConflictException.Kind.LEASE_LOST);
    assertThat(slowTransport.sent()).isEmpty();
  }

  private static dev.nudge.Enrollment bump(dev.nudge.Enrollment e) {
    return new dev.nudge.Enrollment(
        e.id(),
        e.campaignId(),
        e.candidate(),
        e.status(),
        e.reason(),
        e.pausedFrom(),
        e.addressIndex(),
        e.steps(),
        e.holdUntil(),
        e.enrolledAt(),
        e.lastActivityAt(),
        e.version() + 1);
  }
}
