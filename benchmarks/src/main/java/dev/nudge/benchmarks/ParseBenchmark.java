package dev.nudge.benchmarks;

import dev.nudge.mail.MailReader;
import dev.nudge.spi.inbound.ReadMail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse and classify throughput of {@link MailReader} on one thread over every message of the
 * sisimai corpus ({@code shared/corpora/sisimai/maildir}, found by walking up from the working
 * directory, or named by {@code -Dnudge.corpus=...}): bounces of some 70 mail systems, RFC 3464
 * reports, auto-replies and complaints, up to 73 KB each. One invocation reads all of them; the
 * secondary score {@code readAll:messages} is messages per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class ParseBenchmark {
  private static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

  private final MailReader reader = MailReader.create();
  private List<byte[]> messages;

  /** Loads the corpus into memory. */
  @Setup(Level.Trial)
  public void load() {
    Path maildir = corpus().resolve("sisimai").resolve("maildir");
    messages = new ArrayList<>();
    try (Stream<Path> files = Files.walk(maildir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
        messages.add(Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (messages.size() < 600) {
      throw new IllegalStateException("corpus incomplete: " + messages.size() + " messages");
    }
  }

  /** Reads every message of the corpus; the score counts messages. */
  @Benchmark
  public void readAll(Blackhole hole, Counter counter) {
    for (byte[] raw : messages) {
      ReadMail read = reader.read(raw, RECEIVED);
      hole.consume(read);
    }
    counter.messages += messages.size();
  }

  /** Counts messages as the benchmark's operations. */
  @State(Scope.Thread)
  @org.openjdk.jmh.annotations.AuxCounters(org.openjdk.jmh.annotations.AuxCounters.Type.OPERATIONS)
  public static class Counter {
    /** Messages read. */
    public long messages;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      messages = 0;
    }
  }

  private static Path corpus() {
    String named = System.getProperty("nudge.corpus");
    if (named != null) {
      return Path.of(named);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("corpora");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/corpora above the working directory");
  }
}
