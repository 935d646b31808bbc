package dev.nudge.jdbc;

import dev.nudge.EmailAddress;
import dev.nudge.Suppression;
import dev.nudge.spi.store.SuppressionList;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The {@code nudge_suppression} table; entries are added by commits. */
final class JdbcSuppressions implements SuppressionList {
  private static final String FIND =
      "SELECT scope, entry, added_at, reason FROM nudge_suppression"
          + " WHERE (scope = 'ADDRESS' AND entry = ?) OR (scope = 'DOMAIN' AND entry = ?)"
          + " ORDER BY scope";
  private static final String FIND_ALL =
      "SELECT scope, entry, added_at, reason FROM nudge_suppression ORDER BY added_at, entry";
  private static final String REMOVE =
      "DELETE FROM nudge_suppression WHERE scope = ? AND entry = ?";

  private final Tx tx;
  private final Dialect dialect;

  JdbcSuppressions(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  @Override
  public Optional<Suppression> find(EmailAddress address) {
    List<Suppression> found =
        tx.read(
            "read the suppression list",
            c -> {
              try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, address.key());
                ps.setString(2, address.domain());
                return list(ps);
              }
            });
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<Suppression> find(Collection<EmailAddress> addresses) {
    if (addresses.isEmpty()) {
      return List.of();
    }
    Set<String> keys = new LinkedHashSet<>();
    Set<String> domains = new LinkedHashSet<>();
    for (EmailAddress a : addresses) {
      keys.add(a.key());
      domains.add(a.domain());
    }
    return tx.read(
        "read the suppression list",
        c -> {
          List<Suppression> found = new ArrayList<>();
          for (List<String> chunk : JdbcEnrollments.chunks(new ArrayList<>(keys))) {
            found.addAll(find(c, "ADDRESS", chunk));
          }
          for (List<String> chunk : JdbcEnrollments.chunks(new ArrayList<>(domains))) {
            found.addAll(find(c, "DOMAIN", chunk));
          }
          return found;
        });
  }

  private List<Suppression> find(Connection c, String scope, List<String> entries)
      throws SQLException {
    String sql =
        "SELECT scope, entry, added_at, reason FROM nudge_suppression WHERE scope = ? AND entry IN ("
            + JdbcEnrollments.markers(entries.size())
            + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, scope);
      int i = 2;
      for (String e : entries) {
        ps.setString(i++, e);
      }
      return list(ps);
    }
  }

  @Override
  public List<Suppression> findAll() {
    return tx.read(
        "read the suppression list",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FIND_ALL)) {
            return list(ps);
          }
        });
  }

  @Override
  public boolean remove(Suppression.Scope scope, String value) {
    return tx.read(
        "remove a suppression",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(REMOVE)) {
            ps.setString(1, scope.name());
            ps.setString(2, value.toLowerCase(Locale.ROOT));
            return ps.executeUpdate() > 0;
          }
        });
  }

  private List<Suppression> list(PreparedStatement ps) throws SQLException {
    List<Suppression> found = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found.add(
            new Suppression(
                Suppression.Scope.valueOf(rs.getString("scope")),
                rs.getString("entry"),
                Objects.requireNonNull(dialect.getInstant(rs, "added_at")),
                rs.getString("reason")));
      }
    }
    return found;
  }
}
