package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.CampaignStatus;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentStatus;
import dev.nudge.MailboxEvent;
import dev.nudge.MailboxHold;
import dev.nudge.RunReport;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.StepType;
import dev.nudge.StoreException;
import dev.nudge.TodoItem;
import dev.nudge.Tuning;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.StepState;
import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SmtpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Works on claimed due enrollments: a manual task goes to the to-do list; an email is checked
 * against the sending window, the suppression list and the mailbox's cap and gap, recorded as in
 * flight under the claim's fencing token, handed to the transport, and its answer recorded. A step
 * found in flight belonged to a node that died: its outcome is unknown.
 */
final class DueProcessor {
  private static final Logger log = Logs.SEND;

  private final Engine engine;
  private final MailTransport transport;
  private final Composer composer;
  private final Rules rules;
  private final Tuning tuning;

  DueProcessor(
      Engine engine, MailTransport transport, Composer composer, Rules rules, Tuning tuning) {
    this.engine = engine;
    this.transport = transport;
    this.composer = composer;
    this.rules = rules;
    this.tuning = tuning;
  }

  /** Processes one claim; never throws for a single enrollment's trouble. */
  RunReport process(Claim claim, Instant now) {
    try {
      return processOrThrow(claim, now);
    } catch (RuntimeException e) {
      // keep the lease: the enrollment is retried once it expires, not in a tight loop
      log.error(
          "processing enrollment {} failed; retried after its lease expires",
          claim.enrollmentId(),
          e);
      return RunReport.EMPTY;
    }
  }

  private RunReport processOrThrow(Claim claim, Instant clockNow) {
    // the store decided the enrollment is due, maybe by a database clock ahead of this engine's:
    // work at least at its due time, so that a skewed clock does not release it again and again
    Instant now = clockNow.isBefore(claim.dueAt()) ? claim.dueAt() : clockNow;
    for (int attempt = 0; attempt < tuning.conflictRetries(); attempt++) {
      Optional<Enrollment> found = engine.store.enrollments().find(claim.enrollmentId());
      if (found.isEmpty()) {
        engine.store.dueSteps().release(claim);
        return RunReport.EMPTY;
      }
      Enrollment e = found.get();
      Campaign campaign = engine.requireCampaign(e.campaignId());
      Compiled compiled = engine.compiled(campaign);
      Editor ed = new Editor(campaign, e, now);
      Optional<StepExecution> current = ed.current();
      StepExecution step = current.orElse(null);
      if (step == null || !isDue(step, now)) {
        engine.store.dueSteps().release(claim);
        return RunReport.EMPTY;
      }
      try {
        if (step.state() == StepState.IN_FLIGHT) {
          recoverInFlight(ed, compiled, step);
          return finish(ed, claim, new RunReport(1, 0, 0, 0, 0));
        }
        if (campaign.status() != CampaignStatus.STARTED
            || ed.status() != EnrollmentStatus.STARTED) {
          // stale: the campaign or candidate was paused after this was scheduled
          ed.step(
              step.number(),
              StepState.PENDING,
              step.scheduledAt(),
              null,
              TodoItem.Removal.WITHDRAWN);
          return finish(ed, claim, new RunReport(1, 0, 0, 0, 0));
        }
        if (step.type() == StepType.MANUAL_TASK) {
          if (!usableAddress(ed)) {
            // the person opted out: no call or LinkedIn message either
            Rules.end(ed, EnrollmentStatus.COMPLETED, CompletionReason.SUPPRESSED);
            return finish(ed, claim, new RunReport(1, 0, 0, 0, 0));
          }
          openTask(ed, compiled, step);
          return finish(ed, claim, new RunReport(1, 0, 1, 0, 0));
        }
        return sendEmail(ed, compiled, step, claim);
      } catch (ConflictException c) {
        if (c.kind() == ConflictException.Kind.LEASE_LOST) {
          return RunReport.EMPTY;
        }
        if (c.kind() != ConflictException.Kind.VERSION) {
          throw c;
        }
        // changed underneath (a reply, a pause): decide again on the fresh state
      }
    }
    engine.store.dueSteps().release(claim);
    return RunReport.EMPTY;
  }

