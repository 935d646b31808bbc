package dev.nudge.benchmarks;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Tuning;
import dev.nudge.Wait;
import dev.nudge.jdbc.JdbcStore;
import dev.nudge.spi.transport.SendResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end dispatch throughput: {@code enrollments} enrollments of a 3-step campaign spread over
 * {@code mailboxes} mailboxes (one campaign each), every step due at once, a transport that accepts
 * everything, and the background runner with its default settings. Measures steps per second from
 * the runner's start until the last step was sent: claim, in-flight record, send, result, next step
 * scheduled. With {@code --db-scheduler}, the same workload built on db-scheduler runs next on the
 * same database.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am compile exec:exec -Dbench.main=dev.nudge.benchmarks.DispatchBenchmark \
 *     -Dbench.args="--db postgres --enrollments 100000 --mailboxes 1000 --db-scheduler"
 * </pre>
 */
public final class DispatchBenchmark {
  private DispatchBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String db = arg(args, "--db", "postgres");
    int enrollments = Integer.parseInt(arg(args, "--enrollments", "100000"));
    int mailboxes = Integer.parseInt(arg(args, "--mailboxes", "1000"));
    int steps = 3;
    boolean compare = List.of(args).contains("--db-scheduler");
    System.out.printf(
        Locale.ROOT,
        "dispatch: %,d enrollments x %d steps over %,d mailboxes, %s, %d cores, Java %s%n",
        enrollments,
        steps,
        mailboxes,
        db,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    double nudge;
    try (BenchDatabase database = BenchDatabase.open(db, 10)) {
      nudge = runNudge(database, enrollments, mailboxes, steps);
    }
    if (compare) {
      double other;
      try (BenchDatabase database = BenchDatabase.open(db, 10)) {
        other = DbSchedulerDispatch.run(database, enrollments, mailboxes, steps);
      }
      System.out.printf(
          Locale.ROOT,
          "RESULT %s: Nudge %,.0f steps/s, db-scheduler %,.0f steps/s, ratio %.2f%n",
          db,
          nudge,
          other,
          nudge / other);
    } else {
      System.out.printf(Locale.ROOT, "RESULT %s: Nudge %,.0f steps/s%n", db, nudge);
    }
  }

  static double runNudge(BenchDatabase database, int enrollments, int mailboxes, int steps)
      throws InterruptedException {
    AtomicLong sent = new AtomicLong();
    JdbcStore store = JdbcStore.builder(database.dataSource).migrateSchema(true).build();
    try (Nudge nudge =
        Nudge.builder()
            .store(store)
            .mailTransport(
                email -> {
                  sent.incrementAndGet();
                  return SendResult.accepted();
                })
            .tuning(tuning())
            .build()) {
      List<CampaignId> campaigns = new ArrayList<>();
      int perCampaign = enrollments / mailboxes;
      long enrollStart = System.nanoTime();
      for (int m = 0; m < mailboxes; m++) {
        String address = "sender" + m + "@acme.example";
        nudge.registerMailbox(SenderMailbox.of(address, "Sender " + m).withDailyCap(1_000_000));
        CampaignDefinition.Builder d =
            CampaignDefinition.builder("Campaign " + m, address)
                .schedule(SendingSchedule.always())
                .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, a role at Acme?");
        for (int s = 1; s < steps; s++) {
          d.replyInThread(Wait.none(), "Bumping this up, {{firstName}}.");
        }
        Campaign c = nudge.createCampaign(d.build());
        campaigns.add(c.id());
        List<Candidate> batch = new ArrayList<>(perCampaign);
        for (int i = 0; i < perCampaign; i++) {
          int n = m * perCampaign + i;
          batch.add(Candidate.builder("c" + n, "Candidate " + n, "c" + n + "@example.com").build());
        }
        nudge.enrollAll(c.id(), batch);
      }
      double enrollSeconds = (System.nanoTime() - enrollStart) / 1e9;
      for (CampaignId id : campaigns) {
        nudge.startCampaign(id);
      }
      long total = (long) perCampaign * mailboxes * steps;
      System.out.printf(
          Locale.ROOT,
          "Nudge on %s: enrolled %,d in %.1f s; sending %,d steps%n",
          database.name,
          (long) perCampaign * mailboxes,
          enrollSeconds,
          total);
      long start = System.nanoTime();
      nudge.start();
      long lastReport = start;
      while (sent.get() < total) {
        Thread.sleep(50);
        long now = System.nanoTime();
        if (now - lastReport > 10_000_000_000L) {
          lastReport = now;
          System.out.printf(
              Locale.ROOT,
              "  %,d of %,d sent after %.0f s%n",
              sent.get(),
              total,
              (now - start) / 1e9);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = total / seconds;
      System.out.printf(
          Locale.ROOT,
          "Nudge on %s: %,d steps in %.1f s = %,.0f steps/s%n",
          database.name,
          total,
          seconds,
          rate);
      return rate;
    }
  }

  /** The default settings, or those given by system properties (for exploring them). */
  static Tuning tuning() {
    Tuning.Builder b = Tuning.defaults().toBuilder();
    Integer workers = Integer.getInteger("bench.workers");
    if (workers != null) {
      b.workerThreads(workers);
    }
    Integer batch = Integer.getInteger("bench.batch");
    if (batch != null) {
      b.claimBatchSize(batch);
    }
    return b.build();
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  static Duration seconds(double s) {
    return Duration.ofMillis((long) (s * 1000));
  }
}
