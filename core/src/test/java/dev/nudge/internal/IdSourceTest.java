package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ids of campaigns and enrollments: time-ordered from the random source, so that a database adds
 * them at the end of its indexes; reproducible from a seeded one.
 */
class IdSourceTest {

  @Test
  void aTimeOrderedId_isLaidOutAsRfc9562SaysForVersion7() {
    // the example of RFC 9562, appendix A.6: 2022-02-22 19:22:22 UTC
    UUID id = IdSource.timeOrdered(0x017F22E279B0L, 0xCC3L, 0x18C4DC0C0C07398FL);

    assertThat(id).isEqualTo(UUID.fromString("017f22e2-79b0-7cc3-98c4-dc0c0c07398f"));
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void aTimeOrderedId_keepsOnlyTheRandomBitsItsLayoutHasRoomFor() {
    UUID id = IdSource.timeOrdered(0x017F22E279B0L, -1L, -1L);

    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(0x017F22E279B0L);
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() & 0xFFFL).isEqualTo(0xFFFL);
    assertThat(id.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL).isEqualTo(0x3FFFFFFFFFFFFFFFL);
  }

  @Test
  void theRandomSource_makesDistinctVersion7Ids_inTheOrderOfTheMillisecondTheyWereMade()
      throws InterruptedException {
    IdSource ids = IdSource.random();
    long before = System.currentTimeMillis();
    List<UUID> made = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      made.add(ids.uuid());
    }
    Thread.sleep(2);
    UUID later = ids.uuid();
    long after = System.currentTimeMillis();

    assertThat(new HashSet<>(made)).hasSize(made.size());
    for (UUID id : made) {
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }
    // a later millisecond sorts after every earlier one, as a database's UUID order sees it
    for (UUID id : made) {
      assertThat(Long.compareUnsigned(later.getMostSignificantBits(), id.getMostSignificantBits()))
          .isPositive();
    }
  }

  @Test
  void aSeededSource_makesTheSameVersion4IdsEveryRun() {
    IdSource a = IdSource.seeded(42);
    IdSource b = IdSource.seeded(42);

    for (int i = 0; i < 100; i++) {
      UUID id = a.uuid();
      assertThat(id).isEqualTo(b.uuid());
      assertThat(id.version()).isEqualTo(4);
      assertThat(id.variant()).isEqualTo(2);
    }
  }
}
