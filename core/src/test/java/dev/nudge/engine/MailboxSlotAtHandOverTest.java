package dev.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.EnrollmentId;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
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

  @AfterEach
  void close() {
    f.close();
  }
}
