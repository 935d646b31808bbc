package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.CompletionReason;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentStatus;
import dev.nudge.IllegalTransitionException;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.TodoItem;
import dev.nudge.spi.store.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A working copy of one enrollment while a command changes it. Every status change goes through the
 * transition tables and leaves an activity entry; to-do list effects are collected for after the
 * commit. {@link #result()} yields the next version.
 */
final class Editor {
  final Campaign campaign;
  final Instant now;
  private final Enrollment original;
  private EnrollmentStatus status;
  private @Nullable CompletionReason reason;
  private @Nullable EnrollmentStatus pausedFrom;
  private int addressIndex;
  private final List<StepExecution> steps;
  private @Nullable Instant holdUntil;
  private dev.nudge.Candidate candidate;
  private boolean changed;
  final List<EnrollmentEvent> events = new ArrayList<>(4);
  final List<TodoEffect> todos = new ArrayList<>(0);

  Editor(Campaign campaign, Enrollment enrollment, Instant now) {
    this.campaign = campaign;
    this.now = now;
    this.original = enrollment;
    this.status = enrollment.status();
    this.reason = enrollment.reason();
    this.pausedFrom = enrollment.pausedFrom();
    this.addressIndex = enrollment.addressIndex();
    this.steps = new ArrayList<>(enrollment.steps());
    this.holdUntil = enrollment.holdUntil();
    this.candidate = enrollment.candidate();
  }

  Enrollment original() {
    return original;
  }

  EnrollmentStatus status() {
    return status;
  }

  @Nullable CompletionReason reason() {
    return reason;
  }

  @Nullable EnrollmentStatus pausedFrom() {
    return pausedFrom;
  }

  int addressIndex() {
    return addressIndex;
  }

  @Nullable Instant holdUntil() {
    return holdUntil;
  }

  dev.nudge.Candidate candidate() {
    return candidate;
  }

  int stepCount() {
    return steps.size();
  }

  StepExecution step(int number) {
    return steps.get(number - 1);
  }

  /** The first step that is not done. */
  Optional<StepExecution> current() {
    for (StepExecution s : steps) {
      if (!s.status().isDone()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  boolean changed() {
    return changed;
  }

  /**
   * Changes the enrollment's status through the table; of the completed ones only a finished
   * enrollment changes again.
   */
  void status(EnrollmentStatus to, @Nullable CompletionReason why) {
    if (!EnrollmentStatus.TRANSITIONS.allows(status, to)) {
      throw new IllegalTransitionException("enrollment " + original.id(), status, to);
    }
    if (status == EnrollmentStatus.COMPLETED && reason != CompletionReason.FINISHED) {
      throw new IllegalTransitionException(
          "enrollment " + original.id() + " (completed as " + reason + ")", status, to);
    }
    event(
        EnrollmentEvent.Type.STATUS_CHANGED,
        0,
        status.name(),
        to.name(),
        why == null ? "" : why.name());
    pausedFrom = to == EnrollmentStatus.PAUSED ? status : null;
    status = to;
    reason = to == EnrollmentStatus.COMPLETED ? why : null;
    changed = true;
  }

  /**
   * Sets the time a pending step is planned for, kept for the resume of its candidate or campaign,
   * or forgets it ({@code null}); its status stays as it is.
   */
  void plan(int number, @Nullable Instant at) {
    StepExecution s = step(number);
    if (s.state() != StepState.PENDING) {
      throw new IllegalStateException(
          "enrollment " + original.id() + " step " + number + " is " + s.state() + ", not PENDING");
    }
    steps.set(
        number - 1,
        new StepExecution(
            s.number(),
            s.type(),
            s.state(),
            at,
            s.doneAt(),
            s.attempts(),
            s.engagement(),
            s.taskOwner()));
    changed = true;
  }

  /** Changes a step's status through the table; leaving {@code MANUAL_TASK} removes the to-do. */
  void step(
      int number,
      StepState to,
      @Nullable Instant scheduledAt,
      @Nullable Instant doneAt,
      TodoItem.Removal ifTask) {
    StepExecution s = step(number);
    if (!StepState.TRANSITIONS.allows(s.state(), to)) {
      throw new IllegalTransitionException(
          "enrollment " + original.id() + " step " + number, s.state(), to);
    }
    StepExecution next =
        new StepExecution(
            s.number(),
            s.type(),
            to,
            scheduledAt,
            doneAt,
            s.attempts(),
            s.engagement(),
            s.taskOwner());
    String detail = to == StepState.SCHEDULED && scheduledAt != null ? Iso.format(scheduledAt) : "";
    event(EnrollmentEvent.Type.STEP_STATUS_CHANGED, number, s.state().name(), to.name(), detail);
    if (s.state() == StepState.MANUAL_TASK && to != StepState.MANUAL_TASK) {
      todos.add(new TodoEffect.Remove(new StepRef(original.id(), number), ifTask));
      next = next.withTaskOwner(null);
    }
    steps.set(number - 1, next);
    changed = true;
  }

  /** Replaces a step's attempts or engagement without a status change. */
  void replace(StepExecution s) {
    steps.set(s.number() - 1, s);
    changed = true;
  }

  void addressIndex(int index) {
    this.addressIndex = index;
    changed = true;
  }

  void holdUntil(@Nullable Instant until) {
    this.holdUntil = until;
    changed = true;
  }

  void candidate(dev.nudge.Candidate c) {
    this.candidate = c;
    changed = true;
  }

  void todo(TodoEffect effect) {
    todos.add(effect);
  }

  void event(EnrollmentEvent.Type type, int step, String detail) {
    event(type, step, null, null, detail);
  }

  private void event(
      EnrollmentEvent.Type type,
      int step,
      @Nullable String from,
      @Nullable String to,
      String detail) {
    events.add(
        new EnrollmentEvent(
            original.id(), original.campaignId(), now, type, step, from, to, detail));
    changed = true;
  }

  /** The next version of the enrollment. */
  Enrollment result() {
    return new Enrollment(
        original.id(),
        original.campaignId(),
        candidate,
        status,
        reason,
        pausedFrom,
        addressIndex,
        steps,
        holdUntil,
        original.enrolledAt(),
        now.isAfter(original.lastActivityAt()) ? now : original.lastActivityAt(),
        original.version() + 1);
  }

  /** A to-do list effect to apply after the commit. */
  sealed interface TodoEffect {
    record Add(TodoItem item) implements TodoEffect {}

    record Remove(StepRef ref, TodoItem.Removal why) implements TodoEffect {}
  }
}
