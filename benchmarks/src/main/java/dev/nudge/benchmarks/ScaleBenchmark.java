package dev.nudge.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.CandidateRow;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.EnrollResult;
import dev.nudge.Nudge;
import dev.nudge.Page;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Wait;
import dev.nudge.jdbc.JdbcStore;
import dev.nudge.spi.store.ActivityLog;
import dev.nudge.spi.store.CampaignRepository;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Checkpoints;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.DueSteps;
import dev.nudge.spi.store.EnrollmentRepository;
import dev.nudge.spi.store.InboundLog;
import dev.nudge.spi.store.MailboxRepository;
import dev.nudge.spi.store.Store;
import dev.nudge.spi.store.SuppressionList;
import dev.nudge.spi.transport.SendResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Nudge at scale on one database: {@code --enrollments} candidates (1,000,000 by default) enrolled
 * in one 5-step campaign with {@code enrollAll} in calls of {@code --chunk} candidates (1,000 by
 * default; 5,000 until 2026-12-06), from {@code --threads} threads (1 by default; the rate is also
 * given for the part after the first {@code --warmup} candidates, 200,000 by default, when the JIT
 * has compiled the import path), the Candidates tab read while it is full, then the background
 * runner dispatching for {@code --dispatch-seconds}, with the latency of every claim recorded, and
 * the Candidates tab read again ({@code --explain}: through sessions that log each statement's
 * plan, buffers and WAL to PostgreSQL's log). Run it with {@code -Xmx256m}: it reports the heap's
 * peak and fails with an {@link OutOfMemoryError} if the engine needs more.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am compile exec:exec -Dbench.jvm=-Xmx256m \
 *     -Dbench.main=dev.nudge.benchmarks.ScaleBenchmark -Dbench.args="--db postgres --threads 2"
 * </pre>
 */
public final class ScaleBenchmark {
  private ScaleBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String db = DispatchBenchmark.arg(args, "--db", "postgres");
    int enrollments = Integer.parseInt(DispatchBenchmark.arg(args, "--enrollments", "1000000"));
    int chunk = Integer.parseInt(DispatchBenchmark.arg(args, "--chunk", "1000"));
    int threads = Integer.parseInt(DispatchBenchmark.arg(args, "--threads", "1"));
    long warmup = Long.parseLong(DispatchBenchmark.arg(args, "--warmup", "200000"));
    int dispatchSeconds =
        Integer.parseInt(DispatchBenchmark.arg(args, "--dispatch-seconds", "120"));
    boolean explain = List.of(args).contains("--explain");
    System.out.printf(
        Locale.ROOT,
        "scale: %,d enrollments x 5 steps, %s, %d cores, Java %s, max heap %,d MiB%n",
        enrollments,
        db,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    HeapPeak heap = new HeapPeak();
    heap.start();
    try (BenchDatabase database = BenchDatabase.open(db, 10)) {
      AtomicLong sent = new AtomicLong();
      TimedStore store =
          new TimedStore(JdbcStore.builder(database.dataSource).migrateSchema(true).build());
      try (Nudge nudge =
          Nudge.builder()
              .store(store)
              .mailTransport(
                  email -> {
                    sent.incrementAndGet();
                    return SendResult.accepted();
                  })
              .build()) {
        nudge.registerMailbox(
            SenderMailbox.of("recruiting@acme.example", "Acme Recruiting")
                .withDailyCap(10_000_000));
        CampaignDefinition.Builder d =
            CampaignDefinition.builder("Backend engineers", "recruiting@acme.example")
                .schedule(SendingSchedule.always())
                .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, a role at Acme?");
        for (int s = 1; s < 5; s++) {
          d.replyInThread(Wait.none(), "Bumping this up, {{firstName}}.");
        }
        Campaign campaign = nudge.startCampaign(nudge.createCampaign(d.build()).id());

        CpuTime cpuAtStart = CpuTime.now();
        long start = System.nanoTime();
        // the chunks are taken in order by the importing threads, as a host importing a list
        // from several threads would
        AtomicLong nextChunk = new AtomicLong();
        AtomicLong enrolledCount = new AtomicLong();
        // when the first --warmup candidates were in, how many exactly, and the CPU time used by
        // then: the import after that point is that of a JVM that has compiled its path, as a
        // long-running host's is
        AtomicReference<Warm> warmed = new AtomicReference<>();
        List<Thread> importers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
          Thread importer =
              new Thread(
                  () -> {
                    try {
                      for (long k = nextChunk.getAndIncrement();
                          k * chunk < enrollments;
                          k = nextChunk.getAndIncrement()) {
                        int from = (int) (k * chunk);
                        int n = Math.min(chunk, enrollments - from);
                        List<Candidate> batch = new ArrayList<>(n);
                        for (int i = from; i < from + n; i++) {
                          batch.add(
                              Candidate.builder("c" + i, name(i), "c" + i + "@example.com")
                                  .company("Company " + (i % 997))
                                  .build());
                        }
                        long ok = 0;
                        for (EnrollResult r : nudge.enrollAll(campaign.id(), batch)) {
                          ok += r.isEnrolled() ? 1 : 0;
                        }
                        long total = enrolledCount.addAndGet(ok);
                        if (total >= warmup && warmed.get() == null) {
                          warmed.compareAndSet(
                              null, new Warm(System.nanoTime(), total, CpuTime.now()));
                        }
                        if (k % 40 == 39) {
                          System.out.printf(
                              Locale.ROOT,
                              "  %,d enrolled after %.0f s%n",
                              total,
                              (System.nanoTime() - start) / 1e9);
                        }
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  },
                  "importer-" + t);
          importer.start();
          importers.add(importer);
        }
        for (Thread importer : importers) {
          importer.join();
        }
        if (!failures.isEmpty()) {
          throw new IllegalStateException("an import thread failed", failures.get(0));
        }
        long enrolled = enrolledCount.get();
        long end = System.nanoTime();
        CpuTime cpuAtEnd = CpuTime.now();
        double enrollSeconds = (end - start) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "enrollAll: %,d candidates in %.1f s = %,.0f candidates/s (chunks of %,d, %d"
                + " thread(s))%n",
            enrolled,
            enrollSeconds,
            enrolled / enrollSeconds,
            chunk,
            threads);
        System.out.println(
            "enrollAll CPU time per candidate: " + cpuAtEnd.since(cpuAtStart, enrolled));
        Warm warm = warmed.get();
        if (warm != null && enrolled > warm.count()) {
          double warmSeconds = (end - warm.nanos()) / 1e9;
          System.out.printf(
              Locale.ROOT,
              "enrollAll after the first %,d (JIT warm): %,d candidates in %.1f s = %,.0f"
                  + " candidates/s%n",
              warm.count(),
              enrolled - warm.count(),
              warmSeconds,
              (enrolled - warm.count()) / warmSeconds);
          System.out.printf(
              Locale.ROOT,
              "enrollAll CPU time per candidate after the first %,d: %s%n",
              warm.count(),
              cpuAtEnd.since(warm.cpu(), enrolled - warm.count()));
        }

        pages(nudge, campaign, "before dispatch");

        store.claims.reset();
        long dispatchStart = System.nanoTime();
        nudge.start();
        Thread.sleep(dispatchSeconds * 1000L);
        long steps = sent.get();
        double seconds = (System.nanoTime() - dispatchStart) / 1e9;
        if (explain) {
          pagesExplained(database, campaign);
        } else {
          pages(nudge, campaign, "during dispatch");
        }
        System.out.printf(
            Locale.ROOT,
            "dispatch: %,d steps in %.0f s = %,.0f steps/s; claims: %s%n",
            steps,
            seconds,
            steps / seconds,
            store.claims.summary());
      }
    }
    heap.stopSampling();
    System.out.printf(
        Locale.ROOT,
        "heap: peak %,d MiB used of %,d MiB max%n",
        heap.peak() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  /**
   * Times pages of the Candidates tab, sorted each way: the first page, the deepest page found by
   * its number, and page 1,001 as the page after another (by the cursor the page before gave, on
   * from the first page).
   */
  private static void pages(Nudge nudge, Campaign campaign, String when) {
    int deepest = CandidatesQuery.NUMBERED_ROWS / 100 - 1;
    for (CandidatesQuery.Sort sort : CandidatesQuery.Sort.values()) {
      for (boolean descending : new boolean[] {false, true}) {
        CandidatesQuery bySort =
            CandidatesQuery.of(CandidateView.ACTIVE).sortedBy(sort, descending).page(0, 100);
        String order = sort + (descending ? " descending" : "");
        time(nudge, campaign, bySort, when, order + ", page 0");
        if (descending) {
          continue;
        }
        time(nudge, campaign, bySort.page(deepest, 100), when, order + ", page " + deepest);
        Page<CandidateRow> page = nudge.candidates(campaign.id(), bySort);
        long walk = System.nanoTime();
        int read = 0;
        while (read < 1_000 && page.next() != null) {
          page = nudge.candidates(campaign.id(), bySort.after(page.next()));
          read++;
        }
        System.out.printf(
            Locale.ROOT,
            "Candidates tab %s, by %s, pages 1 to %,d read one after another by cursor: %.1f ms"
                + " a page%n",
            when,
            order,
            read,
            (System.nanoTime() - walk) / 1e6 / Math.max(1, read));
        if (page.next() != null) {
          time(
              nudge,
              campaign,
              bySort.after(page.next()),
              when,
              order + ", page 1,001 after page 1,000's cursor");
        }
      }
    }
  }

  /**
   * Reads the pages during dispatch through a store of their own whose PostgreSQL sessions log the
   * plan of every statement, with its buffers and the WAL it wrote (auto_explain, which needs a
   * superuser), to the server's log: where a first read's time goes.
   */
  private static void pagesExplained(BenchDatabase database, Campaign campaign) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.dataSource.getJdbcUrl());
    config.setMaximumPoolSize(1);
    config.setConnectionInitSql(
        "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0;"
            + " SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on;"
            + " SET auto_explain.log_wal = on; SET auto_explain.log_timing = on");
    try (HikariDataSource explained = new HikariDataSource(config);
        Nudge reader =
            Nudge.builder()
                .store(JdbcStore.builder(explained).build())
                .mailTransport(
                    email -> {
                      throw new IllegalStateException("the reader sends nothing");
                    })
                .nodeId("explained-reader")
                .build()) {
      System.out.println(
          "Candidates tab during dispatch, read with auto_explain: plans in the server's log");
      pages(reader, campaign, "during dispatch (explained)");
    }
  }

  /**
   * Reads one page 11 times: the first read apart (it may step over what changed since the last
   * read), then the median and maximum of the other ten.
   */
  private static void time(
      Nudge nudge, Campaign campaign, CandidatesQuery query, String when, String what) {
    long[] micros = new long[11];
    long total = 0;
    for (int i = 0; i < micros.length; i++) {
      long t = System.nanoTime();
      total = nudge.candidates(campaign.id(), query).total();
      micros[i] = (System.nanoTime() - t) / 1_000;
    }
    long first = micros[0];
    long[] rest = Arrays.copyOfRange(micros, 1, micros.length);
    Arrays.sort(rest);
    System.out.printf(
        Locale.ROOT,
        "Candidates tab %s, by %s, 100 rows (of %,d): first read %.1f ms, then median %.1f ms,"
            + " max %.1f ms%n",
        when,
        what,
        total,
        first / 1e3,
        rest[rest.length / 2] / 1e3,
        rest[rest.length - 1] / 1e3);
  }

  private static String name(int i) {
    String[] first = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"};
    String[] last = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen"};
    return first[i % first.length] + " " + last[(i / first.length) % last.length] + " " + i;
  }

  /** Samples the peak of the heap's used memory. */
  static final class HeapPeak extends Thread {
    private volatile boolean running = true;
    private volatile long peak;

    HeapPeak() {
      super("heap-peak");
      setDaemon(true);
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
    }

    @Override
    public void run() {
      // the pools once: asking the factory each time builds their names anew, 50 times a second,
      // work the JIT then compiles on the cores the import measures
      List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
      while (running) {
        long used = 0;
        for (MemoryPoolMXBean pool : pools) {
          if (pool.getType() == MemoryType.HEAP) {
            used += pool.getUsage().getUsed();
          }
        }
        peak = Math.max(peak, used);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long peak() {
      return peak;
    }

    void stopSampling() {
      running = false;
      interrupt();
    }
  }

  /** Latencies in microseconds, kept to compute percentiles. */
  static final class Latencies {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long micros) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = micros;
    }

    synchronized void reset() {
      size = 0;
    }

    synchronized String summary() {
      if (size == 0) {
        return "none";
      }
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      return String.format(
          Locale.ROOT,
          "%,d claims, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          size,
          sorted[size / 2] / 1e3,
          sorted[Math.min(size - 1, (int) Math.ceil(size * 0.99) - 1)] / 1e3,
          sorted[size - 1] / 1e3);
    }
  }

  /** The store, with the latency of every claim recorded. */
  static final class TimedStore implements Store {
    final Latencies claims = new Latencies();
    private final Store store;
    private final DueSteps dueSteps;

    TimedStore(Store store) {
      this.store = store;
      DueSteps inner = store.dueSteps();
      this.dueSteps =
          new DueSteps() {
            @Override
            public List<Claim> claim(String owner, Instant now, Duration lease, int limit) {
              long t = System.nanoTime();
              try {
                return inner.claim(owner, now, lease, limit);
              } finally {
                claims.add((System.nanoTime() - t) / 1_000);
              }
            }

            @Override
            public Optional<Claim> renew(Claim claim, Instant now, Duration lease) {
              return inner.renew(claim, now, lease);
            }

            @Override
            public void release(Claim claim) {
              inner.release(claim);
            }
          };
    }

    @Override
    public CampaignRepository campaigns() {
      return store.campaigns();
    }

    @Override
    public EnrollmentRepository enrollments() {
      return store.enrollments();
    }

    @Override
    public DueSteps dueSteps() {
      return dueSteps;
    }

    @Override
    public SuppressionList suppressions() {
      return store.suppressions();
    }

    @Override
    public MailboxRepository mailboxes() {
      return store.mailboxes();
    }

    @Override
    public ActivityLog activity() {
      return store.activity();
    }

    @Override
    public Checkpoints checkpoints() {
      return store.checkpoints();
    }

    @Override
    public InboundLog inbound() {
      return store.inbound();
    }

    @Override
    public void commit(Changes changes) {
      store.commit(changes);
    }
  }

  /** When the import was warm: the time, the candidates enrolled by then, the CPU time used. */
  private record Warm(long nanos, long count, CpuTime cpu) {}

  /**
   * CPU time used so far by this JVM and by the whole machine (from {@code /proc/stat}, where there
   * is one): with the database on the same machine, the difference is mostly the database's.
   */
  private record CpuTime(long jvmNanos, long machineNanos) {
    static CpuTime now() {
      long jvm =
          ManagementFactory.getOperatingSystemMXBean()
                  instanceof com.sun.management.OperatingSystemMXBean os
              ? os.getProcessCpuTime()
              : -1;
      long machine = -1;
      try {
        // the first line: "cpu user nice system idle iowait irq softirq steal ..." in ticks of
        // 1/100 s; busy is user, nice, system, irq and softirq (not idle, iowait, nor steal:
        // time another machine had)
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7}) {
          busy += Long.parseLong(f[field]);
        }
        machine = busy * 10_000_000L;
      } catch (IOException | RuntimeException e) {
        // not Linux: the machine's figure is left out
      }
      return new CpuTime(jvm, machine);
    }

    String since(CpuTime start, long items) {
      if (jvmNanos < 0 || items == 0) {
        return "not measured here";
      }
      double jvm = (jvmNanos - start.jvmNanos) / 1e3 / items;
      if (machineNanos < 0) {
        return String.format(Locale.ROOT, "%.1f µs in this JVM", jvm);
      }
      double all = (machineNanos - start.machineNanos) / 1e3 / items;
      return String.format(
          Locale.ROOT,
          "%.1f µs of the machine's, %.1f µs in this JVM and %.1f µs on the rest of the machine"
              + " (mostly the database)",
          all,
          jvm,
          all - jvm);
    }
  }
}
