package dev.nudge.internal;

import dev.nudge.CampaignEvent;
import dev.nudge.CampaignId;
import dev.nudge.spi.store.Changes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a command decided: the changes to commit, the editors whose events to publish after it, and
 * the command's result.
 */
record Plan<T>(
    Changes changes, List<Editor> editors, List<CampaignEvent> campaignEvents, T result) {
  /** A plan that writes the editors' results and activity, and maybe more. */
  static <T> Plan<T> of(Changes.Builder changes, List<Editor> editors, T result) {
    Set<CampaignId> expected = new HashSet<>();
    for (Editor ed : editors) {
      changes.update(ed.result(), null, ed.original()).activity(ed.events);
      if (expected.add(ed.campaign.id())) {
        changes.expect(ed.campaign);
      }
    }
    return new Plan<>(changes.build(), editors, List.of(), result);
  }

  Plan<T> publishing(CampaignEvent event) {
    return new Plan<>(changes, editors, List.of(event), result);
  }
}