  private static boolean isDue(StepExecution s, Instant now) {
    Instant at = s.scheduledAt();
    return s.state() == StepState.IN_FLIGHT
        || (s.state() == StepState.SCHEDULED && at != null && !at.isAfter(now));
  }

  /** Commits the editor's changes under the claim and releases it. */
  private RunReport finish(Editor ed, Claim claim, RunReport report) {
    engine.commit(ed, claim, true);
    return report;
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

  private RunReport sendEmail(Editor ed, Compiled compiled, StepExecution step, Claim claim) {
    Campaign campaign = ed.campaign;
    Instant now = ed.now;
    if (!compiled.calendar.allows(now, Rules.zone(ed))) {
      rules.schedule(ed, compiled, step.number(), now);
      return finish(ed, claim, new RunReport(1, 0, 0, 1, 0));
    }
    if (!usableAddress(ed)) {
      Rules.end(ed, EnrollmentStatus.COMPLETED, CompletionReason.SUPPRESSED);
      return finish(ed, claim, new RunReport(1, 0, 0, 0, 0));
    }
    if (engine.store.dueSteps().renew(claim, now, tuning.lease()).isEmpty()) {
      return RunReport.EMPTY; // the lease ran out and another engine has the enrollment now
    }
    Mailboxes.Slot slot = engine.mailboxes.acquire(campaign.mailbox(), now);
    if (slot.decision() instanceof SlotDecision.Denied denied) {
      rules.schedule(ed, compiled, step.number(), denied.retryAt());
      return finish(ed, claim, new RunReport(1, 0, 0, 1, 0));
    }
    SlotDecision.Granted granted = (SlotDecision.Granted) slot.decision();
    String messageId = resentMessageId(ed.step(step.number()), ed);
    if (messageId == null) {
      messageId = composer.newMessageId(campaign.mailbox());
    }
    Enrollment inFlight;
    OutboundEmail email;
    SendAttempt attempt =
        new SendAttempt(
            messageId,
            ed.candidate().address(ed.addressIndex()),
            now,
            SendAttempt.Outcome.IN_FLIGHT,
            null);
    try {
      StepExecution s = ed.step(step.number());
      List<SendAttempt> attempts = new ArrayList<>(s.attempts());
      attempts.add(attempt);
      ed.replace(s.withAttempts(attempts));
      ed.step(
          step.number(), StepState.IN_FLIGHT, s.scheduledAt(), null, TodoItem.Removal.WITHDRAWN);
      inFlight = ed.result();
      email = composer.compose(slot.mailbox(), compiled, inFlight, step.number(), messageId, now);
      engine.commit(ed, inFlight, claim, false);
    } catch (RuntimeException e) {
      // nothing reached the transport: the slot was not used
      engine.mailboxes.release(campaign.mailbox(), granted);
      throw e;
    }

    SendResult result;
    Deliveries.SendOutcome outcome;
    engine.leases.hold(claim);
    try {
      try {
        result = transport.send(email);
      } catch (RuntimeException e) {
        log.warn("mail transport threw for {}; treated as a transient failure", email.step(), e);
        result = new SendResult.TransientFailure("transport error: " + e);
      }
      Instant mailboxRetry = mailboxAnswer(campaign, slot, granted, result);
      outcome =
          recordResult(
              campaign,
              inFlight,
              new StepRef(inFlight.id(), step.number()),
              attempt,
              result,
              mailboxRetry,
              claim);
    } finally {
      engine.leases.drop(claim);
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "enrollment {} step {} to {}: {} as {}",
          inFlight.id(),
          step.number(),
          email.to(),
          outcome,
          messageId);
    }
    return switch (outcome) {
      case SENT -> new RunReport(1, 1, 0, 0, 0);
      case DEFERRED -> new RunReport(1, 0, 0, 1, 0);
      case BOUNCED -> new RunReport(1, 0, 0, 0, 1);
      case UNKNOWN -> new RunReport(1, 0, 0, 0, 0);
    };
  }

