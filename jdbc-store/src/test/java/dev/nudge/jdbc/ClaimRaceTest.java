package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.EnrollmentId;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Nodes polling at the same moment for less due work than they ask for, many times over. A claim
 * the database rolled back to end a deadlock between claimers (MariaDB's locks on the gaps of the
 * claim index) claimed nothing; it is tried again, and no node's poll fails.
 */
class ClaimRaceTest {
  private static final int ROUNDS = 300;
  private static final int NODES = 4;

  @Test
  void onMariaDb() throws Exception {
    try (TestDatabase db = TestDatabase.mariadbOrSkip()) {
      claimRounds(db.store());
    }
  }

  @Test
  void onPostgres() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      claimRounds(db.store());
    }
  }

  private static void claimRounds(JdbcStore store) throws Exception {
    Campaign campaign = StoreData.campaign("Backend engineers");
    store.commit(Changes.builder().insert(campaign).build());
    Instant t = StoreData.now();
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Changes.Builder b = Changes.builder();
        Set<EnrollmentId> due = new HashSet<>();
        for (int i = 0; i < 6; i++) {
          var e =
              StoreData.scheduled(
                  campaign,
                  StoreData.candidate("Round " + round + " candidate " + i),
                  t.minusSeconds(60 - i));
          due.add(e.id());
          b.insert(e);
        }
        store.commit(b.build());
        CyclicBarrier start = new CyclicBarrier(NODES);
        List<Future<List<Claim>>> polls = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
          String node = "node-" + n;
          polls.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.dueSteps().claim(node, Instant.now(), Duration.ofMinutes(10), 50);
                  }));
        }
        List<EnrollmentId> claimed = new ArrayList<>();
        for (Future<List<Claim>> p : polls) {
          for (Claim c : p.get(60, TimeUnit.SECONDS)) {
            claimed.add(c.enrollmentId());
          }
        }
        assertThat(claimed).as("round %d", round).doesNotHaveDuplicates();
        assertThat(due).as("round %d", round).containsAll(claimed);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
