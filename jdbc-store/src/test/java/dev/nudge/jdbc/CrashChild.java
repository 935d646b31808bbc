package dev.nudge.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.Nudge;
import dev.nudge.Tuning;
import dev.nudge.spi.transport.SendResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

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
