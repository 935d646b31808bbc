package dev.nudge.internal;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.EnrollmentEvent;
import dev.nudge.IllegalTransitionException;
import dev.nudge.InboundEvent;
import dev.nudge.Tuning;
import dev.nudge.campaign.CampaignStatus;
import dev.nudge.campaign.CompletionReason;
import dev.nudge.campaign.EnrollmentStatus;
import dev.nudge.campaign.SendAttempt;
import dev.nudge.campaign.StepExecution;
import dev.nudge.campaign.StepStatus;
import dev.nudge.campaign.StepType;
import dev.nudge.campaign.Wait;
import dev.nudge.port.SendResult;
import dev.nudge.port.TodoItem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sequencing rules of SPEC S8–S16, applied to an {@link Editor}: scheduling the next step,
 * stopping, pausing, resuming, and what replies, bounces and send results do.
 */
final class Rules {
  private final Tuning tuning;

  Rules(Tuning tuning) {
    this.tuning = tuning;
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
    if (next.status() != StepStatus.PENDING) {
      return;
    }
    if (ed.status() == EnrollmentStatus.MANUAL_TASK) {
      ed.status(EnrollmentStatus.STARTED, null);
    }
    if (schedulable(ed)) {
      Wait wait = ed.campaign.step(next.number()).delay();
      schedule(ed, compiled, next.number(), compiled.calendar.earliest(base, wait, zone(ed)));
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
    if (s.status() != StepStatus.PENDING) {
      return;
    }
    Instant planned = s.scheduledAt();
    if (planned == null) {
      advance(ed, compiled, ed.now);
    } else {
      schedule(ed, compiled, s.number(), planned);
    }
  }

  /**
   * Puts a step on the next allowed slot at or after {@code earliest} (never before now, never
   * before an auto-reply hold), with the campaign's jitter.
   */
  void schedule(Editor ed, Compiled compiled, int step, Instant earliest) {
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
        compiled.calendar.slot(at, Wait.none(), zone(ed), ed.campaign.options().jitter(), seed);
    ed.step(step, StepStatus.SCHEDULED, slot, null, TodoItem.Removal.WITHDRAWN);
  }

  /** Stops every step not done (an in-flight step finishes on its own). */
  static void stopRemaining(Editor ed) {
    for (int n = 1; n <= ed.stepCount(); n++) {
      StepStatus s = ed.step(n).status();
      if (s == StepStatus.PENDING || s == StepStatus.SCHEDULED || s == StepStatus.MANUAL_TASK) {
        ed.step(
            n, StepStatus.STOPPED, ed.step(n).scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
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
        .filter(s -> s.status() == StepStatus.SCHEDULED || s.status() == StepStatus.MANUAL_TASK)
        .ifPresent(
            s ->
                ed.step(
                    s.number(),
                    StepStatus.PENDING,
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
        .filter(c -> c.status() == StepStatus.SCHEDULED)
        .filter(c -> c.scheduledAt() == null || c.scheduledAt().isBefore(hold))
        .ifPresent(c -> schedule(ed, compiled, c.number(), hold));
  }

  /**
   * A bounce of a step's email [S10]. A hard bounce (or a soft one past its limits) of the address
   * currently written to moves to the next alternate address and resends the step when it is still
   * the latest; with no alternate left the enrollment is BOUNCED. A soft bounce resends after a
   * backoff.
   */
  void bounce(Editor ed, Compiled compiled, int step, InboundEvent.Bounce bounce) {
    StepExecution s = ed.step(step);
    List<SendAttempt> attempts = new ArrayList<>(s.attempts());
    boolean sentThere = false;
    for (int i = attempts.size() - 1; i >= 0; i--) {
      if (attempts.get(i).to().sameMailbox(bounce.recipient())) {
        sentThere = true;
        if (attempts.get(i).outcome() != SendAttempt.Outcome.BOUNCED) {
          attempts.set(i, attempts.get(i).with(SendAttempt.Outcome.BOUNCED, bounce.statusCode()));
          break;
        }
      }
    }
    s = s.withAttempts(attempts).withEngagement(s.engagement().withBounce(ed.now, bounce));
    ed.replace(s);
    ed.event(
        EnrollmentEvent.Type.BOUNCED,
        step,
        bounce.type()
            + " "
            + (bounce.statusCode() == null ? "" : bounce.statusCode() + " ")
            + bounce.reason());
    if (ed.status().isTerminal()
        || !sentThere
        || !bounce.recipient().sameMailbox(ed.candidate().address(ed.addressIndex()))) {
      // recorded only: nothing of this step went to that address, or it is no longer used
      return;
    }
    boolean hard = bounce.type() == BounceType.HARD || softLimitReached(ed, s);
    if (hard) {
      hardBounce(ed, compiled, step);
    } else if (resendable(ed, step)) {
      reopen(ed, compiled, step, ed.now.plus(backoff(s.engagement().softBounces())));
    }
  }

  /** The address written to is dead: next alternate (resending the step if possible) or BOUNCED. */
  void hardBounce(Editor ed, Compiled compiled, int step) {
    int next = ed.addressIndex() + 1;
    if (next >= ed.candidate().addressCount()) {
      if (ed.step(step).status() == StepStatus.IN_FLIGHT) {
        ed.step(
            step,
            StepStatus.STOPPED,
            ed.step(step).scheduledAt(),
            ed.now,
            TodoItem.Removal.WITHDRAWN);
      }
      end(ed, EnrollmentStatus.BOUNCED, null);
      return;
    }
    ed.addressIndex(next);
    ed.event(
        EnrollmentEvent.Type.ADDRESS_SWITCHED,
        step,
        "address " + (next + 1) + " of " + ed.candidate().addressCount());
    StepStatus status = ed.step(step).status();
    if (status == StepStatus.IN_FLIGHT) {
      if (schedulable(ed)) {
        schedule(ed, compiled, step, ed.now);
      } else {
        ed.step(step, StepStatus.PENDING, ed.now, null, TodoItem.Removal.WITHDRAWN);
      }
    } else if (resendable(ed, step)) {
      reopen(ed, compiled, step, ed.now);
    }
  }

  /**
   * Whether an already sent step can be sent again: it is the latest sent email, the enrollment is
   * schedulable, and the step after it has not started.
   */
  private static boolean resendable(Editor ed, int step) {
    StepStatus status = ed.step(step).status();
    if (!(status == StepStatus.SENT || status == StepStatus.DELIVERY_UNKNOWN)) {
      return false;
    }
    for (int n = step + 1; n <= ed.stepCount(); n++) {
      StepStatus later = ed.step(n).status();
      if (later != StepStatus.PENDING && later != StepStatus.SCHEDULED) {
        return false;
      }
    }
    return true;
  }

  /**
   * Puts the later scheduled step back to pending and schedules {@code step} again — or, while the
   * candidate or campaign is paused, leaves it pending so that the resume sends it first.
   */
  private void reopen(Editor ed, Compiled compiled, int step, Instant earliest) {
    for (int n = step + 1; n <= ed.stepCount(); n++) {
      if (ed.step(n).status() == StepStatus.SCHEDULED) {
        ed.step(n, StepStatus.PENDING, null, null, TodoItem.Removal.WITHDRAWN);
      }
    }
    if (schedulable(ed)) {
      schedule(ed, compiled, step, earliest);
    } else {
      ed.step(step, StepStatus.PENDING, earliest, null, TodoItem.Removal.WITHDRAWN);
    }
  }

  private boolean softLimitReached(Editor ed, StepExecution s) {
    if (s.engagement().softBounces() >= tuning.maxSoftBounces()) {
      return true;
    }
    return s.attempts().stream()
        .findFirst()
        .map(first -> Duration.between(first.at(), ed.now).compareTo(tuning.softBounceMaxAge()) > 0)
        .orElse(false);
  }

  /**
   * Records the transport's answer for the attempt with {@code messageId} of {@code step}, on the
   * enrollment as it is now (it may have been replied to, paused or taken over meanwhile).
   *
   * @return what the answer was, for the run report
   */
  SendOutcome applySendResult(
      Editor ed, Compiled compiled, int step, String messageId, SendResult result) {
    StepExecution s = ed.step(step);
    List<SendAttempt> attempts = new ArrayList<>(s.attempts());
    int i = indexOf(attempts, messageId);
    if (result instanceof SendResult.Accepted ok) {
      attempts.set(i, attempts.get(i).with(SendAttempt.Outcome.ACCEPTED, ok.response()));
      ed.replace(s.withAttempts(attempts));
      ed.event(EnrollmentEvent.Type.EMAIL_SENT, step, messageId);
      if (s.status() == StepStatus.IN_FLIGHT || s.status() == StepStatus.DELIVERY_UNKNOWN) {
        ed.step(step, StepStatus.SENT, s.scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
      }
      advance(ed, compiled, ed.now);
      return SendOutcome.SENT;
    }
    boolean permanent = result instanceof SendResult.PermanentFailure;
    String why =
        result instanceof SendResult.PermanentFailure p
            ? (p.statusCode() == null ? "" : p.statusCode() + " ") + p.reason()
            : ((SendResult.TransientFailure) result).reason();
    attempts.set(
        i,
        attempts
            .get(i)
            .with(
                permanent
                    ? SendAttempt.Outcome.PERMANENT_FAILURE
                    : SendAttempt.Outcome.TRANSIENT_FAILURE,
                why));
    s = s.withAttempts(attempts);
    ed.replace(permanent ? s : s.withEngagement(s.engagement().withTransientFailure()));
    // the server's words may quote the address: they stay on the attempt, which erasure scrubs
    String code = result instanceof SendResult.PermanentFailure p ? p.statusCode() : null;
    ed.event(
        EnrollmentEvent.Type.SEND_FAILED,
        step,
        (permanent ? "permanent" : "transient") + (code == null ? "" : " " + code));
    if (s.status() != StepStatus.IN_FLIGHT) {
      return permanent ? SendOutcome.BOUNCED : SendOutcome.DEFERRED;
    }
    if (ed.status().isTerminal()) {
      ed.step(step, StepStatus.STOPPED, s.scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
      return permanent ? SendOutcome.BOUNCED : SendOutcome.DEFERRED;
    }
    if (!permanent
        && transientFailures(ed.step(step), attempts.get(i)) < tuning.maxSendAttempts()) {
      Instant retry = ed.now.plus(backoff(transientFailures(ed.step(step), attempts.get(i))));
      if (schedulable(ed)) {
        schedule(ed, compiled, step, retry);
      } else {
        ed.step(step, StepStatus.PENDING, retry, null, TodoItem.Removal.WITHDRAWN);
      }
      return SendOutcome.DEFERRED;
    }
    SendAttempt a = attempts.get(i);
    StepExecution failed = ed.step(step);
    ed.replace(
        failed.withEngagement(
            failed
                .engagement()
                .withBounce(
                    ed.now,
                    new InboundEvent.Bounce(
                        a.to(),
                        BounceType.HARD,
                        result instanceof SendResult.PermanentFailure p ? p.statusCode() : null,
                        permanent ? BounceReason.OTHER : BounceReason.EXPIRED,
                        why))));
    hardBounce(ed, compiled, step);
    return SendOutcome.BOUNCED;
  }

  /** Transient failures of this step to the address of {@code latest}. */
  private static int transientFailures(StepExecution s, SendAttempt latest) {
    int n = 0;
    for (SendAttempt a : s.attempts()) {
      if (a.outcome() == SendAttempt.Outcome.TRANSIENT_FAILURE && a.to().sameMailbox(latest.to())) {
        n++;
      }
    }
    return n;
  }

  private static int indexOf(List<SendAttempt> attempts, String messageId) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      if (attempts.get(i).messageId().equals(messageId)) {
        return i;
      }
    }
    throw new IllegalStateException("no attempt with Message-ID " + messageId);
  }

  /** What became of a send, for the run report. */
  enum SendOutcome {
    SENT,
    DEFERRED,
    BOUNCED
  }

  /** Wait before the n-th retry: the base backoff doubled n-1 times, capped. */
  Duration backoff(int failures) {
    Duration d = tuning.retryBackoff();
    for (int i = 1; i < failures && d.compareTo(tuning.maxRetryBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(tuning.maxRetryBackoff()) > 0 ? tuning.maxRetryBackoff() : d;
  }

  /** Whether the step is a manual task. */
  static boolean isTask(StepExecution s) {
    return s.type() == StepType.MANUAL_TASK;
  }
}
