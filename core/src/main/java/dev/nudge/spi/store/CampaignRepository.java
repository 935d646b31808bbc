package dev.nudge.spi.store;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import java.util.List;
import java.util.Optional;

/** Reads campaigns; writes go through {@link Store#commit}. */
public interface CampaignRepository {
  /** The campaign with this id. */
  Optional<Campaign> find(CampaignId id);

  /** Every campaign, oldest first. */
  List<Campaign> findAll();

  /**
   * The campaigns whose last status change has not reached every enrollment yet ({@link
   * Campaign#syncPending()}), oldest first. Asked often: a store answers it from an index.
   */
  List<Campaign> findSyncPending();
}
