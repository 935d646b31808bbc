package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.SenderMailbox;
import dev.nudge.spi.store.MailboxState;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules of a mailbox's caps [S17]: a daily cap counted on the mailbox's local day and a minimum
 * gap, with steps denied by the gap queued one gap apart; applied by every engine to the state a
 * store keeps, and across engines through compare-and-set on that state.
 */
class MailboxPolicyTest {
  private static final LocalDate JAN_15 = LocalDate.of(2026, 1, 15);
  private static final LocalDate JAN_16 = LocalDate.of(2026, 1, 16);

  /** The policy over one stored state per address, the way the engine applies it. */
  private final Ledger ledger = new Ledger();

  private Ledger ledger() {
    return ledger;
  }

  private static final class Ledger {
    private final Map<String, MailboxState> states = new HashMap<>();

    SlotDecision tryAcquire(SenderMailbox m, Instant now) {
      MailboxPolicy.Outcome o = MailboxPolicy.tryAcquire(state(m), now);
      if (o.next() != null) {
        states.put(m.address().key(), o.next());
      }
      return o.decision();
    }

    SlotDecision confirm(SenderMailbox m, SlotDecision slot, Instant now) {
      SlotDecision.Granted granted = (SlotDecision.Granted) slot;
      if (!MailboxPolicy.needsConfirmation(m, granted, now)) {
        return granted;
      }
      MailboxPolicy.Outcome o = MailboxPolicy.confirm(state(m), granted, now);
      if (o.next() != null) {
        states.put(m.address().key(), o.next());
      }
      return o.decision();
    }

    void release(SenderMailbox m, SlotDecision.Granted slot) {
      MailboxState next = MailboxPolicy.release(state(m), slot);
      if (next != null) {
        states.put(m.address().key(), next);
      }
    }

    int sentOn(EmailAddress address, LocalDate day) {
      MailboxState s = states.get(address.key());
      return s == null ? 0 : MailboxPolicy.sentOn(s, day);
    }

    private MailboxState state(SenderMailbox m) {
      MailboxState s = states.get(m.address().key());
      return s == null
          ? MailboxState.registered(m)
          : new MailboxState(
              m, s.day(), s.sentOnDay(), s.lastSend(), s.queued(), s.hold(), s.version());
    }
  }

  /** A mailbox counting days in New York. */
  private static SenderMailbox mailbox(String address, int cap) {
    return SenderMailbox.of(address, "Sender").withZone(StoreData.NEW_YORK).withDailyCap(cap);
  }

  /** The instant of a local time in New York. */
  private static Instant ny(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(StoreData.NEW_YORK).toInstant();
  }

