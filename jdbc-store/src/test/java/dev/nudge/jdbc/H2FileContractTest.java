package dev.nudge.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** The storage contract on H2 in a file, the embedded default. */
class H2FileContractTest extends JdbcContractSuite {
  private static final TestDatabase DB = TestDatabase.h2File(directory());

  private static Path directory() {
    try {
      return Files.createTempDirectory(Path.of("target"), "h2-contract");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  TestDatabase database() {
    return DB;
  }

  @AfterAll
  static void close() {
    DB.close();
  }
}
