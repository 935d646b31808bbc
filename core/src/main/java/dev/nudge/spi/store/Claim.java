package dev.nudge.spi.store;

import dev.nudge.EnrollmentId;
import java.time.Instant;
import java.util.Objects;

/**
 * A lease on one due enrollment.
 *
 * @param enrollmentId the enrollment
 * @param dueAt its due time when claimed
 * @param owner the claiming engine
 * @param fence fencing token: grows with every claim of the enrollment
 * @param leaseUntil when the lease runs out unless renewed
 */
public record Claim(
    EnrollmentId enrollmentId, Instant dueAt, String owner, long fence, Instant leaseUntil) {
  /** Checks the components. */
  public Claim {
    Objects.requireNonNull(enrollmentId, "enrollmentId");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
  }
}
