package dev.nudge.modeltest;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.EmailAddress;
import dev.nudge.EnrollResult;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.IllegalTransitionException;
import dev.nudge.Nudge;
import dev.nudge.SettableClock;
import dev.nudge.StepRef;
import dev.nudge.Suppression;
import dev.nudge.TodoItem;
import dev.nudge.spi.store.Store;
import dev.nudge.testkit.CollectingTodoSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs one model-test sequence: a fresh engine on an empty store, a settable clock and a {@link
 * ModelTransport}; executes the commands one by one (those on one enrollment in {@link
 * EnrollmentActions}) and, after each, checks the invariants of SPEC S16 on the stored state
 * ({@link ModelInvariants}). Sends are checked the moment the transport is called ({@link
 * SendChecks}). A refused command must leave everything as it was; any other exception fails.
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

  /** An enrollment the run made, with the indexes of its campaign and candidate. */
  record Enrolled(EnrollmentId id, int campaign, int candidate, String name) {}

  final ModelScenario scenario;
  private final List<Numbered> commands;
  final SettableClock clock;
  final Store store;
  final CollectingTodoSink todos = new CollectingTodoSink();
  final Nudge nudge;
  final List<CampaignId> campaignIds = new ArrayList<>();
  final List<Enrolled> enrolled = new ArrayList<>();
  private final Map<EnrollmentId, Enrolled> byId = new HashMap<>();
  private final Map<String, Enrolled> byPair = new HashMap<>();

  /** The first terminal version seen of each enrollment. */
  final Map<EnrollmentId, Enrollment> terminal = new HashMap<>();

  final SendChecks checks;
  private final ModelTransport transport;
  private final EnrollmentActions actions;
  private final ModelInvariants invariants = new ModelInvariants(this);

  ModelRun(ModelScenario scenario, List<Numbered> commands, long transportSeed, Store store) {
    this.scenario = scenario;
    this.store = store;
    this.commands = commands;
    this.transport = new ModelTransport(this, transportSeed);
    this.checks = new SendChecks(scenario);
    this.clock = new SettableClock(scenario.start());
    this.nudge =
        Nudge.builder()
            .clock(clock)
            .store(new OrderedClaimsStore(store, this::order))
            .seed(transportSeed)
            .mailTransport(transport)
            .todoSink(todos)
            .tuning(scenario.tuning())
            .nodeId("model")
            .build();
    this.actions = new EnrollmentActions(this);
  }

  /** Runs every command, stopping at the first broken invariant. */
  Outcome run() {
    List<String> log = new ArrayList<>();
    nudge.registerMailbox(scenario.mailbox());
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
          return new Outcome(v, n.index(), log, checks.count());
        }
        log.add(withSends(line));
      }
      return new Outcome(null, -1, log, checks.count());
    } finally {
      nudge.close();
    }
  }

  private String withSends(StringBuilder line) {
    transport.notes.forEach(n -> line.append(System.lineSeparator()).append("      ").append(n));
    transport.notes.clear();
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
    if (!transport.broken.isEmpty()) {
      throw transport.broken.get(0);
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
      actions.execute(command, line);
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
        expected = r instanceof EnrollResult.AlreadyEnrolled a && a.id().equals(existing.id());
      } else if (checks.suppressed(candidates.get(k).email())) {
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
                    : checks.suppressed(candidates.get(k).email())
                        ? " although it is suppressed"
                        : ""));
      }
      if (r instanceof EnrollResult.Enrolled ok) {
        Enrolled e =
            new Enrolled(ok.id(), c, which.get(k), "cand-" + which.get(k) + "/" + (char) ('A' + c));
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

  // ---- helpers ------------------------------------------------------------------------------

  Enrollment find(Enrolled e) {
    return nudge
        .enrollment(e.id())
        .orElseThrow(() -> new Violation("store", "enrollment " + e.name() + " vanished"));
  }

  static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private int candidateCount() {
    return scenario.candidates().size();
  }

  @Nullable Enrolled enrolledAs(EnrollmentId id) {
    return byId.get(id);
  }

  private int order(EnrollmentId id) {
    Enrolled e = byId.get(id);
    return e == null ? Integer.MAX_VALUE : enrolled.indexOf(e);
  }

  ZoneId zone(Enrolled e) {
    ZoneId own = scenario.candidates().get(e.candidate()).zone();
    return own != null ? own : scenario.campaigns().get(e.campaign()).zone();
  }

  /** Records a suppression in the model and checks S12: every enrollment for it completed. */
  void unsubscribed(EmailAddress address, boolean wholeDomain) {
    checks.suppress(address, wholeDomain);
    for (Enrolled e : enrolled) {
      Enrollment now = find(e);
      if (now.candidate().addresses().stream().anyMatch(a -> a.sameMailbox(address))) {
        checks.optedOut(e.id());
        if (!now.status().isTerminal()) {
          throw new Violation(
              "S12", e.name() + " is " + now.status() + " after " + address + " left");
        }
      }
    }
  }

  /** Every suppression entry, sorted, for snapshots. */
  Set<String> suppressions() {
    return store.suppressions().findAll().stream()
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
