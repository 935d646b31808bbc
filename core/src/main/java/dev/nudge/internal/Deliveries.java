package dev.nudge.internal;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.CampaignStatus;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import dev.nudge.TodoItem;
import dev.nudge.Tuning;
import dev.nudge.spi.store.StepState;
import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SmtpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What happens after a send [S10, S18]: the transport's answer, and bounces recorded later. A hard
 * bounce moves to the next alternate address and sends the step again; with none left the
 * enrollment is BOUNCED — also after it finished, when the last email bounces late. Transient
 * failures and soft bounces are retried with backoff until they count as hard.
 */
final class Deliveries {
  private final Rules rules;
  private final Tuning tuning;

  Deliveries(Rules rules, Tuning tuning) {
    this.rules = rules;
    this.tuning = tuning;
  }

  /**
   * A bounce of a step's email [S10]. A hard bounce (or a soft one past its limits) of the address
   * currently written to moves to the next alternate address and resends the step when it is still
   * the latest; with no alternate left the enrollment is BOUNCED. A soft bounce resends after a
   * backoff.
   *
   * <p>A bounce that comes after the enrollment finished (COMPLETED, FINISHED) does what it would
   * have done just before the end: the last email did not reach the candidate. A hard bounce of it
   * starts the enrollment again to send it to the next address (it finishes again once that is
   * accepted), a soft one to send it again after the backoff; with no address left the enrollment
   * is BOUNCED — also for an earlier email, as for an active candidate. An earlier email is never
   * sent again after the steps that followed it: with an alternate left, its hard bounce only
   * switches to the alternate (the dead address is not written to again, should a later email
   * bounce too) and the enrollment stays finished. A finished enrollment whose candidate replied or
   * opted out after the end, or whose campaign is archived, only records the bounce, as every other
   * terminal one does.
   *
   * @param heardFrom whether the candidate replied to, unsubscribed from or complained about this
   *     enrollment, or was erased; asked only when the enrollment has finished
   */
  void bounce(
      Editor ed,
      Compiled compiled,
      int step,
      InboundEvent.Bounce bounce,
      BooleanSupplier heardFrom) {
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
    if (!sentThere) {
      return; // recorded only: nothing of this step went to that address
    }
    if (ed.status().isTerminal() && !reopenable(ed, heardFrom)) {
      return; // recorded only: the enrollment is over
    }
    if (!bounce.recipient().sameMailbox(ed.candidate().address(ed.addressIndex()))) {
      // the address was given up already; if this step never reached the current one (it was in
      // flight when an earlier bounce switched addresses), send it there now
      SendAttempt last = s.attempts().get(s.attempts().size() - 1);
      if (last.to().sameMailbox(bounce.recipient())
          && resendable(ed, step)
          && nothingSentAfter(ed, step)) {
        reopen(ed, compiled, step, ed.now);
      }
      return;
    }
    boolean hard = bounce.type() == BounceType.HARD || softLimitReached(ed, s);
    if (hard) {
      hardBounce(ed, compiled, step);
    } else if (resendable(ed, step)) {
      reopen(ed, compiled, step, ed.now.plus(backoff(s.engagement().softBounces())));
    }
  }

  /**
   * Whether a bounce may change a terminal enrollment: it finished, its campaign goes on, and the
   * candidate neither replied nor opted out since.
   */
  private static boolean reopenable(Editor ed, BooleanSupplier heardFrom) {
    return ed.status() == EnrollmentStatus.COMPLETED
        && ed.reason() == CompletionReason.FINISHED
        && ed.campaign.status() != CampaignStatus.ARCHIVED
        && !heardFrom.getAsBoolean();
  }

  /** The address written to is dead: next alternate (resending the step if possible) or BOUNCED. */
  void hardBounce(Editor ed, Compiled compiled, int step) {
    int next = ed.addressIndex() + 1;
    if (next >= ed.candidate().addressCount()) {
      if (ed.step(step).state() == StepState.IN_FLIGHT) {
        ed.step(
            step,
            StepState.STOPPED,
            ed.step(step).scheduledAt(),
            ed.now,
            TodoItem.Removal.WITHDRAWN);
      }
      Rules.end(ed, EnrollmentStatus.BOUNCED, null);
      return;
    }
    ed.addressIndex(next);
    ed.event(
        EnrollmentEvent.Type.ADDRESS_SWITCHED,
        step,
        "address " + (next + 1) + " of " + ed.candidate().addressCount());
    StepState status = ed.step(step).state();
    if (status == StepState.IN_FLIGHT) {
      rules.scheduleOrHold(ed, compiled, step, ed.now);
    } else if (resendable(ed, step)) {
      reopen(ed, compiled, step, ed.now);
    }
  }

