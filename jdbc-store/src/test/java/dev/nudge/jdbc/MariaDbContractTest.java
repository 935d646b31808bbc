package dev.nudge.jdbc;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract on MariaDB: the server named by {@code -Dnudge.test.mariadb.url}; skipped,
 * and reported as skipped, when none is named.
 */
class MariaDbContractTest extends JdbcContractSuite {
  private static @Nullable TestDatabase db;

  @BeforeAll
  static void open() {
    db = TestDatabase.mariadbOrSkip();
  }

  @Override
  TestDatabase database() {
    TestDatabase d = db;
    if (d == null) {
      throw new IllegalStateException("no MariaDB server");
    }
    return d;
  }

  @AfterAll
  static void close() {
    if (db != null) {
      db.close();
    }
  }
}
