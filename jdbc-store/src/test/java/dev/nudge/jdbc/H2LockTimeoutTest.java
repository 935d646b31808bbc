package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.EmailAddress;
import dev.nudge.Suppression;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.ConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * H2 gives up waiting for another transaction's row lock after its lock timeout, one second unless
 * the URL sets another: less than a large import takes on a busy machine. The commit that gave up
 * wrote nothing; it is refused as a concurrent change, which the engine decides again on fresh
 * reads, not as a failure of the store.
 */
class H2LockTimeoutTest {
  private static final Instant AT = Instant.parse("2026-03-02T14:00:00Z");

  @Test
  void commitThatWaitedLongerThanTheLockTimeout_isAConflict_andWroteNothing() throws Exception {
    try (TestDatabase db = TestDatabase.h2Memory()) {
      JdbcStore store = db.store();
      EmailAddress address = EmailAddress.of("ada@example.com");
      Changes importing =
          Changes.builder()
              .suppress(Suppression.ofAddress(address, AT, "import"))
              .suppress(Suppression.ofAddress(EmailAddress.of("grace@example.com"), AT, "import"))
              .build();

      try (Connection other = db.dataSource().getConnection()) {
        other.setAutoCommit(false);
        holdRowLock(other, address.key());

        assertThatThrownBy(() -> store.commit(importing))
            .isInstanceOf(ConflictException.class)
            .extracting(e -> ((ConflictException) e).kind())
            .isEqualTo(ConflictException.Kind.VERSION);
        assertThat(store.suppressions().find(EmailAddress.of("grace@example.com")))
            .as("nothing of the refused commit was written")
            .isEmpty();
        other.rollback();
      }

      store.commit(importing);
      assertThat(store.suppressions().find(address)).isPresent();
    }
  }

  /** Another transaction, still open, writes the suppression entry of {@code key}. */
  private static void holdRowLock(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO nudge_suppression (scope, entry, added_at, reason)"
                + " VALUES ('ADDRESS', ?, ?, 'other')")) {
      ps.setString(1, key);
      ps.setTimestamp(2, Timestamp.from(AT));
      ps.executeUpdate();
    }
  }
}