  /**
   * Whether an already sent step can be sent again: it is the latest sent email, the enrollment is
   * schedulable, and the step after it has not started.
   */
  private static boolean resendable(Editor ed, int step) {
    StepState status = ed.step(step).state();
    if (!(status == StepState.SENT || status == StepState.DELIVERY_UNKNOWN)) {
      return false;
    }
    for (int n = step + 1; n <= ed.stepCount(); n++) {
      StepState later = ed.step(n).state();
      if (later != StepState.PENDING && later != StepState.SCHEDULED) {
        return false;
      }
    }
    return true;
  }

  /** Whether no later step has been handed to the transport yet. */
  private static boolean nothingSentAfter(Editor ed, int step) {
    for (int n = step + 1; n <= ed.stepCount(); n++) {
      if (!ed.step(n).attempts().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Puts the later scheduled step back to pending and schedules {@code step} again — or, while the
   * candidate or campaign is paused, leaves it pending so that the resume sends it first. A
   * finished enrollment starts again: its last email did not arrive.
   */
  private void reopen(Editor ed, Compiled compiled, int step, Instant earliest) {
    if (ed.status() == EnrollmentStatus.COMPLETED) {
      ed.status(EnrollmentStatus.STARTED, null);
    }
    for (int n = step + 1; n <= ed.stepCount(); n++) {
      if (ed.step(n).state() == StepState.SCHEDULED) {
        ed.step(n, StepState.PENDING, null, null, TodoItem.Removal.WITHDRAWN);
      } else if (ed.step(n).state() == StepState.PENDING && ed.step(n).scheduledAt() != null) {
        // planned from the send this one repeats (during a pause): its wait counts anew
        ed.plan(n, null);
      }
    }
    rules.scheduleOrHold(ed, compiled, step, earliest);
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
   * @param mailboxRetry when the answer refused the sender: when its mailbox is tried again, the
   *     time the step waits for; else null
   * @return what the answer was, for the run report
   */
  SendOutcome applySendResult(
      Editor ed,
      Compiled compiled,
      int step,
      SendAttempt sent,
      SendResult result,
      @Nullable Instant mailboxRetry) {
    String messageId = sent.messageId();
    StepExecution s = ed.step(step);
    List<SendAttempt> attempts = new ArrayList<>(s.attempts());
    int i = indexOf(attempts, sent);
    // an answer for an older attempt (a slow node whose step was taken over) is only recorded
    boolean latest = i == attempts.size() - 1;
    boolean open = latest && s.state() == StepState.IN_FLIGHT;
    if (result instanceof SendResult.Accepted ok) {
      boolean resendWaiting = resendWaiting(ed, s, i);
      attempts.set(i, attempts.get(i).with(SendAttempt.Outcome.ACCEPTED, ok.response()));
      ed.replace(s.withAttempts(attempts));
      ed.event(EnrollmentEvent.Type.EMAIL_SENT, step, messageId);
      if ((latest && (s.state() == StepState.IN_FLIGHT || s.state() == StepState.DELIVERY_UNKNOWN))
          || resendWaiting) {
        ed.step(step, StepState.SENT, s.scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
        rules.advance(ed, compiled, ed.now);
      }
      return SendOutcome.SENT;
    }
    if (result instanceof SendResult.Unknown unknown) {
      attempts.set(i, attempts.get(i).with(SendAttempt.Outcome.UNKNOWN, unknown.reason()));
      ed.replace(s.withAttempts(attempts));
      ed.event(EnrollmentEvent.Type.SEND_FAILED, step, "delivery unknown");
      if (open) {
        deliveryUnknown(ed, compiled, step);
      }
      return SendOutcome.UNKNOWN;
    }
    if (mailboxRetry != null) {
      // the sender was refused: nobody bounces, the step waits for its mailbox
      attempts.set(i, attempts.get(i).with(SendAttempt.Outcome.SENDER_REJECTED, detail(result)));
      ed.replace(s.withAttempts(attempts));
      ed.event(EnrollmentEvent.Type.SEND_FAILED, step, "sender refused" + code(result));
      if (open) {
        if (ed.status().isTerminal()) {
          ed.step(step, StepState.STOPPED, s.scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
        } else {
          rules.scheduleOrHold(ed, compiled, step, mailboxRetry);
        }
      }
      return SendOutcome.DEFERRED;
    }
    boolean permanent = result instanceof SendResult.PermanentFailure;
    String why = detail(result);
    SmtpStatus.Verdict verdict =
        permanent
            ? SmtpStatus.classify(0, ((SendResult.PermanentFailure) result).statusCode(), why)
            : null;
    boolean soft = verdict != null && verdict.type() == BounceType.SOFT;
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
    SendAttempt a = attempts.get(i);
    if (verdict == null) {
      s = s.withEngagement(s.engagement().withTransientFailure());
    } else if (soft) {
      // a full mailbox refused at the door: a soft bounce, retried until it counts as hard
      s =
          s.withEngagement(
              s.engagement()
                  .withBounce(
                      ed.now,
                      new InboundEvent.Bounce(
                          a.to(), BounceType.SOFT, statusCode(result), verdict.reason(), why)));
    }
    ed.replace(s);
    // the server's words may quote the address: they stay on the attempt, which erasure scrubs
    ed.event(
        EnrollmentEvent.Type.SEND_FAILED,
        step,
        (permanent ? "permanent" : "transient") + code(result));
    if (!open) {
      return permanent && !soft ? SendOutcome.BOUNCED : SendOutcome.DEFERRED;
    }
    if (ed.status().isTerminal()) {
      ed.step(step, StepState.STOPPED, s.scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
      return permanent && !soft ? SendOutcome.BOUNCED : SendOutcome.DEFERRED;
    }
    if (!permanent) {
      int failures = transientFailures(ed.step(step), a);
      if (failures < tuning.maxSendAttempts()) {
        Instant retry = ed.now.plus(backoff(failures));
        Duration asked = ((SendResult.TransientFailure) result).retryAfter();
        if (asked != null && ed.now.plus(asked).isAfter(retry)) {
          retry = ed.now.plus(asked);
        }
        rules.scheduleOrHold(ed, compiled, step, retry);
        return SendOutcome.DEFERRED;
      }
    } else if (soft && !softLimitReached(ed, ed.step(step))) {
      rules.scheduleOrHold(
          ed, compiled, step, ed.now.plus(backoff(ed.step(step).engagement().softBounces())));
      return SendOutcome.DEFERRED;
    }
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
                        statusCode(result),
                        verdict != null ? verdict.reason() : BounceReason.TRANSIENT,
                        why))));
    hardBounce(ed, compiled, step);
    return SendOutcome.BOUNCED;
  }

  /**
   * Whether the step waits (scheduled, or pending while paused) to send again, under the resend
   * policy, the email of attempt {@code i}, which was taken over as unknown: no attempt after it
   * reached the server (a resend refused for now does not count), and it went to the address the
   * step is for now. Its late "accepted" then means the email left, and is not to be sent again.
   */
  private static boolean resendWaiting(Editor ed, StepExecution s, int i) {
    return (s.state() == StepState.SCHEDULED || s.state() == StepState.PENDING)
        && awaitingResend(s.attempts()) == i
        && s.attempts().get(i).to().sameMailbox(ed.candidate().address(ed.addressIndex()));
  }

  /**
   * The attempt a step waits to send again under the resend policy: its last attempt whose outcome
   * is unknown, with only resends refused for now after it (a transient failure, or the sender
   * refused); -1 when there is none.
   */
  static int awaitingResend(List<SendAttempt> attempts) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      SendAttempt.Outcome o = attempts.get(i).outcome();
      if (o == SendAttempt.Outcome.UNKNOWN) {
        return i;
      }
      if (o != SendAttempt.Outcome.TRANSIENT_FAILURE && o != SendAttempt.Outcome.SENDER_REJECTED) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * An in-flight step whose email was not handed to the transport after all (its sending window
   * closed while earlier emails of its batch were sent, or its mailbox was refused by then): the
   * attempt is withdrawn and the step waits for the next window, not before {@code notBefore}.
   */
  void notSent(
      Editor ed, Compiled compiled, int step, SendAttempt attempt, @Nullable Instant notBefore) {
    StepExecution s = ed.step(step);
    List<SendAttempt> attempts = new ArrayList<>(s.attempts());
    int i = indexOf(attempts, attempt);
    if (i != attempts.size() - 1 || s.state() != StepState.IN_FLIGHT) {
      return;
    }
    attempts.remove(i);
    ed.replace(s.withAttempts(attempts));
    if (ed.status().isTerminal()) {
      ed.step(step, StepState.STOPPED, s.scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
    } else {
      rules.scheduleOrHold(
          ed, compiled, step, notBefore != null && notBefore.isAfter(ed.now) ? notBefore : ed.now);
    }
  }

  /**
   * The email of an in-flight step may or may not have left: under the default policy the step is
   * {@code DELIVERY_UNKNOWN} and the campaign goes on; under the resend policy it is sent again,
   * with the same Message-ID.
   */
  void deliveryUnknown(Editor ed, Compiled compiled, int step) {
    StepExecution s = ed.step(step);
    if (tuning.deliveryUnknown() == Tuning.DeliveryUnknownPolicy.RESEND
        && !ed.status().isTerminal()) {
      rules.scheduleOrHold(ed, compiled, step, ed.now);
      return;
    }
    ed.step(step, StepState.DELIVERY_UNKNOWN, s.scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
    rules.advance(ed, compiled, ed.now);
  }

  private static @Nullable String statusCode(SendResult r) {
    if (r instanceof SendResult.PermanentFailure p) {
      return p.statusCode();
    }
    if (r instanceof SendResult.TransientFailure t) {
      return t.statusCode();
    }
    if (r instanceof SendResult.MailboxRejected m) {
      return m.statusCode();
    }
    return null;
  }

  private static String code(SendResult r) {
    String code = statusCode(r);
    return code == null ? "" : " " + code;
  }

  /** The server's words, with the status code in front. */
  private static String detail(SendResult r) {
    String reason;
    if (r instanceof SendResult.PermanentFailure p) {
      reason = p.reason();
    } else if (r instanceof SendResult.TransientFailure t) {
      reason = t.reason();
    } else if (r instanceof SendResult.MailboxRejected m) {
      reason = m.kind() + ": " + m.reason();
    } else if (r instanceof SendResult.Unknown u) {
      reason = u.reason();
    } else {
      reason = "";
    }
    String code = statusCode(r);
    return code == null || reason.startsWith(code) ? reason : code + " " + reason;
  }

  /**
   * The fallback when applying a send result failed: records the answer on its attempt and the step
   * (sent, or pending for a retry) and pauses the candidate so that a person looks at it.
   */
  SendOutcome recordAndPause(Editor ed, int step, SendAttempt sent, SendResult result) {
    String messageId = sent.messageId();
    StepExecution s = ed.step(step);
    List<SendAttempt> attempts = new ArrayList<>(s.attempts());
    int i = indexOf(attempts, sent);
    boolean accepted = result instanceof SendResult.Accepted;
    SendAttempt.Outcome outcome;
    if (accepted) {
      outcome = SendAttempt.Outcome.ACCEPTED;
    } else if (result instanceof SendResult.PermanentFailure) {
      outcome = SendAttempt.Outcome.PERMANENT_FAILURE;
    } else if (result instanceof SendResult.MailboxRejected) {
      outcome = SendAttempt.Outcome.SENDER_REJECTED;
    } else if (result instanceof SendResult.Unknown) {
      outcome = SendAttempt.Outcome.UNKNOWN;
    } else {
      outcome = SendAttempt.Outcome.TRANSIENT_FAILURE;
    }
    attempts.set(i, attempts.get(i).with(outcome, null));
    ed.replace(s.withAttempts(attempts));
    ed.event(
        accepted ? EnrollmentEvent.Type.EMAIL_SENT : EnrollmentEvent.Type.SEND_FAILED,
        step,
        messageId);
    if (s.state() == StepState.IN_FLIGHT && i == attempts.size() - 1) {
      if (accepted) {
        ed.step(step, StepState.SENT, s.scheduledAt(), ed.now, TodoItem.Removal.WITHDRAWN);
      } else {
        ed.step(step, StepState.PENDING, ed.now, null, TodoItem.Removal.WITHDRAWN);
      }
    }
    if (!ed.status().isTerminal() && ed.status() != EnrollmentStatus.PAUSED) {
      Rules.pause(ed);
    }
    return accepted ? SendOutcome.SENT : SendOutcome.DEFERRED;
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

  /**
   * The position of an attempt, found by its Message-ID and time: a resend after an unknown outcome
   * keeps the Message-ID of the attempt before it.
   */
  private static int indexOf(List<SendAttempt> attempts, SendAttempt sent) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      SendAttempt a = attempts.get(i);
      if (a.messageId().equals(sent.messageId()) && a.at().equals(sent.at())) {
        return i;
      }
    }
    throw new IllegalStateException("no attempt with Message-ID " + sent.messageId());
  }

  /** What became of a send, for the run report. */
  enum SendOutcome {
    SENT,
    DEFERRED,
    BOUNCED,
    UNKNOWN
  }

  /** Wait before the n-th retry: the base backoff doubled n-1 times, capped. */
  Duration backoff(int failures) {
    Duration d = tuning.retryBackoff();
    for (int i = 1; i < failures && d.compareTo(tuning.maxRetryBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(tuning.maxRetryBackoff()) > 0 ? tuning.maxRetryBackoff() : d;
  }
}
