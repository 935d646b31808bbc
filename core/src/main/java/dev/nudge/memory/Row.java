package dev.nudge.memory;

import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.spi.store.Claim;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the {@link InMemoryStore} keeps for one enrollment: its current version, its activity
 * log and its lease. Written under the store's lock; {@link #enrollment} is read without it.
 */
final class Row {
  volatile Enrollment enrollment;
  final List<EnrollmentEvent> activity = new ArrayList<>(8);
  @Nullable Claim lease;
  long fence;

  Row(Enrollment enrollment) {
    this.enrollment = enrollment;
  }
}
