package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Tuning;
import dev.nudge.Wait;
import dev.nudge.spi.transport.SendResult;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine in another JVM is killed with SIGKILL in the middle of its batches, ten times, while an
 * engine in the test keeps running on the same PostgreSQL database. Each transport forces every
 * accepted Message-ID to disk before it answers. Afterwards no Message-ID was accepted twice, each
 * step a kill left in flight is "delivery unknown", and every other step was sent.
 */
class CrashTest {
  private static final TestDatabase DB = TestDatabase.postgres();
  private static final int CANDIDATES = 3_000;
  private static final int STEPS = 3;
  private static final int KILLS = 10;
  private static final long SEED = Long.getLong("nudge.test.seed", System.nanoTime());

  @TempDir Path dir;

  @AfterAll
  static void close() {
    DB.close();
  }

  @Test
  void killedMidBatch_noMessageTwice_inFlightStepsUnknown_theRestSent() throws Exception {
    Random random = new Random(SEED);
    Path here = dir.resolve("accepted-here.txt");
    List<EnrollmentId> ids = new ArrayList<>();
    // the engine here sends slowly while the children are killed, then at full speed
    AtomicInteger delayMillis = new AtomicInteger(5);
    try (FileChannel acceptedHere =
            FileChannel.open(here, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Nudge nudge =
            Nudge.builder()
                .store(DB.store())
                .mailTransport(
                    email -> {
                      pause(delayMillis.get());
                      CrashChild.append(acceptedHere, email.messageId());
                      return SendResult.accepted();
                    })
                .tuning(Tuning.builder().lease(CrashChild.LEASE).build())
                .nodeId("survivor")
                .build()) {
      nudge.registerMailbox(SenderMailbox.of("ada@acme.example", "Ada").withDailyCap(100_000));
      CampaignDefinition.Builder d =
          CampaignDefinition.builder("Backend engineers", "ada@acme.example")
              .schedule(SendingSchedule.always())
              .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, a role at Acme?");
      for (int s = 1; s < STEPS; s++) {
        d.replyInThread(Wait.none(), "Bumping this up, {{firstName}}.");
      }
      Campaign c = nudge.startCampaign(nudge.createCampaign(d.build()).id());
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < CANDIDATES; i++) {
        candidates.add(
            Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      }
      for (EnrollResult r : nudge.enrollAll(c.id(), candidates)) {
        ids.add(r.orElseThrow());
      }
      nudge.start();

      for (int kill = 0; kill < KILLS; kill++) {
        CrashChild.killMidBatch(DB.dataSource.getJdbcUrl(), dir, kill, random, 400);
      }
      delayMillis.set(0);
      // the children's leases run out; the engine here takes their work over
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!CrashChild.finished(nudge, ids) && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      nudge.awaitIdle(Duration.ofMinutes(1));

      Map<String, Integer> accepted = CrashChild.accepted(dir);
      CrashChild.Tally steps = CrashChild.check(nudge, ids, accepted, SEED);
      int sent = steps.sent();
      int unknown = steps.unknown();
      assertThat(sent + unknown).isEqualTo(CANDIDATES * STEPS);
      // only what a killed engine had in flight: at most a batch per worker per kill
      Tuning defaults = Tuning.defaults();
      assertThat(unknown)
          .isLessThanOrEqualTo(KILLS * defaults.workerThreads() * defaults.claimBatchSize());
      assertThat(accepted).hasSizeGreaterThanOrEqualTo(sent);
      System.out.printf(
          "crash test (seed %d): %d sent, %d delivery unknown, %d accepted by killed engines%n",
          SEED, sent, unknown, accepted.size() - CrashChild.lines(here).size());
    }
  }

  private static void pause(int millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
