package dev.nudge.spi.store;

import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import java.util.List;

/** Reads the activity log of an enrollment; entries are appended by {@link Store#commit}. */
public interface ActivityLog {
  /** Every entry of the enrollment, in the order they were committed. */
  List<EnrollmentEvent> list(EnrollmentId enrollmentId);
}
