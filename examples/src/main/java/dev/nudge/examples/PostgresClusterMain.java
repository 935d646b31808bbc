package dev.nudge.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.StepTotals;
import dev.nudge.Tuning;
import dev.nudge.Wait;
import dev.nudge.jdbc.JdbcStore;
import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.SendResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two engines sharing one PostgreSQL database, as two application nodes would: each has its own
 * connection pool, {@link JdbcStore} and background runner, and every step is sent by exactly one
 * of them. The first run creates the tables.
 *
 * <pre>
 * mvn -B -q -pl examples -am compile exec:java -Dexec.mainClass=dev.nudge.examples.PostgresClusterMain \
 *     -Dnudge.postgres.url='jdbc:postgresql://localhost:5432/nudge?user=nudge&amp;password=secret'
 * </pre>
 *
 * The URL may also come from the environment variable {@code NUDGE_POSTGRES_URL}.
 */
public final class PostgresClusterMain {
  static final int CANDIDATES = 60;

  private PostgresClusterMain() {}

  /** Runs the example against the database named by the property or environment variable. */
  public static void main(String[] args) throws InterruptedException {
    String url = System.getProperty("nudge.postgres.url", System.getenv("NUDGE_POSTGRES_URL"));
    if (url == null || url.isBlank()) {
      System.err.println(
          "PostgresClusterMain needs a PostgreSQL database: pass"
              + " -Dnudge.postgres.url=jdbc:postgresql://host:5432/db?user=...&password=..."
              + " or set NUDGE_POSTGRES_URL.");
      System.exit(2);
    }
    run(url, System.out);
  }

  /** Runs two engines on the database until every step is sent; returns the sends per engine. */
  static Map<String, Integer> run(String url, PrintStream out) throws InterruptedException {
    Set<String> messageIds = ConcurrentHashMap.newKeySet();
    Map<String, Integer> byEngine = new ConcurrentHashMap<>();
    List<HikariDataSource> pools = new ArrayList<>();
    List<Nudge> engines = new ArrayList<>();
    try {
      for (String node : List.of("engine-a", "engine-b")) {
        HikariDataSource pool = pool(url, node);
        pools.add(pool);
        MailTransport transport =
            email -> {
              sleep(5); // an SMTP round trip, so that both engines find work
              messageIds.add(email.messageId());
              byEngine.merge(node, 1, Integer::sum);
              return SendResult.accepted();
            };
        engines.add(
            Nudge.builder()
                .store(JdbcStore.builder(pool).migrateSchema(true).build()) // one node at a time
                .mailTransport(transport)
                .nodeId(node) // shown in the store's claims
                .tuning(
                    Tuning.builder()
                        .pollInterval(Duration.ofMillis(200))
                        .claimBatchSize(10)
                        .build())
                .build());
      }

      // any engine can set things up: the campaign and enrollments are in the database
      Nudge a = engines.get(0);
      a.registerMailbox(SenderMailbox.of("cluster@acme.example", "Acme").withDailyCap(10_000));
      CampaignId campaign =
          a.createCampaign(
                  CampaignDefinition.builder("Cluster " + System.nanoTime(), "cluster@acme.example")
                      .schedule(SendingSchedule.always())
                      .email(Wait.none(), "Hello {{firstName}}", "A role at Acme?")
                      .replyInThread(Wait.none(), "Bumping this up, {{firstName}}.")
                      .build())
              .id();
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < CANDIDATES; i++) {
        candidates.add(
            Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      }
      a.enrollAll(campaign, candidates);
      a.startCampaign(campaign);

      engines.forEach(Nudge::start);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (messageIds.size() < 2 * CANDIDATES && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      for (Nudge engine : engines) {
        engine.awaitIdle(Duration.ofSeconds(30));
      }

      out.println("sends per engine: " + new TreeMap<>(byEngine));
      out.println(
          "distinct Message-IDs: "
              + messageIds.size()
              + " of "
              + byEngine.values().stream().mapToInt(Integer::intValue).sum()
              + " sends");
      for (StepTotals t : engines.get(1).stepTotals(campaign)) {
        out.println("step " + t.step() + ": " + t.sent() + " sent");
      }
      return new TreeMap<>(byEngine);
    } finally {
      engines.forEach(Nudge::close);
      pools.forEach(HikariDataSource::close);
    }
  }

  private static HikariDataSource pool(String url, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
