package dev.nudge.modeltest;

import static java.util.Objects.requireNonNull;

import dev.nudge.CampaignId;
import dev.nudge.CampaignStatus;
import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.StepStatus;
import dev.nudge.modeltest.ModelRun.Enrolled;
import dev.nudge.modeltest.ModelRun.Violation;
import dev.nudge.modeltest.SendChecks.Send;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The model test's commands on one enrollment — inbound events, candidate actions, finishing a task
 * — with how they pick their target and step, and what the spec says they leave behind (S8, S9,
 * S13, S14).
 */
final class EnrollmentActions {
  private final ModelRun run;
  private final ModelScenario scenario;
  private final Nudge nudge;
  private final SettableClock clock;
  private final SendChecks checks;
  private final List<Enrolled> enrolled;
  private final List<CampaignId> campaignIds;

  EnrollmentActions(ModelRun run) {
    this.run = run;
    this.scenario = run.scenario;
    this.nudge = run.nudge;
    this.clock = run.clock;
    this.checks = run.checks;
    this.enrolled = run.enrolled;
    this.campaignIds = run.campaignIds;
  }

  /** Executes a command on one enrollment, checking what S8, S9, S13 and S14 say it does. */
  void execute(ModelCommand command, StringBuilder line) {
    if (inbound(command) && writtenTo(target(command)) == null) {
      line.append(command).append(" -> nothing sent yet");
      return;
    }
    if (command instanceof ModelCommand.Reply c) {
      Enrolled e = requireNonNull(writtenTo(c.target()));
      int step = step(e, c.step());
      Enrollment before = find(e);
      line.append("reply from ").append(e.name()).append(" to step ").append(step);
      nudge.record(
          new StepRef(e.id(), step),
          new InboundEvent.Reply("Thanks, not now.", MatchMethod.BY_ADDRESS));
      checks.replied(e.id());
      Enrollment after = find(e);
      boolean completed =
          after.status() == EnrollmentStatus.COMPLETED
              && after.reason() == CompletionReason.REPLIED;
      if (!after.status().isTerminal() || (!before.status().isTerminal() && !completed)) {
        throw new Violation(
            "S9", e.name() + " is " + after.status() + "/" + after.reason() + " after a reply");
      }
    } else if (command instanceof ModelCommand.Bounce c) {
      Enrolled e = requireNonNull(writtenTo(c.target()));
      int step = step(e, c.step());
      EmailAddress to = bounceAddress(e, step, c.address());
      line.append(c.hard() ? "hard" : "soft").append(" bounce of ").append(e.name());
      line.append(" step ").append(step).append(" to ").append(to);
      Enrollment before = find(e);
      boolean over = before.status().isTerminal() && !reopenable(e, before);
      nudge.record(
          new StepRef(e.id(), step),
          c.hard() ? InboundEvent.Bounce.hard(to, "5.1.1") : InboundEvent.Bounce.soft(to, "4.2.2"));
      checks.bounced(before, over, step, to, c.hard());
      if (before.status().isTerminal()) {
        lateBounce(e, before, over, step, to, c.hard());
      }
    } else if (command instanceof ModelCommand.AutoReply c) {
      Enrolled e = requireNonNull(writtenTo(c.target()));
      int step = step(e, c.step());
      LocalDate back =
          c.returnInDays() < 0
              ? null
              : LocalDate.ofInstant(clock.instant(), run.zone(e)).plusDays(c.returnInDays());
      line.append("auto-reply from ").append(e.name()).append(" to step ").append(step);
      line.append(", back ").append(back);
      nudge.record(new StepRef(e.id(), step), new InboundEvent.AutoReply(back, "Out of office"));
    } else if (command instanceof ModelCommand.UnsubscribeByStep c) {
      Enrolled e = requireNonNull(writtenTo(c.target()));
      int step = step(e, c.step());
      EmailAddress address = addressOf(e, step);
      line.append("unsubscribe via ").append(e.name()).append(" step ").append(step);
      line.append(" (").append(address).append(c.wholeDomain() ? ", whole domain)" : ")");
      nudge.record(new StepRef(e.id(), step), new InboundEvent.Unsubscribe(c.wholeDomain()));
      run.unsubscribed(address, c.wholeDomain());
    } else if (command instanceof ModelCommand.Complaint c) {
      Enrolled e = requireNonNull(writtenTo(c.target()));
      int step = step(e, c.step());
      EmailAddress address = addressOf(e, step);
      line.append("complaint about ").append(e.name()).append(" step ").append(step);
      line.append(" (").append(address).append(')');
      nudge.record(new StepRef(e.id(), step), new InboundEvent.Complaint("abuse"));
      run.unsubscribed(address, false);
    } else if (command instanceof ModelCommand.OnCandidate c) {
      onCandidate(
          c.action() == ModelCommand.CandidateAction.RESUME
              ? preferring(c.target(), EnrollmentStatus.PAUSED)
              : target(c.target()),
          c.action(),
          line);
    } else if (command instanceof ModelCommand.FinishTask c) {
      List<Enrolled> withTask =
          enrolled.stream().filter(x -> find(x).status() == EnrollmentStatus.MANUAL_TASK).toList();
      if (withTask.isEmpty() && c.target() % 4 != 0) {
        // mostly there is a task to finish; sometimes the host calls for a step that is none
        line.append(command).append(" -> no open task");
        return;
      }
      Enrolled e = withTask.isEmpty() ? target(c.target()) : nearest(withTask, c.target());
      Enrollment now = find(e);
      int step =
          now.steps().stream()
              .filter(s -> s.status() == StepStatus.MANUAL_TASK)
              .findFirst()
              .or(now::currentStep)
              .map(StepExecution::number)
              .orElse(1);
      StepStatus was = now.step(step).status();
      line.append(c.complete() ? "complete" : "skip").append(" task of ").append(e.name());
      line.append(" step ").append(step).append(" (").append(was).append(')');
      StepRef ref = new StepRef(e.id(), step);
      if (c.complete()) {
        nudge.completeTask(ref);
      } else {
        nudge.skipTask(ref);
      }
      if (was != StepStatus.MANUAL_TASK) {
        // only an open task can be completed or skipped; the command should have been refused
        throw new Violation(
            "S8",
            (c.complete() ? "completing" : "skipping")
                + " step "
                + step
                + " of "
                + e.name()
                + ", which was "
                + was
                + ", not an open task, was accepted: it is now "
                + find(e).step(step).status());
      }
    } else {
      throw new IllegalStateException("unknown command " + command);
    }
  }

