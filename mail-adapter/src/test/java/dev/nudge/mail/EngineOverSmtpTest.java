package dev.nudge.mail;

import static dev.nudge.testkit.Fixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.MailboxHold;
import dev.nudge.Nudge;
import dev.nudge.SendAttempt;
import dev.nudge.SettableClock;
import dev.nudge.StepExecution;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine sending through {@link SmtpMailTransport} to a server whose faults the test scripts
 * [S10, S18, S24]: every step is sent once, bounces go where they belong, refusals of the sender
 * hold its mailbox without losing a step, and a message whose answer was lost is never resent.
 */
class EngineOverSmtpTest {
  private static final String ADA = "ada.lovelace@example.com";

  private final SettableClock clock = new SettableClock(Fixture.MONDAY_9AM_NY);
  private final String[] password = {"right-password"};
  private ScriptedSmtpServer server;
  private SmtpMailTransport transport;
  private Nudge nudge;

  EngineOverSmtpTest() {
    server = ScriptedSmtpServer.builder().password("alice", "right-password").start();
    open(server.port());
  }

  private void open(int port) {
    transport =
        Emails.transport(
            Emails.localRoute(port)
                .credentials(Credentials.password("alice", () -> password[0]))
                .build());
    nudge =
        Nudge.builder()
            .clock(clock)
            .store(new InMemoryStore())
            .mailTransport(transport)
            .tuning(Tuning.builder().resumeSpread(Duration.ZERO).build())
            .nodeId("smtp-test")
            .build();
    nudge.registerMailbox(Fixture.mailbox());
  }

  @AfterEach
  void stop() {
    nudge.close();
    transport.close();
    server.close();
  }

  private Campaign campaign() {
    return nudge.startCampaign(nudge.createCampaign(Fixture.definition().build()).id());
  }

  private EnrollmentId enroll(Campaign c, String name) {
    return nudge.enroll(c.id(), candidate(name).build()).enrollmentId().orElseThrow();
  }

  private StepExecution step(EnrollmentId id, int n) {
    return nudge.enrollment(id).orElseThrow().step(n);
  }