  /**
   * The Message-ID of the step's last attempt when that attempt's outcome is unknown and the resend
   * policy sends it again to the same address: a resend keeps its Message-ID, so that a receiver
   * that got both can tell them for one message.
   */
  private @Nullable String resentMessageId(StepExecution s, Editor ed) {
    if (tuning.deliveryUnknown() != Tuning.DeliveryUnknownPolicy.RESEND) {
      return null;
    }
    SendAttempt last = s.lastAttempt().orElse(null);
    if (last != null
        && last.outcome() == SendAttempt.Outcome.UNKNOWN
        && last.to().sameMailbox(ed.candidate().address(ed.addressIndex()))) {
      return last.messageId();
    }
    return null;
  }

  /**
   * What the transport's answer means for the sender mailbox: a refusal of the sender holds it and
   * gives the slot back (its steps do not count against the cap while it cannot send); a send that
   * went through ends a hold. Other mailboxes go on as before.
   *
   * @return when the mailbox is tried again, when the sender was refused; else null
   */
  private @Nullable Instant mailboxAnswer(
      Campaign campaign, Mailboxes.Slot slot, SlotDecision.Granted granted, SendResult result) {
    SendResult.MailboxRejected.Kind refused = senderRefusal(result);
    EmailAddress address = campaign.mailbox();
    Instant now = engine.now();
    if (refused != null) {
      engine.mailboxes.release(address, granted);
      Mailboxes.Held held = engine.mailboxes.hold(address, refused, reasonOf(result), now);
      MailboxHold hold = held.hold();
      if (held.started()) {
        MailboxEvent.Type type =
            hold.kind() == MailboxHold.Kind.DISCONNECTED
                ? MailboxEvent.Type.DISCONNECTED
                : MailboxEvent.Type.PAUSED;
        Logs.MAILBOX.info(
            "sender mailbox {} {}: {}; its steps wait, tried again at {}",
            address,
            type == MailboxEvent.Type.DISCONNECTED ? "disconnected" : "paused",
            hold.reason(),
            hold.retryAt());
        engine.publish(new MailboxEvent(address, now, type, hold.reason()));
      } else {
        Logs.MAILBOX.info(
            "sender mailbox {} still refused ({} times): {}; tried again at {}",
            address,
            hold.failures(),
            hold.reason(),
            hold.retryAt());
      }
      return hold.retryAt();
    }
    if (slot.held() && result instanceof SendResult.Accepted) {
      MailboxHold ended = engine.mailboxes.clear(address);
      if (ended != null) {
        Logs.MAILBOX.info("sender mailbox {} works again", address);
        engine.publish(
            new MailboxEvent(address, now, MailboxEvent.Type.RECONNECTED, "a send went through"));
      }
    }
    return null;
  }

  /** Asks the transport whether a mailbox can send; ends its hold when it can. */
  boolean reconnect(EmailAddress address) {
    SendResult check;
    try {
      check = transport.checkMailbox(address);
    } catch (RuntimeException e) {
      log.warn("checking sender mailbox {} failed", address, e);
      return false;
    }
    Instant now = engine.now();
    if (check instanceof SendResult.Accepted) {
      MailboxHold ended = engine.mailboxes.clear(address);
      if (ended != null) {
        Logs.MAILBOX.info("sender mailbox {} works again (checked on request)", address);
        engine.publish(
            new MailboxEvent(address, now, MailboxEvent.Type.RECONNECTED, "checked on request"));
      }
      return true;
    }
    SendResult.MailboxRejected.Kind refused = senderRefusal(check);
    if (refused != null) {
      MailboxHold hold = engine.mailboxes.hold(address, refused, reasonOf(check), now).hold();
      Logs.MAILBOX.info(
          "sender mailbox {} still refused: {}; tried again at {}",
          address,
          hold.reason(),
          hold.retryAt());
    }
    return false;
  }