  private void onCandidate(Enrolled e, ModelCommand.CandidateAction action, StringBuilder line) {
    Enrollment before = find(e);
    line.append(action.name().toLowerCase(java.util.Locale.ROOT)).append(" candidate ");
    line.append(e.name()).append(" (").append(before.status()).append(')');
    switch (action) {
      case PAUSE -> nudge.pauseCandidate(e.id());
      case RESUME -> nudge.resumeCandidate(e.id());
      case REMOVE -> nudge.removeCandidate(e.id());
    }
    Enrollment after = find(e);
    boolean ok =
        switch (action) {
          case PAUSE -> after.status() == EnrollmentStatus.PAUSED;
          case REMOVE -> after.status() == EnrollmentStatus.REMOVED;
          // only a paused candidate can be resumed: anything else is refused or left as it was
          case RESUME ->
              before.status() == EnrollmentStatus.PAUSED
                  ? after.status() != EnrollmentStatus.PAUSED
                  : after.equals(before);
        };
    if (!ok) {
      throw new Violation(
          action == ModelCommand.CandidateAction.REMOVE ? "S14" : "S13",
          action
              + " of "
              + e.name()
              + " was accepted and turned "
              + ModelInvariants.describe(before)
              + " into "
              + ModelInvariants.describe(after));
    }
  }

  // ---- targets ------------------------------------------------------------------------------

  private Enrolled target(int target) {
    return nearest(enrolled, target);
  }

  /**
   * The enrollment of {@code among} whose (campaign, candidate) pair comes first at or after pair
   * number {@code target}, cyclically: a command keeps its target when unrelated enrollments are
   * left out.
   */
  private Enrolled nearest(List<Enrolled> among, int target) {
    int pairs = campaignIds.size() * candidateCount();
    Enrolled best = among.get(0);
    int bestDistance = Integer.MAX_VALUE;
    for (Enrolled e : among) {
      int distance = Math.floorMod(e.campaign() * candidateCount() + e.candidate() - target, pairs);
      if (distance < bestDistance) {
        best = e;
        bestDistance = distance;
      }
    }
    return best;
  }

  /**
   * The enrollment an inbound event comes from: one that was written to when there is any (mail
   * answers mail), else any enrollment.
   */
  private @Nullable Enrolled writtenTo(int target) {
    List<Enrolled> written = enrolled.stream().filter(e -> checks.wroteTo(e.id())).toList();
    if (written.isEmpty()) {
      // mostly nothing arrives before anything was sent; sometimes something odd does
      return target % 4 == 0 ? target(target) : null;
    }
    return nearest(written, target);
  }

