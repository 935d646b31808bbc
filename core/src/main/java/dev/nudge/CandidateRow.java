package dev.nudge;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of a campaign's Candidates tab: the candidate, the address written to, the status and one
 * cell per step.
 *
 * @param enrollmentId the enrollment, for row actions (pause, remove)
 * @param candidateId the host's candidate id
 * @param name candidate name
 * @param title current title, or null
 * @param company current company, or null
 * @param photoUrl photo, or null
 * @param email the address the campaign writes to
 * @param status the Status column
 * @param reason why it completed, or null
 * @param lastActivityAt when anything last happened
 * @param steps one cell per step, in order
 */
public record CandidateRow(
    EnrollmentId enrollmentId,
    CandidateId candidateId,
    String name,
    @Nullable String title,
    @Nullable String company,
    @Nullable URI photoUrl,
    EmailAddress email,
    EnrollmentStatus status,
    @Nullable CompletionReason reason,
    Instant lastActivityAt,
    List<StepCell> steps) {

  /** Copies the cells. */
  public CandidateRow {
    steps = List.copyOf(steps);
  }
}
