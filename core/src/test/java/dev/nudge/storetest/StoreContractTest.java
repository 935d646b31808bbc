package dev.nudge.storetest;

import dev.nudge.spi.store.Store;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The storage contract [S24–S26]: every {@link Store} implementation extends this class once and
 * passes every test in it. Each test gets a fresh, empty store from {@link #newStore()}.
 *
 * <p>A store may compare due and lease times with its own clock (a database's), so the tests that
 * claim work pass the real current time and build due times relative to it, and test lease expiry
 * with short leases and short real sleeps. Every instant written is truncated to microseconds.
 */
public abstract class StoreContractTest {

  /** A fresh, empty store; called once for each test. */
  protected abstract Store newStore();

  /** Frees what {@link #newStore()} opened; called after each test. Does nothing by default. */
  protected void dispose(Store store) {}

  @Nested
  @DisplayName("campaigns")
  class Campaigns extends CampaignContract {
    Campaigns() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("enrollments")
  class Enrollments extends EnrollmentContract {
    Enrollments() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("enrollment lookups")
  class Lookups extends LookupContract {
    Lookups() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("atomic commits")
  class Atomicity extends AtomicityContract {
    Atomicity() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("candidates tab")
  class CandidatesTab extends CandidatesTabContract {
    CandidatesTab() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("statistics")
  class Statistics extends StatisticsContract {
    Statistics() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("due steps")
  class Due extends DueStepsContract {
    Due() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("suppression list")
  class Suppressions extends SuppressionContract {
    Suppressions() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("sender mailboxes")
  class Mailboxes extends MailboxContract {
    Mailboxes() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("activity log")
  class Activity extends ActivityLogContract {
    Activity() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("checkpoints")
  class Checkpoints extends CheckpointContract {
    Checkpoints() {
      super(StoreContractTest.this);
    }
  }

  @Nested
  @DisplayName("received mail")
  class Inbound extends InboundContract {
    Inbound() {
      super(StoreContractTest.this);
    }
  }
}
