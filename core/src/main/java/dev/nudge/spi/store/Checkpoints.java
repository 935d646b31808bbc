package dev.nudge.spi.store;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Small named values that inbound pollers keep across restarts — an IMAP folder's UIDVALIDITY and
 * last processed UID — so that nothing is processed twice or skipped.
 */
public interface Checkpoints {
  /** The value stored under {@code key}. */
  Optional<String> get(String key);

  /**
   * Stores {@code value} under {@code key} if the current value is {@code expected} (null: absent).
   *
   * @return whether the value was stored
   */
  boolean compareAndSet(String key, @Nullable String expected, String value);
}