  private static boolean inbound(ModelCommand c) {
    return c instanceof ModelCommand.Reply
        || c instanceof ModelCommand.Bounce
        || c instanceof ModelCommand.AutoReply
        || c instanceof ModelCommand.UnsubscribeByStep
        || c instanceof ModelCommand.Complaint;
  }

  private static int target(ModelCommand c) {
    if (c instanceof ModelCommand.Reply x) {
      return x.target();
    } else if (c instanceof ModelCommand.Bounce x) {
      return x.target();
    } else if (c instanceof ModelCommand.AutoReply x) {
      return x.target();
    } else if (c instanceof ModelCommand.UnsubscribeByStep x) {
      return x.target();
    } else if (c instanceof ModelCommand.Complaint x) {
      return x.target();
    }
    throw new IllegalArgumentException("not an inbound event: " + c);
  }

  /** An enrollment in {@code status} if there is any (and {@code target} is even), else any. */
  private Enrolled preferring(int target, EnrollmentStatus status) {
    List<Enrolled> in = enrolled.stream().filter(e -> find(e).status() == status).toList();
    return in.isEmpty() || target % 2 == 1 ? target(target) : nearest(in, target);
  }

  /** The step a command means: by number, or the one last sent, else the current one. */
  private int step(Enrolled e, int pick) {
    int count = scenario.campaigns().get(e.campaign()).steps().size();
    if (pick != ModelCommand.LATEST_STEP) {
      return (pick - 1) % count + 1;
    }
    Send last = checks.last(e.id(), 0);
    if (last != null) {
      return last.step();
    }
    return find(e).currentStep().map(StepExecution::number).orElse(1);
  }

  /** The address a step was last sent to, else the enrollment's current address. */
  private EmailAddress addressOf(Enrolled e, int step) {
    Send last = checks.last(e.id(), step);
    return last != null ? last.to() : find(e).address();
  }

  /**
   * S10: whether a bounce may still change an ended enrollment — it finished, its campaign is not
   * archived, and the candidate neither replied nor opted out.
   */
  private boolean reopenable(Enrolled e, Enrollment before) {
    return before.status() == EnrollmentStatus.COMPLETED
        && before.reason() == CompletionReason.FINISHED
        && nudge.campaign(campaignIds.get(e.campaign())).orElseThrow().status()
            != CampaignStatus.ARCHIVED
        && !checks.heardFrom(e.id());
  }

  /**
   * S10 for a bounce that came after the enrollment ended: only a finished one changes, to send its
   * last email on (STARTED) or to BOUNCED; a hard bounce of the address it wrote to last, with no
   * address left, bounces it. The model then no longer holds it to its first terminal version.
   */
  private void lateBounce(
      Enrolled e, Enrollment before, boolean over, int step, EmailAddress to, boolean hard) {
    Enrollment after = find(e);
    String what =
        e.name()
            + " "
            + ModelInvariants.describe(before)
            + " is "
            + ModelInvariants.describe(after);
    boolean changed = after.status() != before.status() || after.reason() != before.reason();
    if (changed
        && (over
            || (after.status() != EnrollmentStatus.STARTED
                && after.status() != EnrollmentStatus.BOUNCED))) {
      throw new Violation("S10", what + " after a bounce");
    }
    boolean lastAddress = before.addressIndex() + 1 >= before.candidate().addresses().size();
    boolean sentThere = before.step(step).attempts().stream().anyMatch(a -> a.to().sameMailbox(to));
    if (!over
        && hard
        && sentThere
        && lastAddress
        && before.address().sameMailbox(to)
        && after.status() != EnrollmentStatus.BOUNCED) {
      throw new Violation("S10", what + " after its last address bounced hard");
    }
    if (changed) {
      run.terminal.remove(e.id());
    }
  }

  private EmailAddress bounceAddress(Enrolled e, int step, int pick) {
    if (pick == ModelCommand.STEP_ADDRESS) {
      return addressOf(e, step);
    }
    List<EmailAddress> all = scenario.candidates().get(e.candidate()).addresses();
    return all.get((pick - 1) % all.size());
  }

  private Enrollment find(Enrolled e) {
    return run.find(e);
  }

  private int candidateCount() {
    return scenario.candidates().size();
  }
}
