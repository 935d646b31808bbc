package dev.nudge.modeltest;

import dev.nudge.IllegalTransitionException;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.StepRef;
import dev.nudge.modeltest.ModelRun.Enrolled;
import dev.nudge.modeltest.ModelRun.Violation;
import dev.nudge.modeltest.SendChecks.Send;
import dev.nudge.spi.transport.MailTransport;
import dev.nudge.spi.transport.OutboundEmail;
import dev.nudge.spi.transport.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The model test's mail transport: answers accepted, transient or permanent failure at random (from
 * the seed), has every send checked the moment it is called and, now and then, lets the candidate
 * or the user act while the message is in flight.
 */
final class ModelTransport implements MailTransport {
  private final ModelRun run;
  private final long seed;

  /** What happened during the current command, one line each, for the log. */
  final List<String> notes = new ArrayList<>();

  /** Invariants broken by sends of the current command. */
  final List<Violation> broken = new ArrayList<>();

  ModelTransport(ModelRun run, long seed) {
    this.run = run;
    this.seed = seed;
  }

  /**
   * The random source of one send: drawn from the seed, the campaign and candidate, the step and
   * how often the step was sent before, so that leaving out unrelated commands (when shortening a
   * failure) does not change what the transport answers.
   */
  private Random outcomeRandom(@Nullable Enrolled e, int step) {
    long attempts = e == null ? run.checks.count() : run.checks.attempts(e.id(), step);
    long h = seed;
    for (long part :
        new long[] {
          e == null ? -1 : e.campaign(), e == null ? -1 : e.candidate(), step, attempts
        }) {
      h = h * 1_000_003L + part;
    }
    return new Random(h);
  }

  @Override
  public SendResult send(OutboundEmail email) {
    Enrolled e = run.enrolledAs(email.step().enrollmentId());
    Random transportRandom = outcomeRandom(e, email.step().step());
    SendResult result;
    if (transportRandom.nextDouble() < run.scenario.acceptRate()) {
      result = SendResult.accepted();
    } else if (transportRandom.nextDouble() < run.scenario.transientShare()) {
      result = new SendResult.TransientFailure("421 4.7.0 try again later");
    } else {
      result = new SendResult.PermanentFailure("5.1.1", "550 no such user");
    }
    Send s =
        new Send(
            run.clock.instant(),
            email.step().enrollmentId(),
            email.step().step(),
            email.to(),
            email.from(),
            result);
    notes.add(
        String.format(
            "sent %s step %d to %s at %s: %s",
            e != null ? e.name() : s.enrollment(),
            s.step(),
            s.to(),
            s.at(),
            result.getClass().getSimpleName()));
    try {
      run.checks.sent(
          s,
          e,
          run.nudge.enrollment(s.enrollment()).orElse(null),
          run.terminal.get(s.enrollment()),
          run.store.suppressions().find(s.to()).isPresent());
      if (e != null && transportRandom.nextInt(12) == 0) {
        whileInFlight(e, s, transportRandom.nextInt(6));
      }
    } catch (Violation v) {
      broken.add(v);
    }
    return result;
  }

  /**
   * Something the candidate or the user does while a message of the enrollment is in flight
   * (another thread in a real host): a reply to an earlier step, a pause, a removal, an
   * unsubscribe.
   */
  private void whileInFlight(Enrolled e, Send s, int kind) {
    Send before = run.checks.beforeLast(e.id());
    int earlier = before != null ? before.step() : s.step();
    StepRef ref = new StepRef(e.id(), earlier);
    String what =
        switch (kind) {
          case 0, 1 -> "reply to step " + earlier;
          case 2 -> "pause candidate";
          case 3 -> "pause campaign " + e.campaign();
          case 4 -> "remove candidate";
          default -> "unsubscribe " + s.to();
        };
    notes.add("  while in flight: " + what + " of " + e.name());
    try {
      switch (kind) {
        case 0, 1 -> {
          run.nudge.record(ref, new InboundEvent.Reply("Yes, let's talk", MatchMethod.IN_THREAD));
          run.checks.replied(e.id());
        }
        case 2 -> run.nudge.pauseCandidate(e.id());
        case 3 -> run.nudge.pauseCampaign(run.campaignIds.get(e.campaign()));
        case 4 -> run.nudge.removeCandidate(e.id());
        default -> {
          run.nudge.unsubscribe(s.to(), false);
          run.unsubscribed(s.to(), false);
        }
      }
    } catch (IllegalTransitionException refused) {
      notes.add("  -> refused: " + refused.getMessage());
    } catch (Violation v) {
      throw v;
    } catch (RuntimeException ex) {
      throw new Violation(
          "exception", "unexpected exception while in flight: " + ModelRun.trace(ex));
    }
  }
}
