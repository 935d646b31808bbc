package dev.nudge.jdbc;

import dev.nudge.spi.store.Store;
import dev.nudge.storetest.StoreContractTest;

/**
 * The storage contract on a {@link JdbcStore}: each test gets an empty schema on the database of
 * its class.
 */
abstract class JdbcContractSuite extends StoreContractTest {
  /** The database of the concrete test class. */
  abstract TestDatabase database();

  @Override
  protected Store newStore() {
    TestDatabase db = database();
    db.truncate();
    return db.store();
  }
}
