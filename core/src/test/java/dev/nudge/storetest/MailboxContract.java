package dev.nudge.storetest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.MailboxHold;
import dev.nudge.SenderMailbox;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.MailboxState;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Registered sender mailboxes: one row per address (compared ignoring case) holding the settings
 * and the send counters, replaced only by compare-and-set on the version. The caps' rules are the
 * engine's; the store keeps the state exactly.
 */
abstract class MailboxContract extends ContractSupport {
  private static final SenderMailbox ALICE =
      SenderMailbox.of("alice@acme.example", "Alice Recruiter")
          .withDailyCap(75)
          .withMinimumGap(Duration.ofSeconds(90))
          .withZone(ZoneId.of("Europe/Berlin"));

  MailboxContract(StoreContractTest suite) {
    super(suite);
  }

  private MailboxRepository mailboxes() {
    return store.mailboxes();
  }

  private static MailboxState counted(
      MailboxState s, int sent, @Nullable Instant last, int queued) {
    return new MailboxState(
        s.mailbox(), LocalDate.of(2026, 3, 2), sent, last, queued, s.hold(), s.version() + 1);
  }

  /** The next version of a state, with one more email sent today and nothing queued. */
  private static MailboxState oneMoreSent(MailboxState s) {
    return new MailboxState(
        s.mailbox(), s.day(), s.sentOnDay() + 1, s.lastSend(), 0, s.hold(), s.version() + 1);
  }

  @Test
  void registeredMailbox_isReadBackExactly() {
    assertThat(mailboxes().insert(MailboxState.registered(ALICE))).isTrue();

    assertThat(mailboxes().find(ALICE.address())).contains(MailboxState.registered(ALICE));
  }

  @Test
  void unknownMailbox_isNotFound() {
    assertThat(mailboxes().find(EmailAddress.of("nobody@acme.example"))).isEmpty();
    assertThat(mailboxes().findAll()).isEmpty();
  }

  @Test
  void aLookupOfMoreAddressesThanOneStatementBinds_findsTheRegisteredOnes() {
    SenderMailbox bob = SenderMailbox.of("bob@acme.example", "Bob");
    mailboxes().insert(MailboxState.registered(ALICE));
    mailboxes().insert(MailboxState.registered(bob));
    List<EmailAddress> many = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      many.add(EmailAddress.of("m" + i + "@acme.example"));
    }
    many.add(600, ALICE.address());
    many.add(bob.address());

