package dev.nudge.storetest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.SenderMailbox;
import dev.nudge.spi.store.MailboxLedger;
import dev.nudge.spi.store.SlotDecision;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-mailbox send counters [S17]: a daily cap counted on the mailbox's local day and a minimum
 * gap, shared by every campaign sending from the address.
 */
abstract class MailboxLedgerContract extends ContractSupport {
  private static final LocalDate JAN_15 = LocalDate.of(2026, 1, 15);
  private static final LocalDate JAN_16 = LocalDate.of(2026, 1, 16);

  MailboxLedgerContract(StoreContractTest suite) {
    super(suite);
  }

  private MailboxLedger ledger() {
    return store.registers().mailboxes();
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

    assertThat(ledger().sentOn(m.address(), JAN_15)).isEqualTo(1);
    assertThat(ledger().sentOn(m.address(), JAN_16)).isEqualTo(1);
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
  void sentOn_isZeroForADayOrMailboxWithoutSends() {
    SenderMailbox m = mailbox("alice@acme.example", 5);
    ledger().tryAcquire(m, ny(JAN_15, 10, 0));

    assertThat(ledger().sentOn(m.address(), JAN_16)).isZero();
    assertThat(ledger().sentOn(EmailAddress.of("bob@acme.example"), JAN_15)).isZero();
  }

  @Test
  void mailboxesWithTheSameAddress_shareTheirCounters() {
    SenderMailbox fromOneCampaign = mailbox("alice@acme.example", 2);
    SenderMailbox fromAnother =
        new SenderMailbox(
            fromOneCampaign.address(), "Alice at Acme", 2, Duration.ZERO, fromOneCampaign.zone());

    assertThat(ledger().tryAcquire(fromOneCampaign, ny(JAN_15, 10, 0)))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(fromAnother, ny(JAN_15, 10, 5)))
        .isInstanceOf(SlotDecision.Granted.class);
    assertThat(ledger().tryAcquire(fromOneCampaign, ny(JAN_15, 10, 10)))
        .isInstanceOf(SlotDecision.Denied.class);
    assertThat(ledger().sentOn(fromOneCampaign.address(), JAN_15)).isEqualTo(2);
  }

  @Test
  void mailboxAddresses_areComparedIgnoringCase() {
    SenderMailbox lower = mailbox("alice@acme.example", 2);
    SenderMailbox upper = mailbox("Alice@ACME.example", 2);

    ledger().tryAcquire(lower, ny(JAN_15, 10, 0));
    ledger().tryAcquire(upper, ny(JAN_15, 10, 5));

    assertThat(ledger().tryAcquire(lower, ny(JAN_15, 10, 10)))
        .isInstanceOf(SlotDecision.Denied.class);
    assertThat(ledger().sentOn(EmailAddress.of("ALICE@acme.example"), JAN_15)).isEqualTo(2);
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

  @Test
  void concurrentRequests_areGrantedExactlyTheDailyCap() throws Exception {
    SenderMailbox m = mailbox("alice@acme.example", 50);
    int threads = 8;
    int attemptsEach = 20;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int n = 0; n < threads; n++) {
        int thread = n;
        Callable<Integer> worker =
            () -> {
              start.await();
              int granted = 0;
              for (int i = 0; i < attemptsEach; i++) {
                Instant at = ny(JAN_15, 9, 0).plusMillis(thread * 1000L + i);
                if (ledger().tryAcquire(m, at) instanceof SlotDecision.Granted) {
                  granted++;
                }
              }
              return granted;
            };
        results.add(pool.submit(worker));
      }
      start.countDown();
      int granted = 0;
      for (Future<Integer> r : results) {
        granted += r.get(60, TimeUnit.SECONDS);
      }

      assertThat(granted).isEqualTo(50);
      assertThat(ledger().sentOn(m.address(), JAN_15)).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }
}