  @Test
  void dailyCap_countsTheLocalDayOfTheMailboxZone() {
    SenderMailbox m = mailbox("alice@acme.example", 1);
    Instant lateEvening = ny(JAN_15, 23, 30);
    Instant pastMidnight = ny(JAN_16, 0, 30);
    assertThat(lateEvening.atZone(ZoneOffset.UTC).toLocalDate())
        .isEqualTo(pastMidnight.atZone(ZoneOffset.UTC).toLocalDate());

    assertThat(ledger().tryAcquire(m, lateEvening)).isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(m, pastMidnight)).isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(m, ny(JAN_16, 1, 0))).isInstanceOf(SlotDecision.Denied.class);

    assertThat(ledger().sentOn(m.address(), JAN_16)).isEqualTo(1);
  }

  @Test
  void slotConfirmedLate_movesTheGapToTheHandOver() {
    SenderMailbox m = mailbox("alice@acme.example", 10).withMinimumGap(Duration.ofMinutes(2));
    SlotDecision taken = ledger().tryAcquire(m, ny(JAN_15, 9, 0));

    SlotDecision handedOver = ledger().confirm(m, taken, ny(JAN_15, 9, 1));

    assertThat(handedOver).isEqualTo(new SlotDecision.Granted(ny(JAN_15, 9, 1), null));
    assertThat(ledger().tryAcquire(m, ny(JAN_15, 9, 2)))
        .as("two minutes after the decision, one after the hand-over")
        .isEqualTo(new SlotDecision.Denied(ny(JAN_15, 9, 3), "minimum gap"));
    assertThat(ledger().sentOn(m.address(), JAN_15)).isOne();
  }

  @Test
  void queuedStepBackBeforeALateHandOverFreesTheGap_comesBackWhenItFrees_keepingItsPlace() {
    SenderMailbox m = mailbox("alice@acme.example", 10).withMinimumGap(Duration.ofMinutes(2));
    SlotDecision first = ledger().tryAcquire(m, ny(JAN_15, 9, 0));
    assertThat(ledger().tryAcquire(m, ny(JAN_15, 9, 0)))
        .isEqualTo(new SlotDecision.Denied(ny(JAN_15, 9, 2), "minimum gap"));
    Instant handedOver = ny(JAN_15, 9, 0).plusSeconds(10);
    ledger().confirm(m, first, handedOver);

    assertThat(ledger().tryAcquire(m, ny(JAN_15, 9, 2)))
        .isEqualTo(new SlotDecision.Denied(ny(JAN_15, 9, 2).plusSeconds(10), "minimum gap"));
    assertThat(ledger().tryAcquire(m, ny(JAN_15, 9, 2).plusSeconds(10)))
        .isInstanceOf(SlotDecision.Granted.class);
  }

  @Test
  void slotConfirmedAfterALaterSlotWasTaken_isDenied() {
    SenderMailbox m = mailbox("alice@acme.example", 10).withMinimumGap(Duration.ofMinutes(2));
    SlotDecision stalled = ledger().tryAcquire(m, ny(JAN_15, 9, 0));
    ledger().tryAcquire(m, ny(JAN_15, 9, 2));

    assertThat(ledger().confirm(m, stalled, ny(JAN_15, 9, 3)))
        .isEqualTo(new SlotDecision.Denied(ny(JAN_15, 9, 4), "minimum gap"));
  }

  @Test
  void slotWithoutAGap_confirmedTheSameDay_needsNoConfirmation() {
    SenderMailbox m = mailbox("alice@acme.example", 10);
    SlotDecision taken = ledger().tryAcquire(m, ny(JAN_15, 9, 0));

    assertThat(MailboxPolicy.needsConfirmation(m, (SlotDecision.Granted) taken, ny(JAN_15, 17, 0)))
        .isFalse();
  }

  @Test
  void slotTakenBeforeMidnight_andHandedOverAfter_countsOnTheNewDay() {
    SenderMailbox m = mailbox("alice@acme.example", 2);
    SlotDecision taken = ledger().tryAcquire(m, ny(JAN_15, 23, 59));

    assertThat(ledger().confirm(m, taken, ny(JAN_16, 0, 1)))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().sentOn(m.address(), JAN_16)).isOne();
    assertThat(ledger().tryAcquire(m, ny(JAN_16, 9, 0))).isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(m, ny(JAN_16, 10, 0)))
        .isEqualTo(new SlotDecision.Denied(ny(LocalDate.of(2026, 1, 17), 0, 0), "daily cap"));
  }

  @Test
  void slotHandedOverOnADayWhoseCapIsReached_isDeniedUntilTheNextDay() {
    SenderMailbox m = mailbox("alice@acme.example", 1);
    SlotDecision stalled = ledger().tryAcquire(m, ny(JAN_15, 23, 59));
    ledger().tryAcquire(m, ny(JAN_16, 0, 0));

    assertThat(ledger().confirm(m, stalled, ny(JAN_16, 0, 1)))
        .isEqualTo(new SlotDecision.Denied(ny(LocalDate.of(2026, 1, 17), 0, 0), "daily cap"));
  }

  @Test
  void aClockBehindTheOneThatCounted_countsAgainstTheNewerDay() {
    SenderMailbox m = mailbox("alice@acme.example", 1);
    ledger().tryAcquire(m, ny(JAN_16, 9, 0));

    assertThat(ledger().tryAcquire(m, ny(JAN_15, 23, 59))).isInstanceOf(SlotDecision.Denied.class);
  }

  @Test
  void capDenial_retriesAtTheNextLocalMidnight() {
    SenderMailbox m = mailbox("alice@acme.example", 2);
    ledger().tryAcquire(m, ny(JAN_15, 10, 0));
    ledger().tryAcquire(m, ny(JAN_15, 11, 0));

    SlotDecision third = ledger().tryAcquire(m, ny(JAN_15, 12, 0));

    assertThat(third).isEqualTo(new SlotDecision.Denied(ny(JAN_16, 0, 0), "daily cap"));
  }

  @Test
  void capDenial_onTheDayClocksGoForward_retriesAtTheNextLocalMidnight() {
    SenderMailbox m = mailbox("alice@acme.example", 1);
    LocalDate springForward = LocalDate.of(2026, 3, 8);
    ledger().tryAcquire(m, ny(springForward, 10, 0));

    SlotDecision denied = ledger().tryAcquire(m, ny(springForward, 12, 0));

    assertThat(denied)
        .isEqualTo(new SlotDecision.Denied(Instant.parse("2026-03-09T04:00:00Z"), "daily cap"));
  }

  @Test
  void deniedSlots_areNotCounted() {
    SenderMailbox m = mailbox("alice@acme.example", 1);
    ledger().tryAcquire(m, ny(JAN_15, 10, 0));

    ledger().tryAcquire(m, ny(JAN_15, 11, 0));
    ledger().tryAcquire(m, ny(JAN_15, 12, 0));

    assertThat(ledger().sentOn(m.address(), JAN_15)).isEqualTo(1);
  }

  @Test
  void minimumGap_deniesUntilTheLastSendPlusTheGap() {
    SenderMailbox m = mailbox("alice@acme.example", 100).withMinimumGap(Duration.ofMinutes(10));
    Instant first = ny(JAN_15, 10, 0);
    assertThat(ledger().tryAcquire(m, first)).isInstanceOf(SlotDecision.Granted.class);

    SlotDecision tooSoon = ledger().tryAcquire(m, first.plus(Duration.ofMinutes(3)));

    assertThat(tooSoon)
        .isEqualTo(new SlotDecision.Denied(first.plus(Duration.ofMinutes(10)), "minimum gap"));
    assertThat(ledger().tryAcquire(m, first.plus(Duration.ofMinutes(10))))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().sentOn(m.address(), JAN_15)).isEqualTo(2);
  }

  @Test
  void stepsDeniedByTheGap_areQueuedOneGapApart() {
    SenderMailbox m = mailbox("alice@acme.example", 100).withMinimumGap(Duration.ofMinutes(10));
    Instant first = ny(JAN_15, 10, 0);
    ledger().tryAcquire(m, first);

    SlotDecision a = ledger().tryAcquire(m, first.plusSeconds(1));
    SlotDecision b = ledger().tryAcquire(m, first.plusSeconds(2));
    SlotDecision c = ledger().tryAcquire(m, first.plusSeconds(3));

    assertThat(List.of(a, b, c))
        .extracting(d -> ((SlotDecision.Denied) d).retryAt())
        .containsExactly(
            first.plus(Duration.ofMinutes(10)),
            first.plus(Duration.ofMinutes(20)),
            first.plus(Duration.ofMinutes(30)));
    // each comes back at its time and is let through
    assertThat(ledger().tryAcquire(m, first.plus(Duration.ofMinutes(10))))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(m, first.plus(Duration.ofMinutes(20))))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(m, first.plus(Duration.ofMinutes(30))))
        .isInstanceOf(SlotDecision.Granted.class);
  }

  @Test
  void queue_startsAnew_afterTheMailboxWasIdle() {
    // steps queued in the evening move to the next morning's window: the queue must not carry over
    SenderMailbox m = mailbox("alice@acme.example", 100).withMinimumGap(Duration.ofMinutes(10));
    Instant evening = ny(JAN_15, 16, 55);
    ledger().tryAcquire(m, evening);
    for (int i = 0; i < 20; i++) {
      ledger().tryAcquire(m, evening.plusSeconds(i + 1));
    }
    Instant morning = ny(JAN_16, 9, 0);

    assertThat(ledger().tryAcquire(m, morning)).isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(m, morning.plusSeconds(1)))
        .isEqualTo(new SlotDecision.Denied(morning.plus(Duration.ofMinutes(10)), "minimum gap"));
  }

  @Test
  void grantedSlot_carriesItsTimeAndTheSendBefore() {
    SenderMailbox m = mailbox("alice@acme.example", 100);
    Instant first = ny(JAN_15, 10, 0);
    ledger().tryAcquire(m, first);

    SlotDecision second = ledger().tryAcquire(m, first.plusSeconds(60));

    assertThat(second).isEqualTo(new SlotDecision.Granted(first.plusSeconds(60), first));
  }

  @Test
  void releasedSlot_isGivenBack_countAndGap() {
    SenderMailbox m = mailbox("alice@acme.example", 2).withMinimumGap(Duration.ofMinutes(10));
    Instant first = ny(JAN_15, 10, 0);
    ledger().tryAcquire(m, first);
    SlotDecision.Granted abandoned =
        (SlotDecision.Granted) ledger().tryAcquire(m, first.plus(Duration.ofMinutes(10)));

    ledger().release(m, abandoned);

    assertThat(ledger().sentOn(m.address(), JAN_15)).isEqualTo(1);
    assertThat(ledger().tryAcquire(m, first.plus(Duration.ofMinutes(10))))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().sentOn(m.address(), JAN_15)).isEqualTo(2);
  }

  @Test
  void differentMailboxes_countSeparately() {
    SenderMailbox alice = mailbox("alice@acme.example", 1);
    SenderMailbox bob = mailbox("bob@acme.example", 1);

    assertThat(ledger().tryAcquire(alice, ny(JAN_15, 10, 0)))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(bob, ny(JAN_15, 10, 0)))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().sentOn(alice.address(), JAN_15)).isEqualTo(1);
    assertThat(ledger().sentOn(bob.address(), JAN_15)).isEqualTo(1);
  }
}
