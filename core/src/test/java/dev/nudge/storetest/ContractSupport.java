package dev.nudge.storetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.Enrollment;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.spi.store.Store;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every part of the storage contract shares: a fresh store per test and small helpers. */
abstract class ContractSupport {
  private final StoreContractTest suite;

  /** The store under test, fresh for each test. */
  Store store;

  ContractSupport(StoreContractTest suite) {
    this.suite = suite;
  }

  @BeforeEach
  final void openStore() {
    store = suite.newStore();
  }

  @AfterEach
  final void closeStore() {
    suite.dispose(store);
  }

  static Changes.Builder changes() {
    return Changes.builder();
  }

  void commit(Changes.Builder changes) {
    store.commit(changes.build());
  }

  /** Inserts the campaigns, one commit. */
  Campaign[] insert(Campaign... campaigns) {
    Changes.Builder b = changes();
    for (Campaign c : campaigns) {
      b.insert(c);
    }
    commit(b);
    return campaigns;
  }

  /** Inserts a not started campaign of three steps. */
  Campaign storedCampaign(String name) {
    return insert(StoreData.campaign(name))[0];
  }

  /** Inserts an enrollment, one commit. */
  Enrollment insert(Enrollment e) {
    commit(changes().insert(e));
    return e;
  }

  /** Writes the next version of an enrollment outside a claim. */
  Enrollment update(Enrollment next) {
    commit(changes().update(next));
    return next;
  }

  Campaign campaign(Campaign c) {
    return store.campaigns().find(c.id()).orElseThrow();
  }

  Enrollment enrollment(Enrollment e) {
    return store.enrollments().find(e.id()).orElseThrow();
  }

  List<Claim> claim(String owner, Duration lease, int limit) {
    return store.dueSteps().claim(owner, Instant.now(), lease, limit);
  }

  static void assertConflict(ConflictException.Kind kind, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
