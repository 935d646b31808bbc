package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.StepExecution;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.Wait;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops and starts again while the runner sends: the engine rides it out by itself —
 * store failures are logged and retried, answers known before the stop are recorded after it — and
 * every step goes out once.
 */
class DatabaseRestartTest {
  private static final int CANDIDATES = 800;
  private static final int STEPS = 3;

  @TempDir Path data;

  @Test
  void theRunnerResumesByItself_andSendsEveryStepOnce() throws Exception {
    int port = freePort();
    EmbeddedPostgres pg = start(port);
    RecordingTransport transport = new RecordingTransport();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
    config.setMaximumPoolSize(6);
    config.setConnectionTimeout(2_000);
    config.setPoolName("restart-test");
    List<EnrollmentId> ids = new ArrayList<>();
    Map<StepStatus, Integer> statuses = new EnumMap<>(StepStatus.class);
    try (HikariDataSource pool = new HikariDataSource(config);
        Nudge nudge =
            Nudge.builder()
                .store(JdbcStore.builder(pool).migrateSchema(true).build())
                .mailTransport(transport)
                // a commit cut off by the stop may leave a step in flight: taken over soon
                .tuning(Tuning.builder().lease(Duration.ofSeconds(20)).build())
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
      waitFor(transport, CANDIDATES * STEPS / 4, Duration.ofMinutes(2));
      pg.close(); // a fast shutdown: sessions are cut off mid-statement
      int atStop = transport.count();
      Thread.sleep(3_000);
      pg = start(port);
      waitFor(transport, CANDIDATES * STEPS, Duration.ofMinutes(3));
      nudge.awaitIdle(Duration.ofMinutes(2));
      assertThat(atStop).isLessThan(CANDIDATES * STEPS);

      for (EnrollmentId id : ids) {
        for (StepExecution s : nudge.enrollment(id).orElseThrow().steps()) {
          statuses.merge(s.status(), 1, Integer::sum);
        }
      }
    } finally {
      pg.close();
    }
    assertThat(transport.byMessageId().values()).allMatch(n -> n == 1);
    // every step went out, but for one whose in-flight record a cut-off commit may have left
    // behind without its email leaving: that one is "delivery unknown", and never sent twice
    int unknown = statuses.getOrDefault(StepStatus.DELIVERY_UNKNOWN, 0);
    assertThat(statuses.get(StepStatus.SENT)).isEqualTo(CANDIDATES * STEPS - unknown);
    assertThat(unknown).isZero();
    assertThat(transport.count()).isEqualTo(CANDIDATES * STEPS - unknown);
  }

  private EmbeddedPostgres start(int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static void waitFor(RecordingTransport transport, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (transport.count() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