  /** Moves the clock in steps of a few minutes, running what is due each time. */
  private void runFor(Duration total) {
    for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plusMinutes(5)) {
      clock.advance(Duration.ofMinutes(5));
      nudge.runDue();
    }
  }

  @Test
  void serverDownAtFirst_thenUp_eachStepIsSentOnce() {
    int port = ScriptedSmtpServer.freePort();
    server.close();
    nudge.close();
    transport.close();
    open(port);
    Campaign c = campaign();
    EnrollmentId ada = enroll(c, "Ada Lovelace");
    EnrollmentId alan = enroll(c, "Alan Turing");

    nudge.runDue();
    assertThat(step(ada, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    server = ScriptedSmtpServer.builder().port(port).password("alice", "right-password").start();
    runFor(Duration.ofHours(1));

    assertThat(server.receivedFor(ADA)).hasSize(1);
    assertThat(server.receivedFor("alan.turing@example.com")).hasSize(1);
    assertThat(step(ada, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(step(alan, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(step(ada, 1).attempts())
        .extracting(SendAttempt::outcome)
        .containsExactly(SendAttempt.Outcome.TRANSIENT_FAILURE, SendAttempt.Outcome.ACCEPTED);
  }

  @Test
  void unknownUser_isAHardBounce_andTheAlternateAddressGetsTheStep() {
    Campaign c = campaign();
    EnrollmentId ada =
        nudge
            .enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build())
            .enrollmentId()
            .orElseThrow();
    server.answerRcpt(ADA, "550 5.1.1 <" + ADA + ">: Recipient address rejected: User unknown");

    nudge.runDue();
    nudge.runDue();

    assertThat(server.receivedFor(ADA)).isEmpty();
    assertThat(server.receivedFor("ada@home.example")).hasSize(1);
    assertThat(step(ada, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(step(ada, 1).attempts())
        .extracting(SendAttempt::outcome)
        .containsExactly(SendAttempt.Outcome.PERMANENT_FAILURE, SendAttempt.Outcome.ACCEPTED);
    assertThat(nudge.enrollment(ada).orElseThrow().addressIndex()).isEqualTo(1);
  }

  @Test
  void mailboxFull_isRetriedLater_andSent() {
    Campaign c = campaign();
    EnrollmentId ada = enroll(c, "Ada Lovelace");
    server.answerRcpt(ADA, "452 4.2.2 Mailbox full");

    nudge.runDue();
    assertThat(step(ada, 1).status()).isEqualTo(StepStatus.SCHEDULED);
    runFor(Duration.ofHours(1));

    assertThat(server.receivedFor(ADA)).hasSize(1);
    assertThat(step(ada, 1).status()).isEqualTo(StepStatus.SENT);
  }

  @Test
  void connectionCutAfterTheDataBeforeTheAnswer_isDeliveryUnknown_andNeverResent() {
    Campaign c = campaign();
    EnrollmentId ada = enroll(c, "Ada Lovelace");
    server.answerData(ScriptedSmtpServer.DROP);

    nudge.runDue();
    runFor(Duration.ofHours(2));

    assertThat(step(ada, 1).status()).isEqualTo(StepStatus.DELIVERY_UNKNOWN);
    assertThat(step(ada, 1).attempts())
        .extracting(SendAttempt::outcome)
        .containsExactly(SendAttempt.Outcome.UNKNOWN);
    assertThat(server.receivedFor(ADA)).as("it did arrive, once").hasSize(1);
    assertThat(step(ada, 2).status()).as("the campaign goes on").isEqualTo(StepStatus.SCHEDULED);
  }

  @Test
  void refusedPassword_disconnectsTheMailbox_andAfterTheFixEveryStepIsSentOnce() {
    password[0] = "old-password";
    Campaign c = campaign();
    List<EnrollmentId> ids =
        List.of(enroll(c, "Ada Lovelace"), enroll(c, "Alan Turing"), enroll(c, "Grace Hopper"));

    nudge.runDue();

    assertThat(nudge.heldMailboxes())
        .singleElement()
        .satisfies(
            s ->
                assertThat(Objects.requireNonNull(s.hold()).kind())
                    .isEqualTo(MailboxHold.Kind.DISCONNECTED));
    assertThat(server.received()).isEmpty();
    for (EnrollmentId id : ids) {
      assertThat(step(id, 1).status()).isEqualTo(StepStatus.SCHEDULED);
      assertThat(step(id, 1).engagement().bounce()).isNull();
    }

    password[0] = "right-password";
    assertThat(nudge.reconnectMailbox(Fixture.sender())).isTrue();
    runFor(Duration.ofHours(2));

    assertThat(nudge.heldMailboxes()).isEmpty();
    for (EnrollmentId id : ids) {
      assertThat(step(id, 1).status()).isEqualTo(StepStatus.SENT);
    }
    assertThat(server.received()).hasSize(3);
    assertThat(server.received()).extracting(r -> r.recipient()).doesNotHaveDuplicates();
  }

  @Test
  void senderOnABlocklist_bouncesNobody_andPausesTheMailbox() {
    Campaign c = campaign();
    EnrollmentId ada =
        nudge
            .enroll(c.id(), candidate("Ada Lovelace").alternate("ada@home.example").build())
            .enrollmentId()
            .orElseThrow();
    EnrollmentId alan = enroll(c, "Alan Turing");
    server.answerRcpt(
        ADA,
        "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org");

    nudge.runDue();

    MailboxHold hold = Objects.requireNonNull(nudge.heldMailboxes().get(0).hold());
    assertThat(hold.kind()).isEqualTo(MailboxHold.Kind.PAUSED);
    assertThat(hold.reason()).contains("spamhaus");
    for (EnrollmentId id : List.of(ada, alan)) {
      assertThat(nudge.enrollment(id).orElseThrow().status()).isEqualTo(EnrollmentStatus.STARTED);
      assertThat(nudge.enrollment(id).orElseThrow().addressIndex()).isZero();
      assertThat(step(id, 1).engagement().bounce()).isNull();
    }

    // at the retry time one step goes out as the probe; whichever waited behind it follows
    // within the probe window once the probe went through
    clock.set(hold.retryAt());
    runFor(Duration.ofMinutes(10));

    assertThat(server.receivedFor(ADA)).hasSize(1);
    assertThat(server.receivedFor("alan.turing@example.com")).hasSize(1);
    assertThat(nudge.heldMailboxes()).isEmpty();
  }

  @Test
  void serverClosingIdleConnections_neverFailsASend() {
    server.close();
    nudge.close();
    transport.close();
    server =
        ScriptedSmtpServer.builder()
            .password("alice", "right-password")
            .idleTimeout(Duration.ofMillis(300))
            .start();
    open(server.port());
    Campaign c = campaign();
    EnrollmentId ada = enroll(c, "Ada Lovelace");
    nudge.runDue();

    Emails.sleep(Duration.ofMillis(700));
    EnrollmentId alan = enroll(c, "Alan Turing");
    nudge.runDue();
    Emails.sleep(Duration.ofMillis(1500));
    EnrollmentId grace = enroll(c, "Grace Hopper");
    nudge.runDue();

    for (EnrollmentId id : List.of(ada, alan, grace)) {
      assertThat(step(id, 1).attempts())
          .extracting(SendAttempt::outcome)
          .containsExactly(SendAttempt.Outcome.ACCEPTED);
    }
    assertThat(server.received()).hasSize(3);
  }
}
