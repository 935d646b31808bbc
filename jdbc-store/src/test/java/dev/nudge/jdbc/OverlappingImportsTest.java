package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.EnrollResult;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Wait;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One list imported twice at the same moment (a double click on "import"), the second time in the
 * opposite order: every candidate is enrolled once, and each import answers for each candidate,
 * enrolled or already enrolled. Neither import fails because the database found the two waiting for
 * each other.
 */
class OverlappingImportsTest {
  private static final int ROUNDS = 4;
  private static final int SIZE = 1_500;

  @Test
  void onPostgres() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      importTwiceAtOnce(db);
    }
  }

  @Test
  void onH2() throws Exception {
    try (TestDatabase db = TestDatabase.h2Memory()) {
      importTwiceAtOnce(db);
    }
  }

  @Test
  void onMariaDb() throws Exception {
    try (TestDatabase db = TestDatabase.mariadbOrSkip()) {
      importTwiceAtOnce(db);
    }
  }

  private static void importTwiceAtOnce(TestDatabase db) throws Exception {
    try (Nudge nudge =
        Nudge.builder()
            .store(db.store())
            .mailTransport(
                e -> {
                  throw new AssertionError("nothing is sent");
                })
            .build()) {
      nudge.registerMailbox(SenderMailbox.of("ada@acme.example", "Ada"));
      Campaign c =
          nudge.createCampaign(
              CampaignDefinition.builder("Backend engineers", "ada@acme.example")
                  .schedule(SendingSchedule.always())
                  .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}")
                  .build());
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int r = 0; r < ROUNDS; r++) {
          List<Candidate> list = new ArrayList<>();
          for (int i = 0; i < SIZE; i++) {
            String id = "r" + r + "-c" + i;
            list.add(Candidate.builder(id, "Candidate " + i, id + "@example.com").build());
          }
          List<Candidate> reversed = new ArrayList<>(list);
          Collections.reverse(reversed);
          List<Future<List<EnrollResult>>> imports = new ArrayList<>();
          for (List<Candidate> l : List.of(list, reversed)) {
            imports.add(
                pool.submit(
                    () -> {
                      start.await(30, TimeUnit.SECONDS);
                      return nudge.enrollAll(c.id(), l);
                    }));
          }
          int enrolled = 0;
          int already = 0;
          for (Future<List<EnrollResult>> f : imports) {
            List<EnrollResult> results = f.get(120, TimeUnit.SECONDS);
            assertThat(results).hasSize(SIZE);
            for (EnrollResult e : results) {
              if (e.isEnrolled()) {
                enrolled++;
              } else if (e instanceof EnrollResult.AlreadyEnrolled) {
                already++;
              }
            }
          }
          assertThat(enrolled).as("round %d: enrolled", r).isEqualTo(SIZE);
          assertThat(already).as("round %d: already enrolled", r).isEqualTo(SIZE);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
