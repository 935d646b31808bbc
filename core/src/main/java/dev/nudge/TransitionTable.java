package dev.nudge;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The explicit list of allowed status changes of one state machine. Every status change of a
 * campaign, enrollment or step goes through {@link #transition}, which refuses anything not listed.
 *
 * @param <S> the enum of states
 */
public final class TransitionTable<S extends Enum<S>> {
  private final Map<S, Set<S>> allowed;

  private TransitionTable(Map<S, Set<S>> allowed) {
    this.allowed = allowed;
  }

  /** Starts a table over the states of {@code type}; states not mentioned are terminal. */
  public static <S extends Enum<S>> Builder<S> of(Class<S> type) {
    return new Builder<>(type);
  }

  /** Whether the table lists the change {@code from → to}. */
  public boolean allows(S from, S to) {
    return targets(from).contains(to);
  }

  /** The states reachable from {@code from} in one step; empty for a terminal state. */
  public Set<S> targets(S from) {
    Set<S> targets = allowed.get(from);
    if (targets == null) {
      throw new IllegalArgumentException("unknown state " + from);
    }
    return targets;
  }

  /**
   * Returns {@code to} when the change is listed, else throws an exception naming the entity and
   * both states.
   *
   * @param entity what changes, e.g. {@code "enrollment 6f1c…"}
   */
  public S transition(String entity, S from, S to) {
    if (!allows(from, to)) {
      throw new IllegalTransitionException(entity, from, to);
    }
    return to;
  }

  /**
   * Lists the allowed changes state by state.
   *
   * @param <S> the enum of states
   */
  public static final class Builder<S extends Enum<S>> {
    private final Class<S> type;
    private final Map<S, Set<S>> allowed;

    private Builder(Class<S> type) {
      this.type = type;
      this.allowed = new EnumMap<>(type);
    }

    /** Allows the changes from {@code from} to each of {@code to}. */
    @SafeVarargs
    public final Builder<S> from(S from, S... to) {
      Set<S> targets = EnumSet.noneOf(type);
      for (S s : to) {
        targets.add(s);
      }
      allowed.put(from, targets);
      return this;
    }

    /** The table; states never named in {@link #from} are terminal. */
    public TransitionTable<S> build() {
      Map<S, Set<S>> table = new EnumMap<>(type);
      for (S s : type.getEnumConstants()) {
        table.put(s, Collections.unmodifiableSet(allowed.getOrDefault(s, EnumSet.noneOf(type))));
      }
      return new TransitionTable<>(Collections.unmodifiableMap(table));
    }
  }
}
