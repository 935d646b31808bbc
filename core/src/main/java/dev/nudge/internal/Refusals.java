package dev.nudge.internal;

import dev.nudge.EnrollmentId;

/**
 * What to do after a write failed, for a writer that must not give up while the store is out of
 * reach: a store that answers reads was cut off during the commit (write again at once) or, when it
 * fails the same way again, refuses the change (give up rather than wait). Asks the store at most
 * twice, so that an unreachable store costs no more than two extra reads.
 */
final class Refusals {
  /** The next step after a failure. */
  enum Next {
    /** The store answers: write again at once. */
    AGAIN,
    /** The store answered and refused the same write twice: it will not take it. */
    REFUSED,
    /** The store does not answer: wait for it with patience. */
    WAIT
  }

  private final Engine engine;
  private final EnrollmentId any;
  private int failures;
  private boolean answering;

  Refusals(Engine engine, EnrollmentId any) {
    this.engine = engine;
    this.any = any;
  }

  Next afterFailure() {
    failures++;
    if (failures == 1) {
      answering = engine.storeAnswers(any);
      return answering ? Next.AGAIN : Next.WAIT;
    }
    if (failures == 2 && answering && engine.storeAnswers(any)) {
      return Next.REFUSED;
    }
    return Next.WAIT;
  }
}
