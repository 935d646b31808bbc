package dev.nudge;

import java.util.Objects;

/** The outcome of enrolling one candidate; expected refusals are results, not exceptions. */
public sealed interface EnrollResult {
  /**
   * Enrolled.
   *
   * @param enrollmentId the new enrollment
   */
  record Enrolled(EnrollmentId enrollmentId) implements EnrollResult {}

  /**
   * The candidate is already in the campaign; nothing changed.
   *
   * @param enrollmentId the existing enrollment
   */
  record AlreadyEnrolled(EnrollmentId enrollmentId) implements EnrollResult {}

  /**
   * The candidate's primary address is on the suppression list; nothing was written.
   *
   * @param suppression the entry that matched
   */
  record Suppressed(Suppression suppression) implements EnrollResult {}

  /**
   * Bulk enrollment only: the candidate was refused for bad input (a single enrollment throws
   * {@link InvalidInputException} instead).
   *
   * @param candidateId the candidate
   * @param field the field at fault
   * @param message what is wrong
   */
  record Invalid(CandidateId candidateId, String field, String message) implements EnrollResult {
    /** Checks the components. */
    public Invalid {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }
  }
}
