package dev.nudge;

import dev.nudge.spi.store.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One candidate in one campaign as stored: status, one execution per step, and a version for
 * compare-and-set writes. Steps occur in order; the current step is the first one not done.
 *
 * @param id identity
 * @param campaignId the campaign
 * @param candidate the candidate as enrolled
 * @param status the candidate's status in the campaign
 * @param reason why it completed, when {@code COMPLETED}; else null
 * @param pausedFrom the status to go back to on resume, when {@code PAUSED}; else null
 * @param addressIndex which of {@link Candidate#addresses()} is written to
 * @param steps one execution per campaign step, in order
 * @param holdUntil no step is scheduled before this instant (after an auto-reply), or null
 * @param enrolledAt when the candidate was enrolled
 * @param lastActivityAt when anything last happened
 * @param version incremented by every write
 */
public record Enrollment(
    EnrollmentId id,
    CampaignId campaignId,
    Candidate candidate,
    EnrollmentStatus status,
    @Nullable CompletionReason reason,
    @Nullable EnrollmentStatus pausedFrom,
    int addressIndex,
    List<StepExecution> steps,
    @Nullable Instant holdUntil,
    Instant enrolledAt,
    Instant lastActivityAt,
    long version) {

  /** Checks the components. */
  public Enrollment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(status, "status");
    steps = List.copyOf(steps);
    if (addressIndex < 0 || addressIndex > candidate.alternates().size()) {
      throw new IllegalArgumentException("addressIndex out of range: " + addressIndex);
    }
    Objects.requireNonNull(enrolledAt, "enrolledAt");
    Objects.requireNonNull(lastActivityAt, "lastActivityAt");
  }

  /** The step with this number (from 1). */
  public StepExecution step(int number) {
    return steps.get(number - 1);
  }

  /** The first step that is not done, if any. */
  public Optional<StepExecution> currentStep() {
    for (StepExecution s : steps) {
      if (!s.status().isDone()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The address currently written to. */
  public EmailAddress address() {
    return candidate.address(addressIndex);
  }

  /**
   * When the enrollment next needs the engine: the time of its scheduled or in-flight step, else
   * null. Stores index this to claim due work.
   */
  public @Nullable Instant dueAt() {
    for (StepExecution s : steps) {
      if (s.state() == StepState.SCHEDULED || s.state() == StepState.IN_FLIGHT) {
        return s.scheduledAt();
      }
    }
    return null;
  }

  /** The owner of the open manual task, if the current step is one. */
  public Optional<String> openTaskOwner() {
    for (StepExecution s : steps) {
      if (s.state() == StepState.MANUAL_TASK) {
        return Optional.ofNullable(s.taskOwner());
      }
    }
    return Optional.empty();
  }

  /** Whether the step with this Message-ID belongs to this enrollment, and which it is. */
  public Optional<StepExecution> stepByMessageId(String messageId) {
    for (StepExecution s : steps) {
      if (s.attempt(messageId).isPresent()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
