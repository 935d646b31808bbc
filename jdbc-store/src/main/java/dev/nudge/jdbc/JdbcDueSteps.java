package dev.nudge.jdbc;

import dev.nudge.EnrollmentId;
import dev.nudge.spi.store.Claim;
import dev.nudge.spi.store.DueSteps;
import java.sql.PreparedStatement;
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
  private final Tx tx;
  private final Dialect dialect;

  JdbcDueSteps(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  @Override
  public List<Claim> claim(String owner, Instant now, Duration lease, int limit) {
    List<Dialect.Claimed> rows =
        tx.write("claim due steps", c -> dialect.claim(c, owner, now, lease, limit));
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
