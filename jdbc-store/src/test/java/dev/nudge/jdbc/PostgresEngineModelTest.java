package dev.nudge.jdbc;

import dev.nudge.modeltest.EngineModelSuite;
import dev.nudge.spi.store.Store;
import org.junit.jupiter.api.AfterAll;

/** The model-based engine test on a JdbcStore over PostgreSQL, with fewer sequences. */
class PostgresEngineModelTest extends EngineModelSuite {
  private static final TestDatabase DB = TestDatabase.postgres();

  @Override
  protected Store newStore() {
    DB.truncate();
    return DB.storeOnEngineClock();
  }

  @Override
  protected int defaultSequences() {
    return 100;
  }

  @AfterAll
  static void close() {
    DB.close();
  }
}
