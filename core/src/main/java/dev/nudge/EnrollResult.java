package dev.nudge;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of enrolling one candidate; expected refusals are results, not exceptions. Use {@link
 * #isEnrolled()} and {@link #enrollmentId()}, or {@link #orElseThrow()} when anything but a new
 * enrollment is a mistake, or switch over the four records.
 */
public sealed interface EnrollResult {

  /** Whether a new enrollment was made. */
  default boolean isEnrolled() {
    return this instanceof Enrolled;
  }

  /**
   * The enrollment the candidate is in now: the new one, or the existing one when the candidate was
   * enrolled already; empty when the candidate was not enrolled.
   */
  default Optional<EnrollmentId> enrollmentId() {
    if (this instanceof Enrolled e) {
      return Optional.of(e.id());
    }
    if (this instanceof AlreadyEnrolled a) {
      return Optional.of(a.id());
    }
    return Optional.empty();
  }

  /**
   * The new enrollment.
   *
   * @throws NudgeException saying why the candidate was not enrolled
   */
  default EnrollmentId orElseThrow() {
    if (this instanceof Enrolled e) {
      return e.id();
    }
    throw new NudgeException("not enrolled: " + this);
  }

  /**
   * Enrolled.
   *
   * @param id the new enrollment
   */
  record Enrolled(EnrollmentId id) implements EnrollResult {
    /** Checks the component. */
    public Enrolled {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * The candidate is already in the campaign — by id, or by one of its addresses; nothing changed.
   *
   * @param id the existing enrollment
   */
  record AlreadyEnrolled(EnrollmentId id) implements EnrollResult {
    /** Checks the component. */
    public AlreadyEnrolled {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * The candidate's primary address is on the suppression list; nothing was written.
   *
   * @param suppression the entry that matched
   */
  record Suppressed(Suppression suppression) implements EnrollResult {
    /** Checks the component. */
    public Suppressed {
      Objects.requireNonNull(suppression, "suppression");
    }
  }

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
      Objects.requireNonNull(candidateId, "candidateId");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }
  }
}
