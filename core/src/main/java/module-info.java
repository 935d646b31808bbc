/**
 * Nudge core: campaigns, candidate and step state machines, the scheduling calendar, the engine,
 * the in-memory store, and the service provider interfaces that storage and mail adapters
 * implement. A host program uses {@code dev.nudge} (and {@code dev.nudge.memory} for the in-memory
 * store); adapters implement {@code dev.nudge.spi.*}.
 */
module dev.nudge.core {
  requires transitive org.jspecify;
  requires org.slf4j;

  exports dev.nudge;
  exports dev.nudge.memory;
  exports dev.nudge.spi.store;
  exports dev.nudge.spi.transport;
  exports dev.nudge.spi.inbound;
}
