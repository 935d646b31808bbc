package dev.nudge.memory;

import dev.nudge.spi.store.Store;
import dev.nudge.storetest.StoreContractTest;

/** The storage contract against the in-memory store. */
class InMemoryStoreContractTest extends StoreContractTest {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
