package dev.nudge.memory;

import dev.nudge.modeltest.EngineModelSuite;
import dev.nudge.spi.store.Store;

/** The model-based engine test on the in-memory store. */
class InMemoryEngineModelTest extends EngineModelSuite {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
