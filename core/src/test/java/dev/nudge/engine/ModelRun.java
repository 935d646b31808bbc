package dev.nudge.engine;

import static java.util.Objects.requireNonNull;

import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.EnrollmentId;
import dev.nudge.IllegalTransitionException;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.StepRef;
import dev.nudge.campaign.Campaign;
import dev.nudge.campaign.CampaignDefinition;
import dev.nudge.campaign.CompletionReason;
import dev.nudge.campaign.Enrollment;
import dev.nudge.campaign.EnrollmentStatus;
import dev.nudge.campaign.StepExecution;
import dev.nudge.campaign.StepStatus;
import dev.nudge.memory.InMemoryStore;
import dev.nudge.port.OutboundEmail;
import dev.nudge.port.SendResult;
import dev.nudge.port.Suppression;
import dev.nudge.port.TodoItem;
import dev.nudge.testkit.CollectingTodoSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs one model-test sequence: a fresh engine on an {@link InMemoryStore}, a settable clock and a
 * scripted transport; executes the commands one by one and, after each, checks the invariants of
 * SPEC S16 against the store and the log of sends (see {@link ModelInvariants}). Sends are checked
 * the moment the transport is called.
 */
final class ModelRun {

  /** A broken invariant: its number (or requirement id) and what was seen. */
  static final class Violation extends AssertionError {
    private static final long serialVersionUID = 1L;

    final String invariant;

    Violation(String invariant, String message) {
      super("invariant " + invariant + ": " + message);
      this.invariant = invariant;
    }
  }

  /** A command of the sequence with its index in the full generated list. */
  record Numbered(int index, ModelCommand command) {}

  /**
   * How a run ended.
   *
   * @param violation the first broken invariant, or null if none broke
   * @param failedAt the index of the command after which it broke, or -1
   * @param log one line per command executed, with the sends it caused
   * @param sends how many emails were handed to the transport
   */
  record Outcome(@Nullable Violation violation, int failedAt, List<String> log, int sends) {}

  /** One call of the transport. */
  record Send(
      Instant at,
      EnrollmentId enrollment,
      int step,
      EmailAddress to,
      EmailAddress from,
      SendResult result) {}

  /** An enrollment the run made, with the indexes of its campaign and candidate. */
  record Enrolled(EnrollmentId id, int campaign, int candidate, String name) {}

  final ModelScenario scenario;
  private final List<Numbered> commands;
  private final long transportSeed;
  final SettableClock clock;
  final InMemoryStore store = new InMemoryStore();
  final CollectingTodoSink todos = new CollectingTodoSink();
  final Nudge nudge;
  final List<CampaignId> campaignIds = new ArrayList<>();
  final List<Enrolled> enrolled = new ArrayList<>();
  private final Map<EnrollmentId, Enrolled> byId = new HashMap<>();
  private final Map<String, Enrolled> byPair = new HashMap<>();
  final List<Send> sends = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Violation> atSend = new ArrayList<>();
  private final Set<String> suppressedAddresses = new HashSet<>();
  private final Set<String> suppressedDomains = new HashSet<>();
  private final Set<EnrollmentId> replied = new HashSet<>();

  /** The first terminal version seen of each enrollment. */
  final Map<EnrollmentId, Enrollment> terminal = new HashMap<>();

  /** "enrollment#step address" of sends with no failure or bounce recorded since. */
  private final Set<String> unfailed = new HashSet<>();

  /**
   * "enrollment address" of addresses the enrollment wrote to that hard-bounced or were refused.
   */
  private final Set<String> dead = new HashSet<>();

  /** Enrollments whose latest email hard-bounced with an alternate left: it goes there next. */
  private final Map<EnrollmentId, Integer> owed = new HashMap<>();

  private final Map<LocalDate, Integer> sentPerDay = new HashMap<>();
  private @Nullable Instant lastSend;
  private final ModelInvariants invariants = new ModelInvariants(this);

  ModelRun(ModelScenario scenario, List<Numbered> commands, long transportSeed) {
    this.scenario = scenario;
    this.commands = commands;
    this.transportSeed = transportSeed;
    this.clock = new SettableClock(scenario.start());
    this.nudge =
        Nudge.builder()
            .clock(clock)
            .store(new OrderedClaimsStore(store, this::order))
            .mailTransport(this::send)
            .todoSink(todos)
            .tuning(scenario.tuning())
            .nodeId("model")
            .build();
  }