    assertThat(mailboxes().find(many))
        .extracting(MailboxState::mailbox)
        .containsExactlyInAnyOrder(ALICE, bob);
  }

  @Test
  void addresses_areComparedIgnoringCase() {
    mailboxes().insert(MailboxState.registered(ALICE));

    assertThat(mailboxes().find(EmailAddress.of("ALICE@Acme.example"))).isPresent();
    assertThat(
            mailboxes()
                .insert(MailboxState.registered(SenderMailbox.of("Alice@ACME.example", "Other"))))
        .isFalse();
    assertThat(mailboxes().find(ALICE.address()).orElseThrow().mailbox()).isEqualTo(ALICE);
  }

  @Test
  void findAll_listsEveryMailbox_byAddress() {
    SenderMailbox zed = SenderMailbox.of("zed@acme.example", "Zed");
    SenderMailbox bob = SenderMailbox.of("bob@acme.example", "Bob");
    mailboxes().insert(MailboxState.registered(zed));
    mailboxes().insert(MailboxState.registered(ALICE));
    mailboxes().insert(MailboxState.registered(bob));

    assertThat(mailboxes().findAll())
        .extracting(MailboxState::mailbox)
        .containsExactly(ALICE, bob, zed);
  }

  @Test
  void nextVersion_replacesTheState_withEveryField() {
    mailboxes().insert(MailboxState.registered(ALICE));
    MailboxState stored = mailboxes().find(ALICE.address()).orElseThrow();
    MailboxState next = counted(stored, 3, StoreData.micros(Instant.now()), 2);

    assertThat(mailboxes().compareAndSet(next)).isTrue();

    assertThat(mailboxes().find(ALICE.address())).contains(next);
  }

  @Test
  void hold_isStoredAndCleared() {
    mailboxes().insert(MailboxState.registered(ALICE));
    MailboxState v1 = mailboxes().find(ALICE.address()).orElseThrow();
    Instant since = StoreData.now();
    MailboxHold hold =
        new MailboxHold(
            MailboxHold.Kind.DISCONNECTED,
            "535 5.7.8 Username and Password not accepted",
            since,
            since.plusSeconds(300),
            2);
    MailboxState held =
        new MailboxState(
            v1.mailbox(), v1.day(), v1.sentOnDay(), v1.lastSend(), 0, hold, v1.version() + 1);

    assertThat(mailboxes().compareAndSet(held)).isTrue();
    assertThat(mailboxes().find(ALICE.address())).contains(held);

    MailboxState cleared =
        new MailboxState(held.mailbox(), held.day(), held.sentOnDay(), held.lastSend(), 0, null, 3);
    assertThat(mailboxes().compareAndSet(cleared)).isTrue();
    assertThat(mailboxes().find(ALICE.address()).orElseThrow().hold()).isNull();
  }

  @Test
  void changedSettings_areStored() {
    mailboxes().insert(MailboxState.registered(ALICE));
    SenderMailbox changed = ALICE.withDailyCap(20).withZone(ZoneId.of("Asia/Kathmandu"));

    assertThat(mailboxes().compareAndSet(new MailboxState(changed, null, 0, null, 0, null, 2)))
        .isTrue();

    assertThat(mailboxes().find(ALICE.address()).orElseThrow().mailbox()).isEqualTo(changed);
  }

  @Test
  void staleVersion_isRefused_andChangesNothing() {
    mailboxes().insert(MailboxState.registered(ALICE));
    MailboxState v1 = mailboxes().find(ALICE.address()).orElseThrow();
    MailboxState v2 = counted(v1, 1, StoreData.now(), 0);
    mailboxes().compareAndSet(v2);

    assertThat(mailboxes().compareAndSet(counted(v1, 7, StoreData.now(), 0))).isFalse();

    assertThat(mailboxes().find(ALICE.address())).contains(v2);
  }

  @Test
  void unknownMailbox_isNotReplaced() {
    assertThat(mailboxes().compareAndSet(counted(MailboxState.registered(ALICE), 1, null, 0)))
        .isFalse();
    assertThat(mailboxes().findAll()).isEmpty();
  }

  @Test
  void concurrentReplacements_eachSucceedOnlyOnTheVersionTheyRead() throws Exception {
    mailboxes().insert(MailboxState.registered(ALICE));
    int threads = 8;
    int incrementsEach = 25;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int n = 0; n < threads; n++) {
        Callable<Integer> worker =
            () -> {
              start.await();
              int done = 0;
              while (done < incrementsEach) {
                MailboxState s = mailboxes().find(ALICE.address()).orElseThrow();
                if (mailboxes().compareAndSet(oneMoreSent(s))) {
                  done++;
                }
              }
              return done;
            };
        results.add(pool.submit(worker));
      }
      start.countDown();
      for (Future<Integer> r : results) {
        r.get(120, TimeUnit.SECONDS);
      }

      MailboxState last = mailboxes().find(ALICE.address()).orElseThrow();
      assertThat(last.sentOnDay()).isEqualTo(threads * incrementsEach);
      assertThat(last.version()).isEqualTo(1L + (long) threads * incrementsEach);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentBatchReplacements_ofTheSameMailboxesInOppositeOrders_allComplete()
      throws Exception {
    // two engines whose batches write the same mailboxes, listed in opposite orders: a store that
    // locks the rows in the order given would have each wait for the other
    int count = 40;
    int rounds = 10;
    List<EmailAddress> addresses = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      SenderMailbox m = SenderMailbox.of("sender" + n + "@acme.example", "Sender " + n);
      mailboxes().insert(MailboxState.registered(m));
      addresses.add(m.address());
    }
    CyclicBarrier round = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (boolean reversed : new boolean[] {false, true}) {
        Callable<int[]> worker =
            () -> {
              int[] done = new int[count];
              for (int r = 0; r < rounds; r++) {
                List<MailboxState> next = new ArrayList<>();
                for (MailboxState s : mailboxes().find(addresses)) {
                  next.add(oneMoreSent(s));
                }
                next.sort(Comparator.comparing(MailboxState::key));
                if (reversed) {
                  Collections.reverse(next);
                }
                round.await(30, TimeUnit.SECONDS);
                List<Boolean> written = mailboxes().compareAndSetAll(next);
                for (int i = 0; i < written.size(); i++) {
                  if (written.get(i)) {
                    done[addresses.indexOf(next.get(i).mailbox().address())]++;
                  }
                }
              }
              return done;
            };
        results.add(pool.submit(worker));
      }
      int[] total = new int[count];
      for (Future<int[]> f : results) {
        int[] done = f.get(120, TimeUnit.SECONDS);
        for (int n = 0; n < count; n++) {
          total[n] += done[n];
        }
      }

      for (int n = 0; n < count; n++) {
        MailboxState s = mailboxes().find(addresses.get(n)).orElseThrow();
        assertThat(s.sentOnDay()).as("%s", addresses.get(n)).isEqualTo(total[n]);
        assertThat(s.version()).as("%s", addresses.get(n)).isEqualTo(1L + total[n]);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
