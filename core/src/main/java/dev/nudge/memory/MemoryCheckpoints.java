package dev.nudge.memory;

import dev.nudge.spi.store.Checkpoints;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Checkpoints of the {@link InMemoryStore}. */
final class MemoryCheckpoints implements Checkpoints {
  private final Map<String, String> values = new ConcurrentHashMap<>();

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public boolean compareAndSet(String key, @Nullable String expected, String value) {
    if (expected == null) {
      return values.putIfAbsent(key, value) == null;
    }
    return values.replace(key, expected, value);
  }
}