  /** Runs every command, stopping at the first broken invariant. */
  Outcome run() {
    List<String> log = new ArrayList<>();
    for (CampaignDefinition d : scenario.campaigns()) {
      campaignIds.add(nudge.createCampaign(d).id());
    }
    try {
      for (Numbered n : commands) {
        StringBuilder line =
            new StringBuilder(String.format("#%-2d %s  ", n.index(), clock.instant()));
        try {
          step(n.command(), line);
        } catch (Violation v) {
          log.add(withSends(line));
          return new Outcome(v, n.index(), log, sends.size());
        }
        log.add(withSends(line));
      }
      return new Outcome(null, -1, log, sends.size());
    } finally {
      nudge.close();
    }
  }

  private String withSends(StringBuilder line) {
    notes.forEach(n -> line.append(System.lineSeparator()).append("      ").append(n));
    notes.clear();
    return line.toString();
  }

  /** Executes one command and checks everything after it. */
  private void step(ModelCommand command, StringBuilder line) {
    ModelInvariants.Snapshot before = invariants.snapshot();
    try {
      execute(command, line);
    } catch (IllegalTransitionException e) {
      line.append(" -> refused: ").append(e.getMessage());
      if (!before.equals(invariants.snapshot())) {
        throw new Violation(
            "refusal", "a refused command changed the state: " + e.getMessage() + "\n" + before);
      }
    } catch (Violation v) {
      throw v;
    } catch (RuntimeException e) {
      line.append(" -> threw ").append(e);
      throw new Violation("exception", "unexpected exception from " + command + ": " + trace(e));
    }
    if (!atSend.isEmpty()) {
      throw atSend.get(0);
    }
    invariants.checkState();
  }

  private void execute(ModelCommand command, StringBuilder line) {
    if (command instanceof ModelCommand.Enroll c) {
      enroll(c.campaign(), List.of(c.candidate() % candidateCount()), false, line);
    } else if (command instanceof ModelCommand.EnrollBatch c) {
      List<Integer> which = new ArrayList<>();
      for (int k = 0; k < Math.min(c.count(), candidateCount()); k++) {
        which.add((c.firstCandidate() + k) % candidateCount());
      }
      enroll(c.campaign(), which, true, line);
    } else if (command instanceof ModelCommand.OnCampaign c) {
      onCampaign(c, line);
    } else if (command instanceof ModelCommand.RunDue) {
      line.append("runDue");
      nudge.runDue();
    } else if (command instanceof ModelCommand.Advance c) {
      line.append("advance ").append(c.by());
      clock.advance(c.by());
    } else if (command instanceof ModelCommand.AdvanceToNextDue c) {
      Optional<Instant> next =
          enrolled.stream()
              .map(e -> find(e).dueAt())
              .filter(t -> t != null && t.isAfter(clock.instant()))
              .min(Instant::compareTo);
      line.append("advance to next due ").append(next.map(Instant::toString).orElse("(none)"));
      next.ifPresent(clock::set);
      if (c.thenRun()) {
        line.append(", runDue");
        nudge.runDue();
      }
    } else if (command instanceof ModelCommand.Unsubscribe c) {
      Candidate who = scenario.candidates().get(c.candidate() % candidateCount());
      EmailAddress address = who.addresses().get(c.address() % who.addresses().size());
      line.append("unsubscribe ").append(address).append(c.wholeDomain() ? " (whole domain)" : "");
      nudge.unsubscribe(address, c.wholeDomain());
      unsubscribed(address, c.wholeDomain());
    } else if (enrolled.isEmpty()) {
      line.append(command).append(" -> nothing enrolled yet");
    } else {
      onEnrollment(command, line);
    }
  }

