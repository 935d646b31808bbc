package dev.nudge.jdbc;

import dev.nudge.modeltest.EngineModelSuite;
import dev.nudge.spi.store.Store;
import org.junit.jupiter.api.AfterAll;

/** The model-based engine test on a JdbcStore over H2, with fewer sequences than in memory. */
class H2EngineModelTest extends EngineModelSuite {
  private static final TestDatabase DB = TestDatabase.h2Memory();

  @Override
  protected Store newStore() {
    DB.truncate();
    return DB.storeOnEngineClock();
  }

  @Override
  protected int defaultSequences() {
    return 400;
  }

  @AfterAll
  static void close() {
    DB.close();
  }
}
