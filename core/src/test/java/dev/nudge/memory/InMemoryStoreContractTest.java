package dev.nudge.memory;

import dev.nudge.port.Store;
import dev.nudge.port.StoreContractTest;

/** The storage contract against the in-memory store. */
class InMemoryStoreContractTest extends StoreContractTest {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
