package dev.nudge.storetest;

import static dev.nudge.spi.store.ConflictException.Kind.DUPLICATE;
import static dev.nudge.spi.store.ConflictException.Kind.MISSING;
import static dev.nudge.spi.store.ConflictException.Kind.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.testkit.StoreData;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Campaigns: insert, read back, compare-and-set updates. */
abstract class CampaignContract extends ContractSupport {
  CampaignContract(StoreContractTest suite) {
    super(suite);
  }

  @Test
  void insertedCampaign_readsBackEqual() {
    Campaign c = StoreData.richCampaign("Backend engineers", StoreData.now());

    insert(c);

    assertThat(store.campaigns().find(c.id())).contains(c);
  }

  @Test
  void unknownCampaign_isNotFound() {
    storedCampaign("Backend engineers");

    assertThat(store.campaigns().find(CampaignId.random())).isEmpty();
  }

  @Test
  void findAll_listsCampaignsOldestFirst() {
    Instant t = StoreData.now();
    Campaign middle = StoreData.campaign("middle", t.minusSeconds(60));
    Campaign newest = StoreData.campaign("newest", t);
    Campaign oldest = StoreData.campaign("oldest", t.minusSeconds(3600));

    insert(middle, newest);
    insert(oldest);

    assertThat(store.campaigns().findAll()).containsExactly(oldest, middle, newest);
  }

  @Test
  void findAll_ofEmptyStore_isEmpty() {
    assertThat(store.campaigns().findAll()).isEmpty();
  }

  @Test
  void update_withStoredVersionPlusOne_replacesTheCampaign() {
    Campaign v1 = storedCampaign("Backend engineers");
    Campaign v2 = StoreData.renamed(v1, "Backend engineers (EU)");
    Campaign v3 = StoreData.renamed(v2, "Backend engineers (EMEA)");

    commit(changes().update(v2));
    commit(changes().update(v3));

    assertThat(campaign(v1)).isEqualTo(v3);
    assertThat(store.campaigns().findAll()).containsExactly(v3);
  }

  @Test
  void staleVersion_isRefused_andNothingIsWritten() {
    Campaign v1 = storedCampaign("Backend engineers");
    Campaign v2 = StoreData.renamed(v1, "written first");
    commit(changes().update(v2));
    Campaign alsoFromV1 = StoreData.renamed(v1, "computed from a stale read");

    assertConflict(VERSION, () -> commit(changes().update(alsoFromV1)));

    assertThat(campaign(v1)).isEqualTo(v2);
  }

  @Test
  void versionThatSkipsAhead_isRefused_andNothingIsWritten() {
    Campaign v1 = storedCampaign("Backend engineers");
    Campaign v3 = StoreData.renamed(StoreData.renamed(v1, "v2"), "v3");

    assertConflict(VERSION, () -> commit(changes().update(v3)));

    assertThat(campaign(v1)).isEqualTo(v1);
  }

  @Test
  void updateWithUnchangedVersion_isRefused() {
    Campaign v1 = storedCampaign("Backend engineers");
    Campaign sameVersion = StoreData.withId(StoreData.campaign("renamed"), v1.id());

    assertConflict(VERSION, () -> commit(changes().update(sameVersion)));

    assertThat(campaign(v1)).isEqualTo(v1);
  }

  @Test
  void updateOfMissingCampaign_isRefusedAsMissing() {
    Campaign neverStored = StoreData.campaign("never stored");

    assertConflict(MISSING, () -> commit(changes().update(StoreData.renamed(neverStored, "x"))));

    assertThat(store.campaigns().find(neverStored.id())).isEmpty();
  }

  @Test
  void insertingAnExistingCampaignId_isRefusedAsDuplicate_andKeepsTheStoredOne() {
    Campaign stored = storedCampaign("first");
    Campaign sameId = StoreData.withId(StoreData.campaign("second"), stored.id());

    assertConflict(DUPLICATE, () -> insert(sameId));

    assertThat(campaign(stored)).isEqualTo(stored);
    assertThat(store.campaigns().findAll()).containsExactly(stored);
  }

  @Test
  void twoCampaignsWithOneId_inOneCommit_areRefusedAsDuplicate() {
    Campaign first = StoreData.campaign("first");
    Campaign second = StoreData.withId(StoreData.campaign("second"), first.id());

    assertConflict(DUPLICATE, () -> insert(first, second));

    assertThat(store.campaigns().findAll()).isEmpty();
  }
}
