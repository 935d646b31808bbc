package dev.nudge.modeltest;

import dev.nudge.Campaign;
import dev.nudge.CampaignStatus;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentStatus;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.StepStatus;
import dev.nudge.TodoItem;
import dev.nudge.modeltest.ModelRun.Enrolled;
import dev.nudge.modeltest.ModelRun.Violation;
import dev.nudge.spi.store.StepState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants of SPEC S16 that hold for the stored state after every command (1, 2, 8, 9), plus
 * one the spec implies by S6 and S17 (10: nothing is stuck). Invariants 3 to 7 concern sends and
 * are checked when the transport is called, in {@link SendChecks}.
 */
final class ModelInvariants {
  private final ModelRun run;

  ModelInvariants(ModelRun run) {
    this.run = run;
  }

  /** Everything a refused command must leave as it was. */
  record Snapshot(
      List<Campaign> campaigns,
      List<Enrollment> enrollments,
      Set<StepRef> todos,
      int sends,
      Set<String> suppressions) {}

  Snapshot snapshot() {
    return new Snapshot(
        run.campaigns(),
        run.enrolled.stream().map(run::find).toList(),
        run.openTodos(),
        run.checks.count(),
        run.suppressions());
  }

  void checkState() {
    Map<dev.nudge.CampaignId, Campaign> campaigns = new HashMap<>();
    run.campaigns().forEach(c -> campaigns.put(c.id(), c));
    Set<StepRef> openTasks = new HashSet<>();
    for (Enrolled who : run.enrolled) {
      Enrollment e = run.find(who);
      Campaign c = campaigns.get(e.campaignId());
      String name = who.name() + " " + describe(e) + " in a " + c.status() + " campaign";
      activeSteps(e, name);
      order(e, name);
      statusData(who, e, name);
      halted(e, c, name);
      notStuck(e, c, name);
      for (StepExecution s : e.steps()) {
        if (s.status() == StepStatus.MANUAL_TASK) {
          openTasks.add(new StepRef(e.id(), s.number()));
        }
      }
      if (e.status().isTerminal()) {
        run.terminal.putIfAbsent(e.id(), e);
      }
    }
    todoList(campaigns.values(), openTasks);
  }

  private static boolean active(StepState s) {
    return s == StepState.SCHEDULED || s == StepState.IN_FLIGHT || s == StepState.MANUAL_TASK;
  }

  /** 1: at most one step scheduled, in flight or a manual task; none in flight. */
  private static void activeSteps(Enrollment e, String name) {
    long active = e.steps().stream().filter(s -> active(s.state())).count();
    if (active > 1) {
      throw new Violation("1", name + " has " + active + " active steps");
    }
    if (e.steps().stream().anyMatch(s -> s.state() == StepState.IN_FLIGHT)) {
      throw new Violation("1", name + " has a step IN_FLIGHT after the command returned");
    }
  }

  /** 2: done steps, then at most one active step, then pending ones; terminal: all done. */
  private static void order(Enrollment e, String name) {
    List<StepExecution> steps = e.steps();
    int i = 0;
    while (i < steps.size() && steps.get(i).status().isDone()) {
      i++;
    }
    if (i < steps.size() && active(steps.get(i).state())) {
      i++;
    }
    for (; i < steps.size(); i++) {
      if (steps.get(i).status() != StepStatus.PENDING) {
        throw new Violation("2", name + ": steps out of order");
      }
    }
    if (e.status().isTerminal() && e.currentStep().isPresent()) {
      throw new Violation(
          "2", name + ": terminal with step " + e.currentStep().get().number() + " not done");
    }
  }

