/**
 * Nudge core: campaigns, candidate and step state machines, the scheduling calendar, the engine,
 * the ports adapters plug into and an in-memory store.
 */
module dev.nudge.core {
  requires transitive org.jspecify;
  requires org.slf4j;

  exports dev.nudge;
  exports dev.nudge.campaign;
  exports dev.nudge.port;
  exports dev.nudge.memory;
}
