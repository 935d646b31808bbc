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
 *
 * <p>The random source makes version 7 UUIDs (RFC 9562): the millisecond they were made, then 74
 * random bits. Ids made close together sort close together, so a database adds each one at the end
 * of its indexes rather than at a random page of them; a bulk import writes far fewer pages. The
 * seeded source makes version 4 UUIDs, all of them from its seed.
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

  /** A new UUID: version 7 (time-ordered) from the random source, version 4 from a seeded one. */
  UUID uuid() {
    if (seeded == null) {
      return timeOrdered(System.currentTimeMillis(), SECURE.nextLong(), SECURE.nextLong());
    }
    long hi;
    long lo;
    synchronized (seeded) {
      hi = seeded.nextLong();
      lo = seeded.nextLong();
    }
    hi = (hi & ~0xF000L) | 0x4000L; // version 4
    return new UUID(hi, variant(lo));
  }

  /**
   * A version 7 UUID: 48 bits of Unix milliseconds, the version, 12 random bits, the variant and 62
   * random bits.
   */
  static UUID timeOrdered(long epochMillis, long randomHigh, long randomLow) {
    long hi = (epochMillis << 16) | 0x7000L | (randomHigh & 0xFFFL);
    return new UUID(hi, variant(randomLow));
  }

  private static long variant(long lo) {
    return (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
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
