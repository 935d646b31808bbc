package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.CampaignStatus;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentStatus;
import dev.nudge.RunReport;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.StepType;
import dev.nudge.TodoItem;
import dev.nudge.Tuning;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Decides what a claimed enrollment needs, without writing anything: nothing (not due any more), a
 * change to commit (a step found in flight after a crash, a step of a paused candidate, a manual
 * task, a send outside the window, a person who opted out), or a send.
 */
final class Decider {
  private static final Logger log = Logs.SEND;

  private final Engine engine;
  private final Rules rules;
  private final Tuning tuning;

  Decider(Engine engine, Rules rules, Tuning tuning) {
    this.engine = engine;
    this.rules = rules;
    this.tuning = tuning;
  }

  /** What to do with a claimed enrollment. */
  sealed interface Decision {
    /** Not due any more: give the claim back. */
    record Release() implements Decision {}

    /** Commit the editor's changes under the claim and release it. */
    record Finish(Editor ed, RunReport report) implements Decision {}

    /** Send the step's email; the editor may already hold changes (an address switch). */
    record Send(Editor ed, Compiled compiled, StepExecution step) implements Decision {}
  }

  static final Decision RELEASE = new Decision.Release();

  /**
   * The time a claimed enrollment is worked on: the store decided it is due, maybe by a database
   * clock ahead of this engine's, so at least its due time — a skewed clock must not release it
   * again and again.
   */
  static Instant workTime(Claim claim, Instant clockNow) {
    return clockNow.isBefore(claim.dueAt()) ? claim.dueAt() : clockNow;
  }

  /**
   * Decides for one claimed enrollment.
   *
   * @param suppressed whether an address is on the suppression list (or its domain)
   */
  Decision decide(
      Enrollment e, Campaign campaign, Instant now, Predicate<EmailAddress> suppressed) {
    Compiled compiled = engine.compiled(campaign);
    Editor ed = new Editor(campaign, e, now);
    StepExecution step = ed.current().orElse(null);
    if (step == null || !isDue(step, now)) {
      return RELEASE;
    }
    if (step.state() == StepState.IN_FLIGHT) {
      recoverInFlight(ed, compiled, step);
      return new Decision.Finish(ed, new RunReport(1, 0, 0, 0, 0));
    }
    if (campaign.status() != CampaignStatus.STARTED || ed.status() != EnrollmentStatus.STARTED) {
      // stale: the campaign or candidate was paused after this was scheduled
      ed.step(
          step.number(), StepState.PENDING, step.scheduledAt(), null, TodoItem.Removal.WITHDRAWN);
      return new Decision.Finish(ed, new RunReport(1, 0, 0, 0, 0));
    }
    if (step.type() == StepType.MANUAL_TASK) {
      if (!usableAddress(ed, suppressed)) {
        // the person opted out: no call or LinkedIn message either
        Rules.end(ed, EnrollmentStatus.COMPLETED, CompletionReason.SUPPRESSED);
        return new Decision.Finish(ed, new RunReport(1, 0, 0, 0, 0));
      }
      openTask(ed, compiled, step);
      return new Decision.Finish(ed, new RunReport(1, 0, 1, 0, 0));
    }
    if (!compiled.calendar.allows(now, Rules.zone(ed))) {
      rules.schedule(ed, compiled, step.number(), now);
      return new Decision.Finish(ed, new RunReport(1, 0, 0, 1, 0));
    }
    if (!usableAddress(ed, suppressed)) {
      Rules.end(ed, EnrollmentStatus.COMPLETED, CompletionReason.SUPPRESSED);
      return new Decision.Finish(ed, new RunReport(1, 0, 0, 0, 0));
    }
    return new Decision.Send(ed, compiled, step);
  }

  private static boolean isDue(StepExecution s, Instant now) {
    Instant at = s.scheduledAt();
    return s.state() == StepState.IN_FLIGHT
        || (s.state() == StepState.SCHEDULED && at != null && !at.isAfter(now));
  }

  private void recoverInFlight(Editor ed, Compiled compiled, StepExecution step) {
    List<SendAttempt> attempts = new ArrayList<>(step.attempts());
    int last = attempts.size() - 1;
    if (last >= 0 && attempts.get(last).outcome() == SendAttempt.Outcome.IN_FLIGHT) {
      attempts.set(
          last, attempts.get(last).with(SendAttempt.Outcome.UNKNOWN, "node lost while in flight"));
    }
    ed.replace(step.withAttempts(attempts));
    log.info(
        "enrollment {} step {}: the engine sending {} stopped before the answer: delivery unknown,"
            + " {}",
        ed.original().id(),
        step.number(),
        last >= 0 ? attempts.get(last).messageId() : "(none)",
        tuning.deliveryUnknown() == Tuning.DeliveryUnknownPolicy.RESEND
            ? "resent by policy"
            : "not sent again");
    engine.deliveries.deliveryUnknown(ed, compiled, step.number());
  }

  private void openTask(Editor ed, Compiled compiled, StepExecution step) {
    String owner = engine.taskOwner(ed.campaign, step.number());
    ed.step(
        step.number(), StepState.MANUAL_TASK, step.scheduledAt(), null, TodoItem.Removal.WITHDRAWN);
    ed.replace(ed.step(step.number()).withTaskOwner(owner));
    ed.status(EnrollmentStatus.MANUAL_TASK, null);
    ed.todo(
        new Editor.TodoEffect.Add(
            engine.todoItem(ed.campaign, compiled, ed.result(), step.number())));
  }

  /**
   * Skips to the next alternate address when the current one is suppressed; false if none is left.
   */
  private static boolean usableAddress(Editor ed, Predicate<EmailAddress> suppressed) {
    int count = ed.candidate().addressCount();
    for (int i = ed.addressIndex(); i < count; i++) {
      if (!suppressed.test(ed.candidate().address(i))) {
        if (i != ed.addressIndex()) {
          ed.addressIndex(i);
          ed.event(
              EnrollmentEvent.Type.ADDRESS_SWITCHED,
              0,
              "address " + (i + 1) + " of " + count + " (suppressed before)");
        }
        return true;
      }
    }
    return false;
  }
}
