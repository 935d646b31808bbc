package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.EnrollmentId;
import dev.nudge.Nudge;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.StepStatus;
import dev.nudge.Tuning;
import dev.nudge.spi.transport.SendResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The engine {@link CrashTest} kills: runs the background runner on the database it is given, with
 * a transport that appends each accepted Message-ID to a file and forces it to disk before it
 * answers, until the process is killed.
 *
 * <p>Arguments: the JDBC URL, the file of accepted Message-IDs, the node id.
 */
public final class CrashChild {
  /** The lease every engine of the crash test uses: short, so a dead engine's work moves on. */
  static final Duration LEASE = Duration.ofSeconds(3);

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setMaximumPoolSize(4);
    config.setPoolName(args[2]);
    FileChannel accepted =
        FileChannel.open(
            Path.of(args[1]),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    HikariDataSource pool = new HikariDataSource(config);
    Nudge nudge =
        Nudge.builder()
            .store(JdbcStore.builder(pool).build())
            .mailTransport(
                email -> {
                  append(accepted, email.messageId());
                  return SendResult.accepted();
                })
            .tuning(Tuning.builder().lease(LEASE).build())
            .nodeId(args[2])
            .build();
    nudge.start();
    System.out.println("started " + args[2]);
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Starts this class in another JVM on the database at {@code url}, its output in {@code log}. */
  static Process start(String url, Path accepted, String node, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            classpath,
            CrashChild.class.getName(),
            url,
            accepted.toString(),
            node)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /**
   * Starts this class in another JVM on the database at {@code url} as node {@code "child-" +
   * kill}, and kills it with SIGKILL mid-batch: once it has sent a little, at a random moment up to
   * {@code maxMillis} later. Its accepted Message-IDs go to {@code accepted-<kill>.txt} in {@code
   * dir}.
   */
  static void killMidBatch(String url, Path dir, int kill, Random random, int maxMillis)
      throws IOException, InterruptedException {
    Path accepted = dir.resolve("accepted-" + kill + ".txt");
    Files.createFile(accepted);
    Path log = dir.resolve("child.log");
    Process child = start(url, accepted, "child-" + kill, log);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lines(accepted).size() < 5 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(5);
      }
      if (!child.isAlive()) {
        throw new AssertionError("child " + kill + " stopped by itself (see " + log + ")");
      }
      Thread.sleep(random.nextInt(maxMillis));
    } finally {
      child.destroyForcibly(); // SIGKILL
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The Message-IDs a file of accepted ones holds: its complete lines. */
  static List<String> lines(Path file) throws IOException {
    List<String> complete = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.endsWith(">")) {
        complete.add(line);
      }
    }
    return complete;
  }

  /**
   * How many times each Message-ID was accepted, over the files of accepted ones in {@code dir}.
   */
  static Map<String, Integer> accepted(Path dir) throws IOException {
    Map<String, Integer> accepted = new HashMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("accepted")).toList()) {
        for (String id : lines(f)) {
          accepted.merge(id, 1, Integer::sum);
        }
      }
    }
    return accepted;
  }

  /** Whether every one of these enrollments has ended. */
  static boolean finished(Nudge nudge, List<EnrollmentId> ids) {
    for (EnrollmentId id : ids) {
      if (!nudge.enrollment(id).orElseThrow().status().isTerminal()) {
        return false;
      }
    }
    return true;
  }

  /** How the steps of a crash test ended: sent, or delivery unknown. */
  record Tally(int sent, int unknown) {}

  /**
   * Checks what a crash must not break, and counts the steps: no Message-ID accepted twice; every
   * Message-ID a transport accepted is a step's attempt (the store forgot no send); each step sent
   * under a Message-ID a transport accepted or, in flight when its engine was killed, delivery
   * unknown (it may or may not have left, never twice).
   */
  static Tally check(
      Nudge nudge, List<EnrollmentId> ids, Map<String, Integer> accepted, long seed) {
    assertThat(accepted.entrySet())
        .as("Message-IDs accepted more than once (seed %d)", seed)
        .filteredOn(e -> e.getValue() > 1)
        .isEmpty();
    assertThat(accepted.keySet())
        .as("Message-IDs accepted but forgotten by the store (seed %d)", seed)
        .isSubsetOf(attempts(nudge, ids));
    int sent = 0;
    int unknown = 0;
    for (EnrollmentId id : ids) {
      for (StepExecution s : nudge.enrollment(id).orElseThrow().steps()) {
        SendAttempt last = s.lastAttempt().orElseThrow();
        if (s.status() == StepStatus.SENT) {
          sent++;
          assertThat(accepted).containsKey(last.messageId());
        } else {
          assertThat(s.status())
              .as("%s step %d (seed %d)", id, s.number(), seed)
              .isEqualTo(StepStatus.DELIVERY_UNKNOWN);
          assertThat(last.outcome()).isEqualTo(SendAttempt.Outcome.UNKNOWN);
          unknown++;
        }
      }
    }
    return new Tally(sent, unknown);
  }

  /** The Message-ID of every attempt the store recorded for the steps of these enrollments. */
  static Set<String> attempts(Nudge nudge, List<EnrollmentId> ids) {
    Set<String> attempts = new HashSet<>();
    for (EnrollmentId id : ids) {
      for (StepExecution s : nudge.enrollment(id).orElseThrow().steps()) {
        for (SendAttempt a : s.attempts()) {
          attempts.add(a.messageId());
        }
      }
    }
    return attempts;
  }

  /** Appends a line and forces it to disk. */
  static synchronized void append(FileChannel file, String line) {
    try {
      file.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      file.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
