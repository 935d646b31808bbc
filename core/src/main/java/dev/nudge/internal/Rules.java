package dev.nudge.internal;

import dev.nudge.CampaignStatus;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentStatus;
import dev.nudge.IllegalTransitionException;
import dev.nudge.InboundEvent;
import dev.nudge.StepExecution;
import dev.nudge.TodoItem;
import dev.nudge.Wait;
import dev.nudge.spi.store.StepState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sequencing rules of SPEC S8–S16, applied to an {@link Editor}: scheduling the next step,
 * stopping, pausing, resuming, replies and auto-replies. Bounces and send results are {@link
 * Deliveries}.
 */
final class Rules {
  private final Duration resumeSpread;

  Rules(Duration resumeSpread) {
    this.resumeSpread = resumeSpread;
  }

  static ZoneId zone(Editor ed) {
    ZoneId z = ed.candidate().zone();
    return z != null ? z : ed.campaign.zone();
  }

  /** Whether the engine may schedule this enrollment's steps now. */
  static boolean schedulable(Editor ed) {
    return ed.campaign.status() == CampaignStatus.STARTED
        && ed.status() == EnrollmentStatus.STARTED;
  }

  /**
   * Moves the enrollment on after its current step was done at {@code base}: schedules the next
   * pending step when allowed, or completes the enrollment when no step is left. Idempotent.
   */
  void advance(Editor ed, Compiled compiled, Instant base) {
    if (ed.status().isTerminal()) {
      return;
    }
    Optional<StepExecution> current = ed.current();
    if (current.isEmpty()) {
      if (ed.status() != EnrollmentStatus.NOT_STARTED) {
        ed.status(EnrollmentStatus.COMPLETED, CompletionReason.FINISHED);
      }
      return;
    }
    StepExecution next = current.get();
    if (next.state() != StepState.PENDING) {
      return;
    }
    if (ed.status() == EnrollmentStatus.MANUAL_TASK) {
      ed.status(EnrollmentStatus.STARTED, null);
    }
    Wait wait = ed.campaign.step(next.number()).delay();
    if (schedulable(ed)) {
      schedule(ed, compiled, next.number(), compiled.calendar.earliest(base, wait, zone(ed)));
    } else if (ed.status() != EnrollmentStatus.NOT_STARTED && next.scheduledAt() == null) {
      // paused: the wait still counts from when the step before was done; the resume keeps it (a
      // time planned before, by the scheduling a pause interrupted, stays)
      ed.plan(next.number(), compiled.calendar.earliest(base, wait, zone(ed)));
    }
  }

  /**
   * Schedules a pending step again after a pause: at its old time if that is still ahead, else from
   * now — never in the past.
   */
  void resume(Editor ed, Compiled compiled) {
    Optional<StepExecution> current = ed.current();
    if (current.isEmpty() || !schedulable(ed)) {
      advance(ed, compiled, ed.now);
      return;
    }
    StepExecution s = current.get();
    if (s.state() != StepState.PENDING) {
      return;
    }
    Instant planned = s.scheduledAt();
    Instant target =
        planned != null
            ? planned
            : compiled.calendar.earliest(ed.now, ed.campaign.step(s.number()).delay(), zone(ed));
    Instant hold = ed.holdUntil();
    if (planned != null
        && planned.isAfter(ed.now)
        && (hold == null || !hold.isAfter(planned))
        && compiled.calendar.allows(planned, zone(ed))) {
      // its slot from before the pause still lies ahead, jittered already: kept as it is
      ed.step(s.number(), StepState.SCHEDULED, planned, null, TodoItem.Removal.WITHDRAWN);
    } else if (target.isAfter(ed.now)) {
      schedule(ed, compiled, s.number(), target);
    } else {
      // overdue: spread over a while of sending time so that resuming many candidates is not a
      // burst, also when the window closes soon after the resume
      Duration jitter = ed.campaign.options().jitter();
      schedule(
          ed,
          compiled,
          s.number(),
          ed.now,
          jitter.compareTo(resumeSpread) > 0 ? jitter : resumeSpread,
          true);
    }
  }

  /**
   * Schedules a step that is to occur again, or — while the candidate or campaign is paused — keeps
   * it pending with that time as its plan, for the resume.
   */
  void scheduleOrHold(Editor ed, Compiled compiled, int step, Instant earliest) {
    if (schedulable(ed)) {
      schedule(ed, compiled, step, earliest);
    } else {
      ed.step(step, StepState.PENDING, earliest, null, TodoItem.Removal.WITHDRAWN);
    }
  }

  /**
   * Puts a step on the next allowed slot at or after {@code earliest} (never before now, never
   * before an auto-reply hold), with the campaign's jitter.
   */
  void schedule(Editor ed, Compiled compiled, int step, Instant earliest) {
    schedule(ed, compiled, step, earliest, ed.campaign.options().jitter(), false);
  }

