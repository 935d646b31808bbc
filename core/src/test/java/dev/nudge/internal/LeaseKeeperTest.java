package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EnrollmentId;
import dev.nudge.spi.store.Claim;
import dev.nudge.testkit.Fixture;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Holds nest: a listener that runs due work from within a batch holds its own claims while the
 * batch's are still renewed, and when it is done the batch's alone are, however deep the nesting.
 */
class LeaseKeeperTest {
  private final Fixture f = new Fixture();
  private final LeaseKeeper leases = ((Engine) f.nudge).leases;

  @AfterEach
  void close() {
    f.close();
  }

  private static List<Claim> claims() {
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    return List.of(new Claim(EnrollmentId.random(), now, "node", 1, now.plusSeconds(60)));
  }

  @SafeVarargs
  private static List<Claim> all(List<Claim>... levels) {
    List<Claim> all = new java.util.ArrayList<>();
    for (List<Claim> level : levels) {
      all.addAll(level);
    }
    return all;
  }

  @Test
  void nestedHolds_renewTheOuterClaimsToo_andGiveBackEachLevelInTurn() {
    List<Claim> batch = claims();
    List<Claim> listener = claims();
    List<Claim> inner = claims();

    leases.hold(batch);
    leases.hold(listener);
    leases.hold(inner);
    assertThat(leases.held()).containsExactlyElementsOf(all(batch, listener, inner));

    leases.drop();
    assertThat(leases.held()).containsExactlyElementsOf(all(batch, listener));
    leases.drop();
    assertThat(leases.held()).containsExactlyElementsOf(batch);
    leases.drop();
    assertThat(leases.held()).isNull();
  }

  @Test
  void anInnerHoldWhoseAnswersAreRecorded_leavesTheOuterClaimsRenewed() {
    List<Claim> batch = claims();

    leases.hold(batch);
    leases.hold(claims());
    leases.recording();
    leases.recorded();
    assertThat(leases.held()).containsExactlyElementsOf(batch);
    leases.drop();

    assertThat(leases.held()).containsExactlyElementsOf(batch);
    leases.recorded();
    assertThat(leases.held()).isNull();
    leases.drop();
    assertThat(leases.held()).isNull();
  }

  @Test
  void aHoldMadeAfterAnotherIsRecorded_keepsEachLevelInStep() {
    List<Claim> batch = claims();
    List<Claim> more = claims();

    leases.hold(batch);
    leases.hold(claims()); // a listener's due work
    leases.recorded(); // its answers are in
    leases.hold(more); // more due work from the same listener
    assertThat(leases.held()).containsExactlyElementsOf(all(batch, more));

    leases.drop();
    assertThat(leases.held())
        .as("the recorded hold stays given back")
        .containsExactlyElementsOf(batch);
    leases.drop();
    assertThat(leases.held()).as("the batch is renewed still").containsExactlyElementsOf(batch);
    leases.drop();
    assertThat(leases.held()).isNull();
  }

  @Test
  void aClaimGivenBackOnItsOwn_isRenewedNoMore_evenUnderAnInnerHold() {
    List<Claim> batch = all(claims(), claims());
    Claim recorded = batch.get(0);
    List<Claim> inner = claims();

    leases.hold(batch);
    leases.released(recorded); // its answer is committed; the other is still being recorded
    assertThat(leases.held()).containsExactly(batch.get(1));
    leases.hold(inner); // a listener runs due work
    assertThat(leases.held()).containsExactlyElementsOf(all(List.of(batch.get(1)), inner));
    leases.drop();
    leases.drop();
    assertThat(leases.held()).isNull();

    leases.hold(List.of(recorded));
    assertThat(leases.held()).as("forgotten once nothing is held").containsExactly(recorded);
    leases.drop();
  }

  @Test
  void holdsAreKeptPerThread() throws InterruptedException {
    List<Claim> mine = claims();
    leases.hold(mine);
    List<List<Claim>> seen = new java.util.ArrayList<>();

    Thread other =
        new Thread(
            () -> {
              seen.add(leases.held() == null ? List.of() : leases.held());
              leases.hold(claims());
              leases.drop();
            });
    other.start();
    other.join();

    assertThat(seen).containsExactly(List.of());
    assertThat(leases.held()).containsExactlyElementsOf(mine);
    leases.drop();
  }
}
