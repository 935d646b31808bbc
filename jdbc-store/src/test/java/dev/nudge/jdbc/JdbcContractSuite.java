package dev.nudge.jdbc;

import static dev.nudge.testkit.StoreData.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.Store;
import dev.nudge.storetest.StoreContractTest;
import dev.nudge.testkit.StoreData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on a {@link JdbcStore}: each test gets an empty schema on the database of
 * its class.
 */
abstract class JdbcContractSuite extends StoreContractTest {
  /** The database of the concrete test class. */
  abstract TestDatabase database();

  @Override
  protected Store newStore() {
    TestDatabase db = database();
    db.truncate();
    return db.store();
  }

  /**
   * An event's detail quotes what a server or a mail said, which may hold a character cut in two:
   * no database keeps half of a surrogate pair in JSON (H2 refused the whole commit), so the store
   * keeps U+FFFD in its place, as PostgreSQL and MariaDB kept a {@code ?} in a text column.
   */
  @Test
  void anEventDetailWithHalfASurrogatePair_isKept_withAReplacementCharacterInItsPlace() {
    Store store = newStore();
    Campaign campaign = StoreData.campaign("Backend engineers");
    Enrollment ada = StoreData.enrollment(campaign, candidate("Ada Lovelace")).build();
    store.commit(Changes.builder().insert(campaign).insert(ada).build());
    EnrollmentEvent bounced =
        new EnrollmentEvent(
            ada.id(),
            ada.campaignId(),
            StoreData.now(),
            EnrollmentEvent.Type.BOUNCED,
            1,
            null,
            null,
            "550 mailbox \uD83D unknown \uD83D\uDE00");

    store.commit(Changes.builder().activity(List.of(bounced)).build());

    assertThat(store.activity().list(ada.id()))
        .singleElement()
        .extracting(EnrollmentEvent::detail)
        .isEqualTo("550 mailbox \uFFFD unknown \uD83D\uDE00");
  }
}