  /**
   * Puts a step on the next allowed slot at or after {@code earliest}, moved later by up to {@code
   * jitter}: inside its window, or — {@code acrossWindows} — by up to {@code jitter} of sending
   * time, going on in the next windows.
   */
  private void schedule(
      Editor ed,
      Compiled compiled,
      int step,
      Instant earliest,
      Duration jitter,
      boolean acrossWindows) {
    Instant at = earliest.isBefore(ed.now) ? ed.now : earliest;
    Instant hold = ed.holdUntil();
    if (hold != null && hold.isAfter(at)) {
      at = hold;
    }
    long seed =
        ed.original().id().value().getLeastSignificantBits() * 31
            + step * 131L
            + ed.step(step).attempts().size();
    Instant slot =
        acrossWindows
            ? compiled.calendar.spread(at, zone(ed), jitter, seed)
            : compiled.calendar.slot(at, Wait.none(), zone(ed), jitter, seed);
    ed.step(step, StepState.SCHEDULED, slot, null, TodoItem.Removal.WITHDRAWN);
  }

  /** Stops every step not done (an in-flight step finishes on its own). */
  static void stopRemaining(Editor ed) {
    for (int n = 1; n <= ed.stepCount(); n++) {
      StepState s = ed.step(n).state();
      if (s == StepState.PENDING || s == StepState.SCHEDULED || s == StepState.MANUAL_TASK) {
        ed.step(n, StepState.STOPPED, ed.step(n).scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
      }
    }
  }

  /** Ends the enrollment: remaining steps stop, then the status changes. */
  static void end(Editor ed, EnrollmentStatus status, @Nullable CompletionReason reason) {
    stopRemaining(ed);
    ed.status(status, reason);
  }

  /** Pauses the candidate: its scheduled step or open task becomes pending. */
  static void pause(Editor ed) {
    ed.status(EnrollmentStatus.PAUSED, null);
    ed.current()
        .filter(s -> s.state() == StepState.SCHEDULED || s.state() == StepState.MANUAL_TASK)
        .ifPresent(
            s ->
                ed.step(
                    s.number(),
                    StepState.PENDING,
                    s.scheduledAt(),
                    null,
                    TodoItem.Removal.WITHDRAWN));
  }

  /** Resumes the candidate to the status it was paused from (a manual task comes back as due). */
  void unpause(Editor ed, Compiled compiled) {
    if (ed.status() != EnrollmentStatus.PAUSED) {
      // resuming means going back to the status before the pause: there is none
      throw new IllegalTransitionException(
          "enrollment " + ed.original().id() + " (only a paused candidate resumes)",
          ed.status(),
          ed.status());
    }
    EnrollmentStatus back = ed.pausedFrom();
    if (back == null
        || back == EnrollmentStatus.MANUAL_TASK
        || (back == EnrollmentStatus.NOT_STARTED
            && ed.campaign.status() != CampaignStatus.NOT_STARTED)) {
      // a manual task comes back as due; a candidate paused before the start starts now
      back = EnrollmentStatus.STARTED;
    }
    ed.status(back, null);
    if (back == EnrollmentStatus.STARTED) {
      resume(ed, compiled);
    }
  }

  /** A human reply [S9]: everything not sent stops, the enrollment completes as REPLIED. */
  static void reply(Editor ed, int step, InboundEvent.Reply reply) {
    StepExecution s = ed.step(step);
    ed.replace(s.withEngagement(s.engagement().withReply(ed.now, reply)));
    ed.event(EnrollmentEvent.Type.REPLIED, step, reply.matchedBy().name());
    if (!ed.status().isTerminal()) {
      end(ed, EnrollmentStatus.COMPLETED, CompletionReason.REPLIED);
    }
  }

  /** An auto-reply [S11]: recorded; with a return date the next step waits until after it. */
  void autoReply(Editor ed, Compiled compiled, int step, InboundEvent.AutoReply auto) {
    StepExecution s = ed.step(step);
    ed.replace(s.withEngagement(s.engagement().withAutoReply(ed.now, auto)));
    ed.event(
        EnrollmentEvent.Type.AUTO_REPLIED,
        step,
        auto.returnDate() == null ? "" : "back " + auto.returnDate());
    if (auto.returnDate() == null
        || !ed.campaign.options().holdAfterAutoReply()
        || ed.status().isTerminal()) {
      return;
    }
    Instant afterReturn = auto.returnDate().plusDays(1).atStartOfDay(zone(ed)).toInstant();
    Instant cap = ed.now.plus(ed.campaign.options().maxAutoReplyHold());
    Instant hold = afterReturn.isAfter(cap) ? cap : afterReturn;
    if (!hold.isAfter(ed.now)) {
      return;
    }
    ed.holdUntil(hold);
    ed.current()
        .filter(c -> c.state() == StepState.SCHEDULED)
        .filter(c -> c.scheduledAt() == null || c.scheduledAt().isBefore(hold))
        .ifPresent(c -> schedule(ed, compiled, c.number(), hold));
  }
}
