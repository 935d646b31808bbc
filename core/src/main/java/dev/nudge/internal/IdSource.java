package dev.nudge.internal;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Where the engine's randomness comes from: ids of campaigns and enrollments (which also seed send
 * jitter) and the random part of Message-IDs. Random by default; a seeded source makes a run
 * reproducible.
 */
final class IdSource {
  private static final SecureRandom SECURE = new SecureRandom();

  /** Guarded by itself; null for the random source. */
  private final @Nullable SplittableRandom seeded;

  private IdSource(@Nullable SplittableRandom seeded) {
    this.seeded = seeded;
  }

  static IdSource random() {
    return new IdSource(null);
  }

  static IdSource seeded(long seed) {
    return new IdSource(new SplittableRandom(seed));
  }

  /** A version 4 (random) UUID. */
  UUID uuid() {
    long hi;
    long lo;
    if (seeded == null) {
      hi = SECURE.nextLong();
      lo = SECURE.nextLong();
    } else {
      synchronized (seeded) {
        hi = seeded.nextLong();
        lo = seeded.nextLong();
      }
    }
    hi = (hi & ~0xF000L) | 0x4000L; // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(hi, lo);
  }

  /** 64 random bits. */
  long nextLong() {
    if (seeded == null) {
      return ThreadLocalRandom.current().nextLong();
    }
    synchronized (seeded) {
      return seeded.nextLong();
    }
  }
}
