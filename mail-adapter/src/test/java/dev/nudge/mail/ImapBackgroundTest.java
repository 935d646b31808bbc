package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentId;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poller in the background [S19]: one thread per inbox picks up mail that arrives after it
 * started — told at once by the server (IDLE), or by looking every poll interval — and {@link
 * ImapInboxPoller#close()} stops it promptly, also in the middle of an IDLE.
 */
class ImapBackgroundTest {
  private static final String ADA = "Ada Lovelace";

  private final ImapWorld world = new ImapWorld();

  @AfterEach
  void close() {
    world.close();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private boolean replied(EnrollmentId id) {
    return world.nudge.enrollment(id).orElseThrow().reason() == CompletionReason.REPLIED;
  }

  private static boolean pollerThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith("nudge-imap-"));
  }

  @Test
  void withIdle_mailDeliveredAfterStart_isPickedUp_andCloseCutsTheIdleShort() {
    ImapWorld.Sent sent = world.sentStepOne(ADA);
    // a long poll interval and read timeout: only IDLE makes the mail arrive in time
    ImapInboxPoller poller =
        world.poller(
            ImapInbox.builder(
                    ImapWorld.ALICE,
                    ImapRoute.builder("127.0.0.1", world.greenMail.getImap().getPort())
                        .tls(TlsMode.NONE)
                        .credentials(Credentials.password(ImapWorld.LOGIN, ImapWorld.PASSWORD))
                        .readTimeout(Duration.ofMinutes(5))
                        .build())
                .pollInterval(Duration.ofMinutes(10))
                .build());
    poller.start();
    await("the first look at the inbox", () -> !world.checkpoint().isEmpty());

    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));

    // the in-memory store's readers may see the enrollment before the log entry of its commit
    await(
        "the reply is recorded and logged",
        () -> replied(sent.id(ADA)) && world.nudge.inbound(10).size() == 1);
    assertThat(world.flagsInInbox()).noneMatch(f -> f.contains("Seen"));

    long before = System.nanoTime();
    poller.close();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
    await("the poller's threads end", () -> !pollerThreadsAlive());
    assertThatThrownBy(poller::pollOnce).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutIdle_mailDeliveredAfterStart_isFoundByLookingEveryPollInterval() {
    ImapWorld.Sent sent = world.sentStepOne(ADA);
    ImapInboxPoller poller =
        world.poller(world.inbox().idle(false).pollInterval(Duration.ofMillis(200)).build());
    poller.start();
    await("the first look at the inbox", () -> !world.checkpoint().isEmpty());

    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));

    await(
        "the reply is recorded and logged",
        () -> replied(sent.id(ADA)) && world.nudge.inbound(10).size() == 1);
    long before = System.nanoTime();
    poller.close();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aStartedPoller_refusesPollOnce_andASecondStart() {
    ImapInboxPoller poller = world.poller();
    poller.start();

    assertThatThrownBy(poller::pollOnce)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("background");
    assertThatThrownBy(poller::start).isInstanceOf(IllegalStateException.class);
  }
}
