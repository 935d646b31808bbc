package dev.nudge;

import java.util.Objects;

/**
 * The step an inbound message answers, and how that was found.
 *
 * @param step the enrollment and step
 * @param method in thread, by address, by the bounce's original Message-ID, ...
 */
public record InboundMatch(StepRef step, MatchMethod method) {
  /** Checks the components. */
  public InboundMatch {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(method, "method");
  }
}
