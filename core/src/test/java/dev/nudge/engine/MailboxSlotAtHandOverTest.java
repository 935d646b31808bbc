package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.MailboxState;
import dev.nudge.spi.store.StepState;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.ForwardingMailboxes;
import dev.nudge.testkit.ForwardingStore;
import dev.nudge.testkit.InterceptingStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A mailbox's minimum gap and daily cap hold for the moments emails are handed to the transport,
 * not only for the moments their sends were decided: a batch whose earlier sends are slow hands its
 * later emails over minutes after it took their mailbox slots [S16, S17].
 */
class MailboxSlotAtHandOverTest {
  /** A second mailbox, whose every send takes the transport a while. */
  private static final SenderMailbox SLOW =
      SenderMailbox.of("bob@acme.example", "Bob Recruiter").withZone(Fixture.NEW_YORK);

  private final Fixture f =
      new Fixture(
          Fixture.MONDAY_9AM_NY,
          Tuning.builder().resumeSpread(Duration.ZERO).build(),
          new InMemoryStore());

  /** When each email of the fixture's mailbox was handed to the transport. */
  private final List<Instant> handedOver = new ArrayList<>();

  private void slowSendsTake(Duration each) {
    f.nudge.registerMailbox(SLOW);
    f.transport.answerWith(
        m -> {
          if (m.from().equals(SLOW.address())) {
            f.clock.advance(each);
          } else {
            handedOver.add(f.clock.instant());
          }
          return SendResult.accepted();
        });
  }

