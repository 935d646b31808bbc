package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.SenderMailbox;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.MailboxState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Slots taken by several threads (or engines) at once hold the cap exactly [S17]. */
class MailboxesTest {
  @Test
  void concurrentRequests_areGrantedExactlyTheDailyCap() throws Exception {
    InMemoryStore store = new InMemoryStore();
    Mailboxes mailboxes = new Mailboxes(store.mailboxes());
    SenderMailbox m = SenderMailbox.of("alice@acme.example", "Alice").withDailyCap(50);
    mailboxes.register(m);
    Instant nine = Instant.parse("2026-01-15T09:00:00Z");
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
                Instant at = nine.plusMillis(thread * 1000L + i);
                if (mailboxes.acquire(m.address(), at).decision() instanceof SlotDecision.Granted) {
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
      MailboxState state = mailboxes.require(m.address());
      assertThat(state.sentOnDay()).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }
}
