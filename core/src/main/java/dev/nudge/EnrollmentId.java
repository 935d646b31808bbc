package dev.nudge;

import java.util.Objects;
import java.util.UUID;

/** Identifies one candidate's enrollment in one campaign. */
public record EnrollmentId(UUID value) {
  /** Validates the component. */
  public EnrollmentId {
    Objects.requireNonNull(value, "value");
  }

  /** A new random id. */
  public static EnrollmentId random() {
    return new EnrollmentId(UUID.randomUUID());
  }

  /** The id of this UUID. */
  public static EnrollmentId of(UUID value) {
    return new EnrollmentId(value);
  }

  /** Parses the form produced by {@link #toString()}. */
  public static EnrollmentId of(String text) {
    return new EnrollmentId(Ids.parseUuid("enrollmentId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
