package dev.nudge.jdbc;

import dev.nudge.EnrollmentId;
import dev.nudge.StoreException;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.DueSteps;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Claims due enrollments with a lease and a fencing token, through the dialect's claim; renews and
 * releases them. On PostgreSQL and MariaDB due and lease times are the database's.
 */
final class JdbcDueSteps implements DueSteps {
  /** Claims rolled back to end a deadlock are tried this many times in all. */
  private static final int CLAIM_ATTEMPTS = 3;

  private final Tx tx;
  private final Dialect dialect;

  JdbcDueSteps(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  @Override
  public List<Claim> claim(String owner, Instant now, Duration lease, int limit) {
    List<Dialect.Claimed> rows = List.of();
    for (int attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      try {
        rows = tx.write("claim due steps", c -> dialect.claim(c, owner, now, lease, limit));
        break;
      } catch (StoreException e) {
        if (!(e.getCause() instanceof SQLException s && dialect.isRolledBack(s))) {
          throw e;
        }
        // the database rolled the claim back to end a deadlock with another claimer (MariaDB
        // locks the gaps of the claim index): nothing was claimed; try again, and after the last
        // attempt claim nothing this poll
      }
    }
    List<Claim> claims = new ArrayList<>(rows.size());
    for (Dialect.Claimed r : rows) {
      claims.add(new Claim(new EnrollmentId(r.id()), r.dueAt(), owner, r.fence(), r.leaseUntil()));
    }
    claims.sort(Comparator.comparing(Claim::dueAt).thenComparing(k -> k.enrollmentId().toString()));
    return claims;
  }

  @Override
  public Optional<Claim> renew(Claim claim, Instant now, Duration lease) {
    return tx.read(
        "renew a lease",
        c -> {
          Instant until = dialect.clock(c, now).plus(lease);
          try (PreparedStatement ps = c.prepareStatement(DueRows.RENEW)) {
            dialect.setInstant(ps, 1, until);
            dialect.setId(ps, 2, claim.enrollmentId().value());
            ps.setLong(3, claim.fence());
            if (ps.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return Optional.of(
              new Claim(claim.enrollmentId(), claim.dueAt(), claim.owner(), claim.fence(), until));
        });
  }

  @Override
  public void release(Claim claim) {
    tx.read(
        "release a claim",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DueRows.RELEASE)) {
            dialect.setId(ps, 1, claim.enrollmentId().value());
            ps.setLong(2, claim.fence());
            return ps.executeUpdate();
          }
        });
  }
}
