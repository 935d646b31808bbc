package dev.nudge.jdbc;

import dev.nudge.spi.store.Checkpoints;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The {@code nudge_checkpoint} table: named values changed by compare-and-set. */
final class JdbcCheckpoints implements Checkpoints {
  private static final String GET = "SELECT content FROM nudge_checkpoint WHERE name = ?";
  private static final String INSERT = "INSERT INTO nudge_checkpoint (name, content) VALUES (?, ?)";
  private static final String REPLACE =
      "UPDATE nudge_checkpoint SET content = ? WHERE name = ? AND content = ?";

  private final Tx tx;
  private final Dialect dialect;

  JdbcCheckpoints(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
  }

  @Override
  public Optional<String> get(String key) {
    return tx.read(
        "read a checkpoint",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public boolean compareAndSet(String key, @Nullable String expected, String value) {
    return tx.read(
        "write a checkpoint",
        c -> {
          if (expected == null) {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
              ps.setString(1, key);
              ps.setString(2, value);
              return ps.executeUpdate() == 1;
            } catch (SQLException e) {
              if (dialect.isDuplicate(e)) {
                return false;
              }
              throw e;
            }
          }
          try (PreparedStatement ps = c.prepareStatement(REPLACE)) {
            ps.setString(1, value);
            ps.setString(2, key);
            ps.setString(3, expected);
            return ps.executeUpdate() == 1;
          }
        });
  }
}
