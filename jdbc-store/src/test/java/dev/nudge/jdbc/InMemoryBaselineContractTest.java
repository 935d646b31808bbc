package dev.nudge.jdbc;

import dev.nudge.memory.InMemoryStore;
import dev.nudge.spi.store.Store;
import dev.nudge.storetest.StoreContractTest;

/**
 * The storage contract suite from the {@code nudge-core} test-jar, extended in a module of its own
 * (as a store written outside core extends it), run against the in-memory store as the baseline the
 * JDBC stores are held to.
 */
class InMemoryBaselineContractTest extends StoreContractTest {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
