package dev.nudge.internal;

import dev.nudge.Campaign;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.RunReport;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.StoreException;
import dev.nudge.Suppression;
import dev.nudge.TodoItem;
import dev.nudge.Tuning;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.StepState;
import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Works on claimed due enrollments, one at a time: decides ({@link Decider}), takes a slot of the
 * sender mailbox, records the send as in flight under the claim's fencing token, hands the email to
 * the transport, and records its answer. {@link Batches} does the same for a batch with two commits
 * in all. Never throws for a single enrollment's trouble.
 */
final class DueProcessor {
  private static final Logger log = Logs.SEND;

  final Engine engine;
  final MailTransport transport;
  final Composer composer;
  final Rules rules;
  final Tuning tuning;
  final Decider decider;
  final MailboxAnswers mailboxAnswers;

  DueProcessor(
      Engine engine, MailTransport transport, Composer composer, Rules rules, Tuning tuning) {
    this.engine = engine;
    this.transport = transport;
    this.composer = composer;
    this.rules = rules;
    this.tuning = tuning;
    this.decider = new Decider(engine, rules, tuning);
    this.mailboxAnswers = new MailboxAnswers(engine, transport);
  }

  /** Processes one claim; never throws for a single enrollment's trouble. */
  RunReport process(Claim claim, Instant now) {
    try {
      return processOrThrow(claim, now);
    } catch (RuntimeException e) {
      failed(claim, e);
      return RunReport.EMPTY;
    }
  }

  /**
   * {@link #process}, but a store failure is thrown after it is logged: the caller working through
   * several claims asks whether the store still answers before it goes on.
   */
  RunReport processThrowingStoreFailures(Claim claim, Instant now) {
    try {
      return processOrThrow(claim, now);
    } catch (StoreException e) {
      failed(claim, e);
      throw e;
    } catch (RuntimeException e) {
      failed(claim, e);
      return RunReport.EMPTY;
    }
  }

  private static void failed(Claim claim, RuntimeException e) {
    // the lease is kept: the enrollment is retried once it expires, not in a tight loop
    log.error(
        "processing enrollment {} failed; retried after its lease expires",
        claim.enrollmentId(),
        e);
  }