  /**
   * 8: a terminal status never changes (a finished enrollment whose last email bounces later is let
   * go by {@link EnrollmentActions}, S10); COMPLETED has a reason, PAUSED where it came from; an
   * enrollment has a MANUAL_TASK step exactly when it is MANUAL_TASK, and then one.
   */
  private void statusData(Enrolled who, Enrollment e, String name) {
    Enrollment ended = run.terminal.get(who.id());
    if (ended != null && (ended.status() != e.status() || ended.reason() != e.reason())) {
      throw new Violation(
          "8", name + " was " + ended.status() + "/" + ended.reason() + ", a terminal status");
    }
    if ((e.status() == EnrollmentStatus.COMPLETED) != (e.reason() != null)) {
      throw new Violation("8", name + " has completion reason " + e.reason());
    }
    EnrollmentStatus from = e.pausedFrom();
    if ((e.status() == EnrollmentStatus.PAUSED)
        != (from != null && !from.isTerminal() && from != EnrollmentStatus.PAUSED)) {
      throw new Violation("8", name + " has pausedFrom " + from);
    }
    long tasks = e.steps().stream().filter(s -> s.status() == StepStatus.MANUAL_TASK).count();
    if (tasks != (e.status() == EnrollmentStatus.MANUAL_TASK ? 1 : 0)) {
      throw new Violation("8", name + " has " + tasks + " MANUAL_TASK steps");
    }
  }

  /** 9: a paused candidate, or a campaign not running, has no scheduled step. */
  private static void halted(Enrollment e, Campaign c, String name) {
    boolean halted = e.status() == EnrollmentStatus.PAUSED || c.status() != CampaignStatus.STARTED;
    if (halted && e.steps().stream().anyMatch(s -> s.status() == StepStatus.SCHEDULED)) {
      throw new Violation("9", name + " has a SCHEDULED step");
    }
  }

  /**
   * 10: in a running campaign a STARTED candidate has its next step scheduled (S6: "in progress,
   * next step scheduled"; S17: a step is never dropped); once a campaign has started no candidate
   * is NOT_STARTED; once archived every candidate is done.
   */
  private static void notStuck(Enrollment e, Campaign c, String name) {
    if (c.status() == CampaignStatus.STARTED
        && e.status() == EnrollmentStatus.STARTED
        && e.currentStep().filter(s -> s.status() == StepStatus.SCHEDULED).isEmpty()) {
      throw new Violation("10", name + " is STARTED with no step scheduled: it is stuck");
    }
    if (c.status() != CampaignStatus.NOT_STARTED && e.status() == EnrollmentStatus.NOT_STARTED) {
      throw new Violation("10", name + " is still NOT_STARTED");
    }
    if (c.status() == CampaignStatus.ARCHIVED && !e.status().isTerminal()) {
      throw new Violation("10", name + " is still active");
    }
  }

  /** 8: the to-do sink's open items, and the open-tasks query, equal the store's open tasks. */
  private void todoList(Iterable<Campaign> campaigns, Set<StepRef> openTasks) {
    Set<StepRef> sink = run.openTodos();
    if (!sink.equals(openTasks)) {
      throw new Violation(
          "8", "the to-do sink holds " + sink + " but the open tasks are " + openTasks);
    }
    Set<StepRef> queried = new HashSet<>();
    for (Campaign c : campaigns) {
      run.nudge.openTasks(c.owner()).stream().map(TodoItem::step).forEach(queried::add);
    }
    if (!queried.equals(openTasks)) {
      throw new Violation(
          "8", "openTasks() lists " + queried + " but the open tasks are " + openTasks);
    }
  }

  static String describe(Enrollment e) {
    StringBuilder out = new StringBuilder().append(e.status());
    if (e.reason() != null) {
      out.append('/').append(e.reason());
    }
    if (e.pausedFrom() != null) {
      out.append(" (from ").append(e.pausedFrom()).append(')');
    }
    out.append(" steps [");
    for (StepExecution s : e.steps()) {
      out.append(s.number() == 1 ? "" : ", ").append(s.status());
      if (s.status() == StepStatus.SCHEDULED || s.status() == StepStatus.PENDING) {
        if (s.scheduledAt() != null) {
          out.append(' ').append(s.scheduledAt());
        }
      }
    }
    return out.append(']').toString();
  }
}