  @Test
  void minimumGap_isKeptBetweenHandOvers_whenABatchHandsAnEmailOverLate() {
    f.mailbox(Fixture.mailbox().withMinimumGap(Duration.ofMinutes(2)));
    slowSendsTake(Duration.ofSeconds(90));
    Campaign fast = f.startedCampaign();
    Campaign slow = f.nudge.startCampaign(f.create(Fixture.definition(SLOW.address())).id());
    f.enroll(slow.id(), "Bob Builder");
    f.clock.advance(Duration.ofMinutes(1));
    EnrollmentId ada = f.enroll(fast.id(), "Ada Lovelace");
    EnrollmentId grace = f.enroll(fast.id(), "Grace Hopper");

    // 09:01: one batch; Bob's email takes 90 s, so the fixture mailbox's first email, whose slot
    // was taken at 09:01:00, is handed over at 09:02:30; the other waits for the gap
    f.run();
    f.advance(Duration.ofMinutes(1));
    f.runFor(Duration.ofMinutes(10));

    assertThat(f.step(ada, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(f.step(grace, 1).status()).isEqualTo(StepStatus.SENT);
    assertThat(handedOver).hasSize(2);
    assertThat(Duration.between(handedOver.get(0), handedOver.get(1)))
        .as("between the hand-overs %s", handedOver)
        .isGreaterThanOrEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void dailyCap_countsAnEmailOnTheDayItIsHandedOver_notTheDayItWasDecided() {
    f.mailbox(Fixture.mailbox().withDailyCap(3));
    slowSendsTake(Duration.ofMinutes(1));
    Campaign fast = f.startedCampaign(d -> d.schedule(SendingSchedule.always()));
    Campaign slow =
        f.nudge.startCampaign(
            f.create(Fixture.definition(SLOW.address()).schedule(SendingSchedule.always())).id());
    Instant mondayLate = ZonedDateTime.of(2026, 3, 2, 23, 58, 30, 0, Fixture.NEW_YORK).toInstant();
    f.clock.set(mondayLate);
    f.enroll(slow.id(), "Bob Builder");
    f.clock.advance(Duration.ofMinutes(1));
    f.enroll(fast.id(), "Ada Lovelace");

    // 23:59:30 on Monday: Ada's slot is taken on Monday, her email handed over on Tuesday at
    // 00:00:30, after Bob's
    f.run();
    List<EnrollmentId> tuesday = new ArrayList<>();
    for (String name : List.of("Carol Shaw", "Dan Ingalls", "Edsger Dijkstra")) {
      tuesday.add(f.enroll(fast.id(), name));
    }
    f.runFor(Duration.ofHours(2));

    assertThat(handedOver)
        .as("emails of the fixture mailbox handed over on Tuesday %s", handedOver)
        .filteredOn(t -> LocalDate.ofInstant(t, Fixture.NEW_YORK).equals(LocalDate.of(2026, 3, 3)))
        .hasSize(3);
    assertThat(tuesday)
        .as("the fourth email of Tuesday waits for Wednesday")
        .filteredOn(id -> f.step(id, 1).status() == StepStatus.SCHEDULED)
        .hasSize(1);
  }

  @Test
  void stepsQueuedByTheGap_leaveOneGapApart_whenTheFirstWasHandedOverLate() {
    f.mailbox(Fixture.mailbox().withMinimumGap(Duration.ofMinutes(2)));
    slowSendsTake(Duration.ofSeconds(10));
    Campaign fast = f.startedCampaign();
    Campaign slow = f.nudge.startCampaign(f.create(Fixture.definition(SLOW.address())).id());
    f.enroll(slow.id(), "Bob Builder");
    f.clock.advance(Duration.ofMinutes(1));
    Instant start = f.clock.instant();
    for (String name : List.of("Ada Lovelace", "Grace Hopper", "Carol Shaw")) {
      f.enroll(fast.id(), name);
    }

    // 09:01: one batch; Bob's send takes 10 s, so Ada's email leaves at 09:01:10; Grace and Carol
    // are told to come back at 09:03 and 09:05 (one gap after the decision, not the hand-over). A
    // runner polls every second.
    f.run();
    while (f.clock.instant().isBefore(start.plus(Duration.ofMinutes(6)))) {
      f.advance(Duration.ofSeconds(1));
    }

    // what the gap allows: 09:01:10, 09:03:10, 09:05:10
    assertThat(handedOver)
        .as("three emails within six minutes under a 2-minute gap (handed over %s)", handedOver)
        .hasSize(3);
    for (int i = 1; i < handedOver.size(); i++) {
      assertThat(Duration.between(handedOver.get(i - 1), handedOver.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }
  }

  /** A ledger whose next read runs {@link #onRead} once: a slow or contended mailbox row. */
  private static final class SlowLedger extends ForwardingStore {
    volatile @Nullable Runnable onRead;

    SlowLedger(InterceptingStore store) {
      super(store);
    }

    @Override
    public MailboxRepository mailboxes() {
      return new ForwardingMailboxes(delegate.mailboxes()) {
        @Override
        public Optional<MailboxState> find(EmailAddress address) {
          Runnable r = onRead;
          if (r != null) {
            onRead = null;
            r.run();
          }
          return delegate.find(address);
        }
      };
    }
  }

  @Test
  void emailWhoseSlotConfirmationOutlastsTheWindow_isNotHandedOverAfterTheWindowClosed() {
    InterceptingStore intercepting = new InterceptingStore();
    SlowLedger store = new SlowLedger(intercepting);
    Instant monday1659 = ZonedDateTime.of(2026, 3, 2, 16, 59, 0, 0, Fixture.NEW_YORK).toInstant();
    try (Fixture f =
        new Fixture(monday1659, Tuning.builder().resumeSpread(Duration.ZERO).build(), store)) {
      f.mailbox(Fixture.mailbox().withMinimumGap(Duration.ofMinutes(2)));
      List<Instant> handedOver = new ArrayList<>();
      f.transport.answerWith(
          m -> {
            handedOver.add(f.clock.instant());
            return SendResult.accepted();
          });
      Campaign c = f.startedCampaign();
      f.enroll(c.id(), "Ada Lovelace");
      // the in-flight record takes a second; the confirmation's read of the mailbox row then
      // waits a minute (a busy row, a slow database): it is 17:00:01 when it returns
      intercepting.afterCommit(
          ch ->
              ch.updatedEnrollments().stream()
                  .anyMatch(u -> u.next().step(1).state() == StepState.IN_FLIGHT),
          ch -> {
            f.clock.advance(Duration.ofSeconds(1));
            store.onRead = () -> f.clock.advance(Duration.ofMinutes(1));
          });

      f.run();

      assertThat(handedOver)
          .as("handed over inside Monday's 09:00-17:00 window (%s)", handedOver)
          .allMatch(
              t ->
                  ZonedDateTime.ofInstant(t, Fixture.NEW_YORK)
                      .toLocalTime()
                      .isBefore(LocalTime.of(17, 0)));
    }
  }

  @AfterEach
  void close() {
    f.close();
  }
}
