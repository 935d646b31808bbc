package dev.nudge.jdbc;

import org.junit.jupiter.api.AfterAll;

/** The storage contract on H2 in memory. */
class H2MemoryContractTest extends JdbcContractSuite {
  private static final TestDatabase DB = TestDatabase.h2Memory();

  @Override
  TestDatabase database() {
    return DB;
  }

  @AfterAll
  static void close() {
    DB.close();
  }
}
