package dev.nudge.modeltest;

import static org.junit.jupiter.api.Assertions.fail;

import dev.nudge.modeltest.ModelRun.Numbered;
import dev.nudge.modeltest.ModelRun.Outcome;
import dev.nudge.spi.store.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Model-based random test of the engine [S16], for any store: extend it once per store with {@link
 * #newStore()}. Thousands of seeded sequences of 30 to 60 random commands — enroll,
 * start/pause/resume/archive a campaign, run what is due, move the clock, reply, bounce,
 * auto-reply, unsubscribe, complain, pause/resume/remove a candidate, complete or skip a task —
 * against one or two campaigns sharing a capped mailbox and a transport that sometimes refuses.
 * After every command the invariants are checked (see {@link ModelRun} and {@link
 * ModelInvariants}); a failure names the seed, the commands up to it, a shortened failing sequence
 * and how to replay it.
 *
 * <p>System properties: {@code model.seed} replays exactly one sequence, {@code model.keep} (with
 * it, comma-separated command numbers) only some of its commands; {@code model.sequences} sets how
 * many sequences run; {@code model.all=true} runs them all and reports the first failure of each
 * invariant instead of stopping at the first; {@code model.jitter=true} gives some campaigns send
 * jitter (off by default). The engine is built with the sequence's seed, so ids, Message-IDs and
 * jitter replay exactly.
 */
public abstract class EngineModelSuite {
  private static final long BASE_SEED = 20_260_302_000_000L;

  /** A fresh, empty store for one sequence. */
  protected abstract Store newStore();

  /** Frees what {@link #newStore()} opened; does nothing by default. */
  protected void dispose(Store store) {}

  /** How many sequences run when {@code model.sequences} is not set. */
  protected int defaultSequences() {
    return 10_000;
  }

  private static final int SHRINK_BUDGET = 3_000;
  private static final boolean JITTER = Boolean.getBoolean("model.jitter");

  @Test
  public void randomCommandSequences_keepTheInvariants() {
    String replay = System.getProperty("model.seed");
    if (replay != null) {
      long seed = Long.parseLong(replay.strip());
      Outcome outcome = run(seed, keep());
      System.out.println(String.join(System.lineSeparator(), outcome.log()));
      if (outcome.violation() != null) {
        fail(report(seed, outcome));
      }
      return;
    }
    int sequences = Integer.getInteger("model.sequences", defaultSequences());
    boolean all = Boolean.getBoolean("model.all");
    Map<String, String> firstFailures = new LinkedHashMap<>();
    Map<String, Integer> failureCounts = new LinkedHashMap<>();
    long commands = 0;
    long sends = 0;
    long started = System.nanoTime();
    for (int i = 0; i < sequences; i++) {
      long seed = BASE_SEED + i;
      Outcome outcome = run(seed, null);
      commands += outcome.log().size();
      sends += outcome.sends();
      ModelRun.Violation v = outcome.violation();
      if (v == null) {
        continue;
      }
      if (!all) {
        fail(report(seed, outcome));
      }
      failureCounts.merge(v.invariant, 1, Integer::sum);
      if (!firstFailures.containsKey(v.invariant)) {
        firstFailures.put(v.invariant, report(seed, outcome));
      }
    }
    System.out.printf(
        "%s: %d sequences, %d commands, %d sends in %d ms%n",
        getClass().getSimpleName(),
        sequences,
        commands,
        sends,
        (System.nanoTime() - started) / 1_000_000);
    if (!firstFailures.isEmpty()) {
      fail(
          "sequences failing per invariant: "
              + failureCounts
              + System.lineSeparator()
              + String.join(
                  System.lineSeparator() + System.lineSeparator(), firstFailures.values()));
    }
  }

  /** Runs the sequence of {@code seed}, only the commands numbered in {@code keep} if given. */
  private Outcome run(long seed, @Nullable List<Integer> keep) {
    Random r = new Random(seed);
    ModelScenario scenario = ModelScenario.generate(r, JITTER);
    List<ModelCommand> all =
        ModelCommand.generate(
            r, 30 + r.nextInt(31), scenario.campaigns().size(), scenario.candidates().size());
    List<Numbered> commands = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (keep == null || keep.contains(i)) {
        commands.add(new Numbered(i, all.get(i)));
      }
    }
    Store store = newStore();
    try {
      return new ModelRun(scenario, commands, ~seed, store).run();
    } finally {
      dispose(store);
    }
  }

  private static @Nullable List<Integer> keep() {
    String keep = System.getProperty("model.keep");
    if (keep == null || keep.isBlank()) {
      return null;
    }
    return Arrays.stream(keep.split(",", -1)).map(s -> Integer.parseInt(s.strip())).toList();
  }

  /**
   * Leaves out ever smaller runs of commands while the same invariant still breaks: a shortest
   * sequence found, not necessarily the shortest there is.
   */
  private List<Integer> shrink(long seed, Outcome failed) {
    String invariant = failed.violation().invariant;
    List<Integer> current = new ArrayList<>();
    List<Integer> base = keep();
    for (int i = 0; i <= failed.failedAt(); i++) {
      if (base == null || base.contains(i)) {
        current.add(i);
      }
    }
    int budget = SHRINK_BUDGET;
    int chunk = Math.max(1, current.size() / 2);
    while (budget > 0) {
      boolean removed = false;
      for (int from = 0; from < current.size() && budget > 0; ) {
        List<Integer> shorter = new ArrayList<>(current.subList(0, from));
        shorter.addAll(current.subList(Math.min(current.size(), from + chunk), current.size()));
        budget--;
        Outcome o = shorter.isEmpty() ? null : run(seed, shorter);
        if (o != null && o.violation() != null && o.violation().invariant.equals(invariant)) {
          current = new ArrayList<>(shorter.subList(0, shorter.indexOf(o.failedAt()) + 1));
          removed = true;
        } else {
          from += chunk;
        }
      }
      if (!removed) {
        if (chunk == 1) {
          break;
        }
        chunk /= 2;
      }
    }
    return current;
  }

  private String report(long seed, Outcome outcome) {
    String nl = System.lineSeparator();
    ModelRun.Violation v = outcome.violation();
    Random r = new Random(seed);
    ModelScenario scenario = ModelScenario.generate(r, JITTER);
    List<Integer> shortest = shrink(seed, outcome);
    Outcome small = run(seed, shortest);
    String keep = shortest.stream().map(String::valueOf).collect(Collectors.joining(","));
    String mvn =
        "mvn -B -q test -Dtest="
            + getClass().getSimpleName()
            + " -Dmodel.seed="
            + seed
            + (JITTER ? " -Dmodel.jitter=true" : "");
    return "Sequence with seed "
        + seed
        + " broke "
        + v.getMessage()
        + nl
        + "Scenario:"
        + nl
        + scenario.describe()
        + "Commands up to the failure:"
        + nl
        + String.join(nl, outcome.log())
        + nl
        + "Shortest failing sequence found ("
        + shortest.size()
        + " commands): "
        + (small.violation() == null ? "(did not fail again)" : small.violation().getMessage())
        + nl
        + String.join(nl, small.log())
        + nl
        + "Replay: "
        + mvn
        + nl
        + "Replay the short one: "
        + mvn
        + " -Dmodel.keep="
        + keep;
  }
}