  private RunReport processOrThrow(Claim claim, Instant clockNow) {
    for (int attempt = 0; attempt < tuning.conflictRetries(); attempt++) {
      // decided again after a conflict at the time it is decided again, not when it was claimed
      Instant now = Decider.workTime(claim, attempt == 0 ? clockNow : engine.now());
      Optional<Enrollment> found = engine.store.enrollments().find(claim.enrollmentId());
      if (found.isEmpty()) {
        engine.store.dueSteps().release(claim);
        return RunReport.EMPTY;
      }
      Enrollment e = found.get();
      Campaign campaign = engine.requireCampaign(e.campaignId());
      try {
        Decider.Decision d =
            decider.decide(e, campaign, now, a -> engine.store.suppressions().find(a).isPresent());
        if (d instanceof Decider.Decision.Release) {
          engine.store.dueSteps().release(claim);
          return RunReport.EMPTY;
        }
        if (d instanceof Decider.Decision.Finish f) {
          engine.commit(f.ed(), claim, true);
          return f.report();
        }
        Decider.Decision.Send send = (Decider.Decision.Send) d;
        return sendOne(send.ed(), send.compiled(), send.step(), claim);
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

  private RunReport sendOne(Editor ed, Compiled compiled, StepExecution step, Claim claim) {
    Campaign campaign = ed.campaign;
    Instant now = ed.now;
    if (leaseRunsShort(claim, now)
        && engine.store.dueSteps().renew(claim, now, tuning.lease()).isEmpty()) {
      return RunReport.EMPTY; // the lease ran out and another engine has the enrollment now
    }
    Mailboxes.Slot slot = engine.mailboxes.acquire(campaign.mailbox(), now);
    if (slot.decision() instanceof SlotDecision.Denied denied) {
      rules.schedule(ed, compiled, step.number(), denied.retryAt());
      engine.commit(ed, claim, true);
      return new RunReport(1, 0, 0, 1, 0);
    }
    InFlight sending;
    try {
      sending = inFlight(ed, compiled, step, claim, slot);
    } catch (RuntimeException e) {
      engine.mailboxes.release(campaign.mailbox(), sending(slot));
      throw e;
    }
    if (!recordInFlight(ed, sending, claim)) {
      // the record held after a failure, but the lease may have run out meanwhile: another
      // engine may hold the enrollment now and take the step as in flight; not sent from here
      giveBackSlot(sending);
      return RunReport.EMPTY;
    }
    engine.leases.hold(List.of(claim));
    try {
      @Nullable SendResult result = null;
      @Nullable Instant deniedUntil = null;
      Handovers.Handover handover = engine.handovers.open(sending.enrollment().id());
      try {
        // the slot first: the checks after it are the last look before the hand-over
        Confirmed confirmed = confirmSlot(sending);
        sending = confirmed.sending();
        deniedUntil = confirmed.deniedUntil();
        // denied: the mailbox's gap or the cap of the day it leaves on does not allow it now
        if (deniedUntil == null) {
          if (changedSince(sending) || windowClosed(sending)) {
            // a command of this engine or of another changed it since it was recorded in flight
            // (a reply, an opt-out recorded meanwhile wins), or its window closed while it was
            // recorded: it is not sent now
            giveBackSlot(sending);
          } else {
            result = send(sending.email());
          }
        }
      } finally {
        engine.handovers.close(handover);
      }
      // the lease is renewed until the answer is recorded
      engine.leases.recording();
      if (result == null) {
        return report(sending, recordResult(campaign, sending, null, deniedUntil));
      }
      Instant retry = answerMailbox(sending, result);
      return report(sending, recordResult(campaign, sending, result, retry));
    } finally {
      engine.leases.drop();
    }
  }

  /**
   * Commits the in-flight record before the email goes to the transport. When the store fails
   * without telling whether the commit held (the connection was cut during it), it asks once the
   * store answers again: in flight as recorded, the email goes out as usual. Not recorded, it is
   * written once more at once; a change the store refuses then fails again, and the claim is kept
   * until its lease ends instead of being taken again at once. A failure gives the mailbox slot
   * back: nothing reached the transport.
   *
   * @return whether the email may go out: after a failure, only when the lease could be renewed,
   *     since asking the store took time
   */
  private boolean recordInFlight(Editor ed, InFlight sending, Claim claim) {
    boolean failedOnce = false;
    for (int attempt = 0; ; attempt++) {
      try {
        engine.commit(ed, sending.enrollment(), claim, false);
        break;
      } catch (StoreException e) {
        failedOnce = true;
        boolean held;
        try {
          held = engine.landed(List.of(sending), e);
        } catch (RuntimeException unknown) {
          throw slotGivenBack(sending, unknown);
        }
        if (held) {
          engine.publish(ed);
          break;
        }
        if (attempt > 0) {
          throw slotGivenBack(sending, e);
        }
      } catch (RuntimeException e) {
        throw slotGivenBack(sending, e);
      }
    }
    return !failedOnce || renewal(claim).isPresent();
  }

  /** The claim renewed before its email goes out; empty when it is lost or the store fails. */
  Optional<Claim> renewal(Claim claim) {
    try {
      return engine.store.dueSteps().renew(claim, engine.now(), tuning.lease());
    } catch (RuntimeException e) {
      log.warn("could not renew the claim on {}; not sent from here", claim.enrollmentId(), e);
      return Optional.empty();
    }
  }

  /** Gives back the mailbox slot of a send that did not start; returns the failure to throw. */
  private RuntimeException slotGivenBack(InFlight sending, RuntimeException failure) {
    giveBackSlot(sending);
    return failure;
  }

  /**
   * Tells the mailbox ledger how the transport answered (a refusal of the sender holds the mailbox)
   * and returns when the step may be tried again, if the mailbox is held. A store failure here is
   * logged and does not lose the answer, which is recorded on the step next.
   */
  @Nullable Instant answerMailbox(InFlight f, SendResult result) {
    try {
      return mailboxAnswers.answer(f.ed().campaign.mailbox(), f.slot(), sending(f.slot()), result);
    } catch (RuntimeException e) {
      log.warn("could not record the mailbox's answer for {}", f.ref(), e);
      return null;
    }
  }

  /**
   * Whether the sending window of a step decided earlier has closed since: the time it took to take
   * a mailbox slot, record the send in flight, or make the sends before it in a batch moved the
   * clock past the window's end. Such a send is not made now; its step is scheduled in the next
   * window.
   */
  boolean windowClosed(InFlight f) {
    Instant now = engine.now();
    // before the time it was decided at (a database clock ahead of this engine's), the decision
    // stands
    return now.isAfter(f.ed().now)
        && !engine.compiled(f.ed().campaign).calendar.allows(now, Rules.zone(f.ed()));
  }

  /** {@link #changedSince(List)} for one send; true when the store cannot tell. */
  private boolean changedSince(InFlight f) {
    try {
      return !changedSince(List.of(f)).isEmpty();
    } catch (StoreException e) {
      // cannot tell: not sent now, recorded as not sent, due again
      log.warn("reading enrollment {} before its send failed; held", f.enrollment().id(), e);
      return true;
    }
  }

  /**
   * The sends whose stored enrollment moved past the version that recorded them in flight, or whose
   * recipient was suppressed since (a whole domain put on the list through another of its addresses
   * does not touch this enrollment): two queries, however many sends.
   */
  Set<EnrollmentId> changedSince(List<InFlight> sends) {
    List<EnrollmentId> ids = new ArrayList<>(sends.size());
    List<EmailAddress> recipients = new ArrayList<>(sends.size());
    for (InFlight f : sends) {
      ids.add(f.enrollment().id());
      recipients.add(f.attempt().to());
    }
    Map<EnrollmentId, Long> versions = engine.store.enrollments().versions(ids);
    List<Suppression> suppressions = engine.store.suppressions().find(recipients);
    Set<EnrollmentId> changed = new HashSet<>();
    for (InFlight f : sends) {
      Long stored = versions.get(f.enrollment().id());
      EmailAddress to = f.attempt().to();
      if (stored == null
          || stored != f.enrollment().version()
          || suppressions.stream().anyMatch(s -> s.matches(to))) {
        changed.add(f.enrollment().id());
      }
    }
    return changed;
  }

  /**
   * A step recorded as in flight, ready for the transport.
   *
   * @param claim the claim it is sent under
   * @param ed the editor that made it
   * @param enrollment the in-flight version
   * @param attempt its new attempt
   * @param email what the transport gets
   * @param slot the mailbox slot taken for it
   */
  record InFlight(
      Claim claim,
      Editor ed,
      Enrollment enrollment,
      SendAttempt attempt,
      OutboundEmail email,
      Mailboxes.Slot slot) {
    StepRef ref() {
      return email.step();
    }

    InFlight withSlot(Mailboxes.Slot confirmed) {
      return new InFlight(claim, ed, enrollment, attempt, email, confirmed);
    }
  }

  /**
   * Confirms the mailbox slot of a send about to be handed over ({@link Mailboxes#confirm}): the
   * minimum gap and the daily cap hold for the moments emails leave, not only for the moments their
   * sends were decided.
   *
   * @return the send under its confirmed slot; or a denial, with the slot given back, when the gap
   *     or the cap of the day does not allow the send now (a store failure denies it, to be tried
   *     again at once)
   */
  Confirmed confirmSlot(InFlight f) {
    Mailboxes.Slot slot = f.slot();
    SlotDecision decision;
    try {
      decision = engine.mailboxes.confirm(slot, engine.now());
    } catch (RuntimeException e) {
      log.warn("confirming the mailbox slot of {} failed; not sent now", f.ref(), e);
      decision = new SlotDecision.Denied(engine.now(), "mailbox not confirmed");
    }
    if (decision instanceof SlotDecision.Denied denied) {
      giveBackSlot(f);
      return new Confirmed(f, denied.retryAt());
    }
    return new Confirmed(
        f.withSlot(new Mailboxes.Slot(slot.mailbox(), decision, slot.held())), null);
  }

  /** Gives back the mailbox slot of a send not made now; a store failure only costs the slot. */
  void giveBackSlot(InFlight f) {
    try {
      engine.mailboxes.release(f.slot().mailbox().address(), sending(f.slot()));
    } catch (RuntimeException e) {
      log.warn("could not give back the mailbox slot of {}", f.ref(), e);
    }
  }

  /**
   * A send after its slot was confirmed.
   *
   * @param sending the send, under its confirmed slot
   * @param deniedUntil when the slot was denied: the time to try again; null when it may go now
   */
  record Confirmed(InFlight sending, @Nullable Instant deniedUntil) {}

  /** Records the send of {@code step} as in flight on the editor and builds the email. */
  InFlight inFlight(
      Editor ed, Compiled compiled, StepExecution step, Claim claim, Mailboxes.Slot slot) {
    String messageId = resentMessageId(ed.step(step.number()), ed);
    if (messageId == null) {
      messageId = composer.newMessageId(ed.campaign.mailbox());
    }
    SendAttempt attempt =
        new SendAttempt(
            messageId,
            ed.candidate().address(ed.addressIndex()),
            ed.now,
            SendAttempt.Outcome.IN_FLIGHT,
            null);
    StepExecution s = ed.step(step.number());
    List<SendAttempt> attempts = new ArrayList<>(s.attempts());
    attempts.add(attempt);
    ed.replace(s.withAttempts(attempts));
    ed.step(step.number(), StepState.IN_FLIGHT, s.scheduledAt(), null, TodoItem.Removal.WITHDRAWN);
    Enrollment inFlight = ed.result();
    OutboundEmail email =
        composer.compose(slot.mailbox(), compiled, inFlight, step.number(), messageId, ed.now);
    return new InFlight(claim, ed, inFlight, attempt, email, slot);
  }

  static SlotDecision.Granted sending(Mailboxes.Slot slot) {
    return (SlotDecision.Granted) slot.decision();
  }

  /** Whether less than half of the claim's lease is left: then it is renewed before the send. */
  boolean leaseRunsShort(Claim claim, Instant now) {
    return claim.leaseUntil().isBefore(now.plus(tuning.lease().dividedBy(2)));
  }

  /** Hands an email to the transport; an exception is a transient failure. */
  SendResult send(OutboundEmail email) {
    try {
      return transport.send(email);
    } catch (RuntimeException e) {
      log.warn("mail transport threw for {}; treated as a transient failure", email.step(), e);
      return new SendResult.TransientFailure("transport error: " + e);
    }
  }

  RunReport report(InFlight sent, Deliveries.SendOutcome outcome) {
    if (log.isDebugEnabled()) {
      log.debug(
          "enrollment {} step {} to {}: {} as {}",
          sent.enrollment().id(),
          sent.ref().step(),
          sent.email().to(),
          outcome,
          sent.attempt().messageId());
    }
    return switch (outcome) {
      case SENT -> new RunReport(1, 1, 0, 0, 0);
      case DEFERRED -> new RunReport(1, 0, 0, 1, 0);
      case BOUNCED -> new RunReport(1, 0, 0, 0, 1);
      case UNKNOWN -> new RunReport(1, 0, 0, 0, 0);
    };
  }

  /**
   * The Message-ID of the step's last attempt whose outcome is unknown, when the resend policy
   * sends it again to the same address and no attempt after it reached the server (a resend refused
   * for now keeps the Message-ID too): a resend keeps its Message-ID, so that a receiver that got
   * both can tell them for one message.
   */
  private @Nullable String resentMessageId(StepExecution s, Editor ed) {
    if (tuning.deliveryUnknown() != Tuning.DeliveryUnknownPolicy.RESEND) {
      return null;
    }
    int i = Deliveries.awaitingResend(s.attempts());
    if (i < 0) {
      return null;
    }
    SendAttempt unknown = s.attempts().get(i);
    return unknown.to().sameMailbox(ed.candidate().address(ed.addressIndex()))
        ? unknown.messageId()
        : null;
  }

  /**
   * Applies the transport's answer to the enrollment as it is now (it may have been replied to,
   * paused or taken over meanwhile); a failure to apply it records the answer and pauses the
   * candidate for a person. The editor's changes are not committed.
   */
  Deliveries.SendOutcome apply(
      Editor ed, InFlight sent, SendResult result, @Nullable Instant mailboxRetry) {
    StepRef ref = sent.ref();
    try {
      return engine.deliveries.applySendResult(
          ed, engine.compiled(ed.campaign), ref.step(), sent.attempt(), result, mailboxRetry);
    } catch (RuntimeException bug) {
      // never leave a known answer in flight: record it and park the candidate for a person
      log.error("applying the send result of {} failed; the candidate is paused", ref, bug);
      throw new ApplyFailed(bug);
    }
  }

  /** Applying a send result failed: the caller records it with {@code recordAndPause}. */
  static final class ApplyFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApplyFailed(RuntimeException cause) {
      super(cause);
    }
  }

  /**
   * Records the transport's answer on the enrollment as it is now, retrying on conflicts; a null
   * answer means the email was not handed to the transport after all.
   */
  Deliveries.SendOutcome recordResult(
      Campaign sentBy, InFlight sent, @Nullable SendResult result, @Nullable Instant mailboxRetry) {
    return recordResult(sentBy, sent, result, mailboxRetry, null);
  }

  /**
   * Records the transport's answer, as {@link #recordResult(Campaign, InFlight, SendResult,
   * Instant)}, after {@code tried}'s commit of it failed (the batch's): a commit that seemed to
   * fail may have held, and its events are then published here, once.
   */
  Deliveries.SendOutcome recordResult(
      Campaign sentBy,
      InFlight sent,
      @Nullable SendResult result,
      @Nullable Instant mailboxRetry,
      @Nullable Editor tried) {
    StepRef ref = sent.ref();
    String messageId = sent.attempt().messageId();
    Enrollment e = sent.enrollment();
    Patience patience = new Patience(engine.recordPatience());
    for (int attempt = 0; ; attempt++) {
      try {
        if (attempt > 0) {
          // changed while the transport had it (or the store failed): apply the answer to the
          // current version
          e = engine.store.enrollments().find(ref.enrollmentId()).orElseThrow();
          if (recorded(e, sent, result)) {
            // a commit that seemed to fail held after all
            engine.leases.released(sent.claim());
            if (tried != null && heldAsWritten(e, tried, sent)) {
              engine.publish(tried);
            }
            return outcomeOf(result, mailboxRetry);
          }
        }
        Recorded next = decide(sentBy, sent, e, result, mailboxRetry);
        try {
          engine.commitUnfenced(next.ed(), sent.claim());
        } catch (StoreException failed) {
          tried = next.ed();
          throw failed;
        }
        return next.outcome();
      } catch (ConflictException c) {
        if (c.kind() != ConflictException.Kind.VERSION
            || attempt >= tuning.conflictRetries() * 10) {
          log.error("could not record the send result of {} ({}): {}", ref, messageId, result, c);
          throw c;
        }
      } catch (StoreException s) {
        // the answer is known and the email may have gone: a failure that looks permanent may
        // pass (a lock wait, a fail-over), so it is tried for as long as the lease allows
        log.warn("recording the send result of {} failed; trying again", ref, s);
        if (!patience.pause()) {
          log.error("could not record the send result of {} ({}): {}", ref, messageId, result, s);
          throw s;
        }
      }
    }
  }

  /** Whether the answer to an attempt is on the enrollment already. */
  private static boolean recorded(Enrollment e, InFlight sent, @Nullable SendResult result) {
    SendAttempt a = attempt(e, sent);
    if (a == null) {
      return true; // taken back as not sent
    }
    return a.outcome() != SendAttempt.Outcome.IN_FLIGHT
        && (a.outcome() != SendAttempt.Outcome.UNKNOWN || result instanceof SendResult.Unknown);
  }

  /**
   * Whether the stored answer is the one {@code tried} wrote: the attempt with its outcome, or,
   * where the email was not sent after all and its attempt taken back, the step as {@code tried}
   * left it. Only the commit that wrote it recorded this answer, so its events are the ones that
   * happened.
   */
  private static boolean heldAsWritten(Enrollment stored, Editor tried, InFlight sent) {
    Enrollment written = tried.result();
    SendAttempt answer = attempt(written, sent);
    if (answer == null) {
      int step = sent.ref().step();
      return attempt(stored, sent) == null && written.step(step).equals(stored.step(step));
    }
    return answer.outcome() != SendAttempt.Outcome.IN_FLIGHT
        && answer.equals(attempt(stored, sent));
  }

  private static @Nullable SendAttempt attempt(Enrollment e, InFlight sent) {
    SendAttempt mine = sent.attempt();
    for (SendAttempt a : e.step(sent.ref().step()).attempts()) {
      if (a.messageId().equals(mine.messageId()) && a.at().equals(mine.at())) {
        return a;
      }
    }
    return null;
  }

  private static Deliveries.SendOutcome outcomeOf(
      @Nullable SendResult result, @Nullable Instant mailboxRetry) {
    if (result instanceof SendResult.Accepted) {
      return Deliveries.SendOutcome.SENT;
    }
    if (result instanceof SendResult.Unknown) {
      return Deliveries.SendOutcome.UNKNOWN;
    }
    if (result instanceof SendResult.PermanentFailure && mailboxRetry == null) {
      return Deliveries.SendOutcome.BOUNCED;
    }
    return Deliveries.SendOutcome.DEFERRED;
  }

  /** An answer applied to an enrollment, to commit. */
  private record Recorded(Editor ed, Deliveries.SendOutcome outcome) {}

  private Recorded decide(
      Campaign sentBy,
      InFlight sent,
      Enrollment e,
      @Nullable SendResult result,
      @Nullable Instant mailboxRetry) {
    StepRef ref = sent.ref();
    // the campaign may have been paused meanwhile without touching this enrollment: read it anew
    Campaign campaign = engine.requireCampaign(sentBy.id());
    Editor ed = new Editor(campaign, e, engine.now());
    Deliveries.SendOutcome outcome;
    try {
      if (result == null) {
        engine.deliveries.notSent(
            ed, engine.compiled(campaign), ref.step(), sent.attempt(), mailboxRetry);
        outcome = Deliveries.SendOutcome.DEFERRED;
      } else {
        outcome = apply(ed, sent, result, mailboxRetry);
      }
    } catch (ApplyFailed failed) {
      if (result == null) {
        throw failed;
      }
      ed = new Editor(campaign, e, engine.now());
      outcome = engine.deliveries.recordAndPause(ed, ref.step(), sent.attempt(), result);
    }
    return new Recorded(ed, outcome);
  }

  /** Asks the transport whether a mailbox can send; ends its hold when it can. */
  boolean reconnect(EmailAddress address) {
    return mailboxAnswers.reconnect(address);
  }

  dev.nudge.MailboxHold disconnect(EmailAddress address, String reason) {
    return mailboxAnswers.disconnect(address, reason);
  }
}