  private void onEnrollment(ModelCommand command, StringBuilder line) {
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
      replied.add(e.id());
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
      Send last = lastSend(e, step);
      Enrollment before = find(e);
      nudge.record(
          new StepRef(e.id(), step),
          c.hard() ? InboundEvent.Bounce.hard(to, "5.1.1") : InboundEvent.Bounce.soft(to, "4.2.2"));
      if (c.hard() && last != null && last.to().sameMailbox(to)) {
        dead.add(e.id() + " " + to.key());
        if (resendOwed(before, step, to)) {
          owed.put(e.id(), step);
        }
      }
      unfailed.remove(key(e.id(), step, to));
    } else if (command instanceof ModelCommand.AutoReply c) {
      Enrolled e = requireNonNull(writtenTo(c.target()));
      int step = step(e, c.step());
      LocalDate back =
          c.returnInDays() < 0
              ? null
              : LocalDate.ofInstant(clock.instant(), zone(e)).plusDays(c.returnInDays());
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
      unsubscribed(address, c.wholeDomain());
    } else if (command instanceof ModelCommand.Complaint c) {
      Enrolled e = requireNonNull(writtenTo(c.target()));
      int step = step(e, c.step());
      EmailAddress address = addressOf(e, step);
      line.append("complaint about ").append(e.name()).append(" step ").append(step);
      line.append(" (").append(address).append(')');
      nudge.record(new StepRef(e.id(), step), new InboundEvent.Complaint("abuse"));
      unsubscribed(address, false);
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

  private void enroll(int campaign, List<Integer> which, boolean batch, StringBuilder line) {
    int c = campaign % campaignIds.size();
    List<Candidate> candidates = which.stream().map(scenario.candidates()::get).toList();
    line.append(batch ? "enrollAll " : "enroll ").append(which).append(" in campaign ").append(c);
    List<EnrollResult> results =
        batch
            ? nudge.enrollAll(campaignIds.get(c), candidates)
            : List.of(nudge.enroll(campaignIds.get(c), candidates.get(0)));
    line.append(" -> ").append(results.stream().map(r -> r.getClass().getSimpleName()).toList());
    for (int k = 0; k < which.size(); k++) {
      EnrollResult r = results.get(k);
      Enrolled existing = byPair.get(c + "/" + which.get(k));
      boolean expected;
      if (existing != null) {
        expected =
            r instanceof EnrollResult.AlreadyEnrolled a && a.enrollmentId().equals(existing.id());
      } else if (suppressed(candidates.get(k).email())) {
        expected = r instanceof EnrollResult.Suppressed;
      } else {
        expected = r instanceof EnrollResult.Enrolled;
      }
      if (!expected) {
        throw new Violation(
            "S8",
            "enrolling candidate "
                + which.get(k)
                + " in campaign "
                + c
                + " gave "
                + r
                + (existing != null
                    ? " although it is enrolled as " + existing.id()
                    : suppressed(candidates.get(k).email()) ? " although it is suppressed" : ""));
      }
      if (r instanceof EnrollResult.Enrolled ok) {
        Enrolled e =
            new Enrolled(
                ok.enrollmentId(),
                c,
                which.get(k),
                "cand-" + which.get(k) + "/" + (char) ('A' + c));
        enrolled.add(e);
        byId.put(e.id(), e);
        byPair.put(c + "/" + which.get(k), e);
      }
    }
  }

  private void onCampaign(ModelCommand.OnCampaign c, StringBuilder line) {
    int index = c.campaign() % campaignIds.size();
    CampaignId id = campaignIds.get(index);
    line.append(c.action().name().toLowerCase(java.util.Locale.ROOT)).append(" campaign ");
    line.append(index);
    switch (c.action()) {
      case START -> nudge.startCampaign(id);
      case PAUSE -> nudge.pauseCampaign(id);
      case RESUME -> nudge.resumeCampaign(id);
      case ARCHIVE -> nudge.archiveCampaign(id);
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

  // ---- the transport ------------------------------------------------------------------------

  /**
   * The random source of one send: drawn from the seed, the campaign and candidate, the step and
   * how often the step was sent before, so that leaving out unrelated commands (when shortening a
   * failure) does not change what the transport answers.
   */
  private Random outcomeRandom(@Nullable Enrolled e, int step) {
    long attempts =
        e == null
            ? sends.size()
            : sends.stream().filter(x -> x.enrollment().equals(e.id()) && x.step() == step).count();
    long h = transportSeed;
    for (long part :
        new long[] {
          e == null ? -1 : e.campaign(), e == null ? -1 : e.candidate(), step, attempts
        }) {
      h = h * 1_000_003L + part;
    }
    return new Random(h);
  }

  private SendResult send(OutboundEmail email) {
    Enrolled e = byId.get(email.step().enrollmentId());
    Random transportRandom = outcomeRandom(e, email.step().step());
    SendResult result;
    if (transportRandom.nextDouble() < scenario.acceptRate()) {
      result = SendResult.accepted();
    } else if (transportRandom.nextDouble() < scenario.transientShare()) {
      result = new SendResult.TransientFailure("421 4.7.0 try again later");
    } else {
      result = new SendResult.PermanentFailure("5.1.1", "550 no such user");
    }
    Send s =
        new Send(
            clock.instant(),
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
    sends.add(s);
    try {
      checkSend(s);
      if (e != null && transportRandom.nextInt(12) == 0) {
        whileInFlight(e, s, transportRandom.nextInt(6));
      }
    } catch (Violation v) {
      atSend.add(v);
    }
    return result;
  }

  /**
   * Something the candidate or the user does while a message of the enrollment is in flight
   * (another thread in a real host): a reply to an earlier step, a pause, a removal, an
   * unsubscribe.
   */
  private void whileInFlight(Enrolled e, Send s, int kind) {
    int earlier = s.step();
    for (int i = sends.size() - 2; i >= 0; i--) {
      if (sends.get(i).enrollment().equals(e.id())) {
        earlier = sends.get(i).step();
        break;
      }
    }
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
          nudge.record(ref, new InboundEvent.Reply("Yes, let's talk", MatchMethod.IN_THREAD));
          replied.add(e.id());
        }
        case 2 -> nudge.pauseCandidate(e.id());
        case 3 -> nudge.pauseCampaign(campaignIds.get(e.campaign()));
        case 4 -> nudge.removeCandidate(e.id());
        default -> {
          nudge.unsubscribe(s.to(), false);
          unsubscribed(s.to(), false);
        }
      }
    } catch (IllegalTransitionException refused) {
      notes.add("  -> refused: " + refused.getMessage());
    } catch (Violation v) {
      throw v;
    } catch (RuntimeException ex) {
      throw new Violation("exception", "unexpected exception while in flight: " + trace(ex));
    }
  }

  /** Invariants 3 to 7, checked at the moment of the send. */
  private void checkSend(Send s) {
    Enrolled e = byId.get(s.enrollment());
    if (e == null) {
      throw new Violation("4", "sent for an enrollment the model never made: " + s);
    }
    Enrollment stored = find(e);
    String what = "step " + s.step() + " of " + e.name() + " to " + s.to() + " at " + s.at();
    String key = key(e.id(), s.step(), s.to());
    boolean first = unfailed.add(key);
    if (!(s.result() instanceof SendResult.Accepted)) {
      unfailed.remove(key);
    }
    if (!first) {
      throw new Violation("3", what + " sent again with no failure or bounce of it in between");
    }
    Integer resend = owed.get(e.id());
    if (resend != null && resend != s.step()) {
      throw new Violation(
          "S10",
          what
              + " although step "
              + resend
              + " hard-bounced and was not yet sent to the alternate");
    }
    owed.remove(e.id());
    String address = e.id() + " " + s.to().key();
    if (dead.contains(address)) {
      // S10: a hard bounce moves on to the next address; the dead one is not written to again
      throw new Violation("3", what + ", an address that hard-bounced for this enrollment before");
    }
    if (s.result() instanceof SendResult.PermanentFailure) {
      dead.add(address);
    }
    if (replied.contains(e.id())) {
      throw new Violation("4", what + " sent after a reply was recorded");
    }
    Enrollment ended = terminal.get(e.id());
    if (ended != null || stored.status().isTerminal()) {
      throw new Violation(
          "4",
          what + " sent after the enrollment was " + (ended != null ? ended : stored).status());
    }
    CampaignDefinition d = scenario.campaigns().get(e.campaign());
    ZoneId zone = zone(e);
    if (!ScheduleOracle.allows(s.at(), zone, d.schedule(), d.holidays())) {
      throw new Violation(
          "5",
          what
              + " is outside the schedule: local time "
              + s.at().atZone(zone)
              + " ("
              + s.at().atZone(zone).getDayOfWeek()
              + "), schedule "
              + ModelScenario.format(d.schedule())
              + ", holidays "
              + d.holidays().holidays());
    }
    checkMailbox(s, what);
    if (suppressed(s.to()) || store.registers().suppressions().find(s.to()).isPresent()) {
      throw new Violation("7", what + " although the address is suppressed");
    }
    if (stored.candidate().addresses().stream().noneMatch(a -> a.sameMailbox(s.to()))) {
      throw new Violation("7", what + ": not an address of the candidate");
    }
  }

  private void checkMailbox(Send s, String what) {
    var mailbox = scenario.mailbox();
    if (!s.from().sameMailbox(mailbox.address())) {
      throw new Violation("6", what + " sent from " + s.from() + ", not the campaign's mailbox");
    }
    LocalDate day = LocalDate.ofInstant(s.at(), mailbox.zone());
    int count = sentPerDay.merge(day, 1, Integer::sum);
    Instant previous = lastSend;
    lastSend = s.at();
    if (count > mailbox.dailyCap()) {
      throw new Violation(
          "6", what + " is send " + count + " on " + day + ", cap " + mailbox.dailyCap());
    }
    if (previous != null && previous.plus(mailbox.minimumGap()).isAfter(s.at())) {
      throw new Violation(
          "6", what + " only " + java.time.Duration.between(previous, s.at()) + " after the last");
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  Enrollment find(Enrolled e) {
    return nudge
        .enrollment(e.id())
        .orElseThrow(() -> new Violation("store", "enrollment " + e.name() + " vanished"));
  }

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
    List<Enrolled> written =
        enrolled.stream()
            .filter(e -> sends.stream().anyMatch(s -> s.enrollment().equals(e.id())))
            .toList();
    if (written.isEmpty()) {
      // mostly nothing arrives before anything was sent; sometimes something odd does
      return target % 4 == 0 ? target(target) : null;
    }
    return nearest(written, target);
  }

  private static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
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

  private int candidateCount() {
    return scenario.candidates().size();
  }

  private int order(EnrollmentId id) {
    Enrolled e = byId.get(id);
    return e == null ? Integer.MAX_VALUE : enrolled.indexOf(e);
  }

  ZoneId zone(Enrolled e) {
    ZoneId own = scenario.candidates().get(e.candidate()).zone();
    return own != null ? own : scenario.campaigns().get(e.campaign()).zone();
  }

  /** The step a command means: by number, or the one last sent, else the current one. */
  private int step(Enrolled e, int pick) {
    int count = scenario.campaigns().get(e.campaign()).steps().size();
    if (pick != ModelCommand.LATEST_STEP) {
      return (pick - 1) % count + 1;
    }
    for (int i = sends.size() - 1; i >= 0; i--) {
      if (sends.get(i).enrollment().equals(e.id())) {
        return sends.get(i).step();
      }
    }
    return find(e).currentStep().map(StepExecution::number).orElse(1);
  }

  private @Nullable Send lastSend(Enrolled e, int step) {
    for (int i = sends.size() - 1; i >= 0; i--) {
      Send s = sends.get(i);
      if (s.enrollment().equals(e.id()) && s.step() == step) {
        return s;
      }
    }
    return null;
  }

  /** The address a step was last sent to, else the enrollment's current address. */
  private EmailAddress addressOf(Enrolled e, int step) {
    Send last = lastSend(e, step);
    return last != null ? last.to() : find(e).address();
  }

  /**
   * S10: whether a hard bounce of {@code step} to {@code to} must send the same step to the next
   * address — the enrollment is active, writes to {@code to}, has an address after it, and no later
   * step has started.
   */
  private static boolean resendOwed(Enrollment e, int step, EmailAddress to) {
    if (e.status().isTerminal()
        || !e.address().sameMailbox(to)
        || e.addressIndex() + 1 >= e.candidate().addresses().size()
        || (e.step(step).status() != StepStatus.SENT
            && e.step(step).status() != StepStatus.DELIVERY_UNKNOWN)) {
      return false;
    }
    for (int n = step + 1; n <= e.steps().size(); n++) {
      StepStatus later = e.step(n).status();
      if (later != StepStatus.PENDING && later != StepStatus.SCHEDULED) {
        return false;
      }
    }
    return true;
  }

  private EmailAddress bounceAddress(Enrolled e, int step, int pick) {
    if (pick == ModelCommand.STEP_ADDRESS) {
      return addressOf(e, step);
    }
    List<EmailAddress> all = scenario.candidates().get(e.candidate()).addresses();
    return all.get((pick - 1) % all.size());
  }

  private static String key(EnrollmentId id, int step, EmailAddress to) {
    return id + "#" + step + " " + to.key();
  }

  private boolean suppressed(EmailAddress a) {
    return suppressedAddresses.contains(a.key()) || suppressedDomains.contains(a.domain());
  }

  /** Records a suppression in the model and checks S12: every enrollment for it completed. */
  private void unsubscribed(EmailAddress address, boolean wholeDomain) {
    if (wholeDomain) {
      suppressedDomains.add(address.domain());
    } else {
      suppressedAddresses.add(address.key());
    }
    for (Enrolled e : enrolled) {
      Enrollment now = find(e);
      if (now.candidate().addresses().stream().anyMatch(a -> a.sameMailbox(address))
          && !now.status().isTerminal()) {
        throw new Violation(
            "S12", e.name() + " is " + now.status() + " after " + address + " left");
      }
    }
  }

  /** Every suppression entry, sorted, for snapshots. */
  Set<String> suppressions() {
    return store.registers().suppressions().findAll().stream()
        .map(Suppression::value)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  Set<StepRef> openTodos() {
    return todos.open().stream().map(TodoItem::step).collect(Collectors.toSet());
  }

  List<Campaign> campaigns() {
    return campaignIds.stream().map(id -> nudge.campaign(id).orElseThrow()).toList();
  }
}
