package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default keeps the promise PostgreSQL keeps in {@link CrashTest}: an engine on H2 in
 * a file, in another JVM, is killed with SIGKILL in the middle of its batches, five times (one
 * process at a time: H2 in a file is one process's), then an engine here finishes the work. Every
 * Message-ID a transport accepted is a step's attempt in the store, none was accepted twice, each
 * step a kill left in flight is "delivery unknown", and every other step was sent. It holds because
 * the store is only built on an H2 file that writes each commit before the commit returns ({@code
 * WRITE_DELAY=0}; see {@link H2SessionTest}).
 */
class H2CrashTest {
  private static final int CANDIDATES = 1_000;
  private static final int KILLS = 5;
  private static final long SEED = Long.getLong("nudge.test.seed", System.nanoTime());

  @TempDir Path dir;

  @Test
  void killedMidBatch_noMessageTwice_noSendForgotten_inFlightStepsUnknown() throws Exception {
    Random random = new Random(SEED);
    String url = "jdbc:h2:file:" + dir.resolve("nudge").toAbsolutePath() + ";WRITE_DELAY=0";
    List<EnrollmentId> ids = new ArrayList<>();
    try (HikariDataSource pool = TestDatabase.pool(url, "SELECT 1", 4);
        Nudge setup = engine(pool, email -> SendResult.accepted(), "setup")) {
      setup.registerMailbox(SenderMailbox.of("ada@acme.example", "Ada").withDailyCap(100_000));
      Campaign c =
          setup.startCampaign(
              setup
                  .createCampaign(
                      CampaignDefinition.builder("Backend engineers", "ada@acme.example")
                          .schedule(SendingSchedule.always())
                          .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, a role?")
                          .replyInThread(Wait.none(), "Bumping this up, {{firstName}}.")
                          .build())
                  .id());
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < CANDIDATES; i++) {
        candidates.add(
            Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      }
      for (EnrollResult r : setup.enrollAll(c.id(), candidates)) {
        ids.add(r.orElseThrow());
      }
    }

    for (int kill = 0; kill < KILLS; kill++) {
      CrashChild.killMidBatch(url, dir, kill, random, 100);
    }

    Path here = dir.resolve("accepted-here.txt");
    try (FileChannel acceptedHere =
            FileChannel.open(here, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        HikariDataSource pool = TestDatabase.pool(url, "SELECT 1", 4);
        Nudge nudge =
            engine(
                pool,
                email -> {
                  CrashChild.append(acceptedHere, email.messageId());
                  return SendResult.accepted();
                },
                "survivor")) {
      nudge.start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!CrashChild.finished(nudge, ids) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      nudge.awaitIdle(Duration.ofMinutes(1));

      Map<String, Integer> accepted = CrashChild.accepted(dir);
      CrashChild.Tally steps = CrashChild.check(nudge, ids, accepted, SEED);
      int sent = steps.sent();
      int unknown = steps.unknown();
      assertThat(sent + unknown).isEqualTo(CANDIDATES * 2);
      assertThat(CrashChild.lines(here)).hasSizeLessThan(accepted.size());
      System.out.printf(
          "H2 crash test (seed %d): %d sent, %d delivery unknown, %d accepted by killed engines%n",
          SEED, sent, unknown, accepted.size() - CrashChild.lines(here).size());
    }
  }

  private static Nudge engine(
      HikariDataSource pool, dev.nudge.spi.transport.MailTransport transport, String node) {
    return Nudge.builder()
        .store(JdbcStore.builder(pool).migrateSchema(true).build())
        .mailTransport(transport)
        .tuning(Tuning.builder().lease(CrashChild.LEASE).build())
        .nodeId(node)
        .build();
  }
}