  /** What about the sender a result refused, or null when it did not refuse the sender. */
  static SendResult.MailboxRejected.@Nullable Kind senderRefusal(SendResult result) {
    if (result instanceof SendResult.MailboxRejected m) {
      return m.kind();
    }
    if (result instanceof SendResult.PermanentFailure p) {
      SmtpStatus.Verdict v = SmtpStatus.classify(0, p.statusCode(), p.reason());
      return switch (v.concern()) {
        case SENDER_AUTHENTICATION -> SendResult.MailboxRejected.Kind.AUTHENTICATION;
        case SENDER_POLICY -> SendResult.MailboxRejected.Kind.POLICY;
        case SENDER_RATE -> SendResult.MailboxRejected.Kind.RATE;
        case RECIPIENT, TRANSIENT -> null;
      };
    }
    return null;
  }

  private static String reasonOf(SendResult result) {
    String code = null;
    String reason = "";
    if (result instanceof SendResult.MailboxRejected m) {
      code = m.statusCode();
      reason = m.reason();
    } else if (result instanceof SendResult.PermanentFailure p) {
      code = p.statusCode();
      reason = p.reason();
    }
    return code == null || reason.startsWith(code) ? reason : code + " " + reason;
  }

  /**
   * Skips to the next alternate address when the current one is suppressed; false if none is left.
   */
  private boolean usableAddress(Editor ed) {
    int count = ed.candidate().addressCount();
    for (int i = ed.addressIndex(); i < count; i++) {
      if (engine.store.suppressions().find(ed.candidate().address(i)).isEmpty()) {
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

  /** Records the transport's answer on the enrollment as it is now, retrying on conflicts. */
  private Deliveries.SendOutcome recordResult(
      Campaign sentBy,
      Enrollment inFlight,
      StepRef ref,
      SendAttempt sent,
      SendResult result,
      @Nullable Instant mailboxRetry,
      Claim claim) {
    String messageId = sent.messageId();
    Enrollment e = inFlight;
    for (int attempt = 0; ; attempt++) {
      if (attempt > 0) {
        // changed while the transport had it: apply the answer to the current version
        e = engine.store.enrollments().find(ref.enrollmentId()).orElseThrow();
      }
      // the campaign may have been paused meanwhile without touching this enrollment: read it anew
      Campaign campaign = engine.requireCampaign(sentBy.id());
      Editor ed = new Editor(campaign, e, engine.now());
      Deliveries.SendOutcome outcome;
      try {
        outcome =
            engine.deliveries.applySendResult(
                ed, engine.compiled(campaign), ref.step(), sent, result, mailboxRetry);
      } catch (RuntimeException bug) {
        // never leave a known answer in flight: record it and park the candidate for a person
        log.error("applying the send result of {} failed; the candidate is paused", ref, bug);
        ed = new Editor(campaign, e, engine.now());
        outcome = engine.deliveries.recordAndPause(ed, ref.step(), sent, result);
      }
      try {
        engine.commitUnfenced(ed, claim);
        return outcome;
      } catch (ConflictException c) {
        if (c.kind() != ConflictException.Kind.VERSION
            || attempt >= tuning.conflictRetries() * 10) {
          log.error("could not record the send result of {} ({}): {}", ref, messageId, result, c);
          throw c;
        }
      } catch (StoreException s) {
        if (attempt >= 3) {
          log.error("could not record the send result of {} ({}): {}", ref, messageId, result, s);
          throw s;
        }
        pause(Duration.ofMillis(200L << (2 * attempt))); // 200 ms, 800 ms, 3.2 s
      }
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
