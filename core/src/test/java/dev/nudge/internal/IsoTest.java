package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTest {
  @Test
  void formatsLikeInstantToString() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long second = random.nextLong(-70_000_000_000L, 300_000_000_000L);
      int nano =
          switch (i % 3) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(second, nano);
      assertThat(Iso.format(t)).as("%s", t).isEqualTo(t.toString());
    }
  }
}
