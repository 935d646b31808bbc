/**
 * Nudge core: campaigns, candidate and step state machines, the scheduling calendar, the engine,
 * the in-memory store, and the service provider interfaces that storage and mail adapters
 * implement. A host program uses {@code dev.nudge} (and {@code dev.nudge.memory} for the in-memory
 * store, {@code dev.nudge.tracking} for the open-pixel and unsubscribe endpoints); adapters
 * implement {@code dev.nudge.spi.*}. {@code jdk.httpserver} is needed only by a host that serves
 * the endpoints with {@code JdkHttpTracking}.
 */
module dev.nudge.core {
  requires transitive org.jspecify;
  requires org.slf4j;
  requires static transitive jdk.httpserver;

  exports dev.nudge;
  exports dev.nudge.memory;
  exports dev.nudge.tracking;
  exports dev.nudge.spi.store;
  exports dev.nudge.spi.transport;
  exports dev.nudge.spi.inbound;
}
