package dev.nudge.jdbc;

import org.junit.jupiter.api.AfterAll;

/**
 * The storage contract on PostgreSQL: the server named by {@code -Dnudge.test.postgres.url}, else
 * an embedded one.
 */
class PostgresContractTest extends JdbcContractSuite {
  private static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return DB;
  }

  @AfterAll
  static void close() {
    DB.close();
  }
}
