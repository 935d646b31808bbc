package dev.nudge.modeltest;

import dev.nudge.EnrollmentId;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.DueSteps;
import dev.nudge.spi.store.Store;
import dev.nudge.testkit.ForwardingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * A store that hands out each batch of claims earliest due first and, among those due at the same
 * instant, in the order the model enrolled them. The in-memory store breaks such ties by the
 * enrollments' random ids; without this a replayed seed could send in another order and, with a
 * mailbox cap, to other candidates. Everything else goes straight to the wrapped store.
 */
final class OrderedClaimsStore extends ForwardingStore {
  private final Comparator<Claim> order;

  OrderedClaimsStore(Store store, ToIntFunction<EnrollmentId> enrollmentOrder) {
    super(store);
    this.order =
        Comparator.comparing(Claim::dueAt)
            .thenComparingInt(c -> enrollmentOrder.applyAsInt(c.enrollmentId()));
  }

  @Override
  public DueSteps dueSteps() {
    DueSteps due = delegate.dueSteps();
    return new DueSteps() {
      @Override
      public List<Claim> claim(String owner, Instant now, Duration lease, int limit) {
        List<Claim> claims = new ArrayList<>(due.claim(owner, now, lease, limit));
        claims.sort(order);
        return claims;
      }

      @Override
      public Optional<Claim> renew(Claim claim, Instant now, Duration lease) {
        return due.renew(claim, now, lease);
      }

      @Override
      public void release(Claim claim) {
        due.release(claim);
      }
    };
  }
}
