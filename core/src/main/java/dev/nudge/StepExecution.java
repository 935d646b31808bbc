package dev.nudge;

import dev.nudge.spi.store.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One step of one enrollment: its status, times, send attempts and engagement.
 *
 * @param number step number, from 1
 * @param type email or manual task
 * @param state the stored state; {@link #status()} is what users see
 * @param scheduledAt when the step is (or was last) due, or null if never scheduled
 * @param doneAt when it was sent, completed or stopped, or null
 * @param attempts send attempts, oldest first
 * @param engagement opens, reply, bounce, auto-reply
 * @param taskOwner the owner of the to-do item while a manual task is open, else null
 */
public record StepExecution(
    int number,
    StepType type,
    StepState state,
    @Nullable Instant scheduledAt,
    @Nullable Instant doneAt,
    List<SendAttempt> attempts,
    Engagement engagement,
    @Nullable String taskOwner) {

  /** Checks the components. */
  public StepExecution {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
    attempts = List.copyOf(attempts);
    Objects.requireNonNull(engagement, "engagement");
  }

  /** A step that has not been scheduled. */
  public static StepExecution pending(int number, StepType type) {
    return new StepExecution(
        number, type, StepState.PENDING, null, null, List.of(), Engagement.NONE, null);
  }

  /** The status as users see it: a step whose email is being sent shows as scheduled. */
  public StepStatus status() {
    return state.shown();
  }

  /** The latest send attempt, if any. */
  public Optional<SendAttempt> lastAttempt() {
    return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
  }

  /** The attempt with this Message-ID, if any. */
  public Optional<SendAttempt> attempt(String messageId) {
    for (SendAttempt a : attempts) {
      if (a.messageId().equals(messageId)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** A copy with other attempts. */
  public StepExecution withAttempts(List<SendAttempt> attempts) {
    return new StepExecution(
        number, type, state, scheduledAt, doneAt, attempts, engagement, taskOwner);
  }

  /** A copy with other engagement. */
  public StepExecution withEngagement(Engagement engagement) {
    return new StepExecution(
        number, type, state, scheduledAt, doneAt, attempts, engagement, taskOwner);
  }

  /** A copy with another task owner. */
  public StepExecution withTaskOwner(@Nullable String owner) {
    return new StepExecution(number, type, state, scheduledAt, doneAt, attempts, engagement, owner);
  }
}
