package dev.nudge.internal;

import dev.nudge.EventListener;
import dev.nudge.Nudge;
import dev.nudge.TodoSink;
import dev.nudge.TokenKeys;
import dev.nudge.Tracking;
import dev.nudge.Tuning;
import dev.nudge.spi.inbound.InboundReader;
import dev.nudge.spi.store.Store;
import dev.nudge.spi.transport.MailTransport;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Makes engines for {@link Nudge.Builder}; not part of the API (the package is not exported). Hosts
 * build a {@link Nudge} with {@link Nudge#builder()}.
 */
public final class Engines {
  private Engines() {}

  /** The engine for a builder's ports and settings, all checked already. */
  public static Nudge create(
      Clock clock,
      Store store,
      MailTransport transport,
      TodoSink todoSink,
      List<EventListener> listeners,
      Tuning tuning,
      TokenKeys keys,
      Tracking tracking,
      String nodeId,
      @Nullable Long seed,
      @Nullable InboundReader reader) {
    return new Engine(
        clock,
        store,
        transport,
        todoSink,
        listeners,
        tuning,
        keys,
        tracking,
        nodeId,
        seed == null ? IdSource.random() : IdSource.seeded(seed),
        reader);
  }
}
