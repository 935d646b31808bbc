package dev.nudge.spi.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.CampaignId;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a builder collects is what the changes hold: in order, and fixed once built. */
class ChangesTest {
  private static final CampaignId CAMPAIGN = CampaignId.random();
  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  private static EnrollmentEvent event(int step) {
    return new EnrollmentEvent(
        EnrollmentId.random(), CAMPAIGN, AT, EnrollmentEvent.Type.ENROLLED, step, null, null, "");
  }

  @Test
  void activityAddedInManyCalls_isKeptInTheOrderItWasAdded() {
    Changes.Builder builder = Changes.builder();
    List<EnrollmentEvent> expected = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      List<EnrollmentEvent> some = List.of(event(i), event(i));
      expected.addAll(some);
      builder.activity(some);
    }
    builder.activity(List.of());

    assertThat(builder.build().activity()).containsExactlyElementsOf(expected);
  }

  @Test
  void builtChanges_doNotSeeWhatTheBuilderCollectsAfterwards() {
    Changes.Builder builder = Changes.builder().activity(List.of(event(1)));
    Changes first = builder.build();
    builder.activity(List.of(event(2)));

    assertThat(first.activity()).hasSize(1);
    assertThat(builder.build().activity()).hasSize(2);
    assertThatThrownBy(() -> first.activity().add(event(3)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theListPassedIn_canChangeAfterwardsWithoutChangingTheBuilder() {
    List<EnrollmentEvent> caller = new ArrayList<>(List.of(event(1)));
    Changes.Builder builder = Changes.builder().activity(caller);
    caller.add(event(2));

    assertThat(builder.build().activity()).hasSize(1);
  }
}
