package dev.nudge.jdbc;

import dev.nudge.StoreException;
import dev.nudge.spi.store.ConflictException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs work on a connection of the host's pool: reads with auto-commit, writes in one transaction
 * that is rolled back on any failure. A {@link SQLException} becomes a {@link StoreException} that
 * keeps it as the cause; nothing is half-written.
 */
final class Tx {
  private final DataSource dataSource;

  Tx(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs a read (or a single statement) with auto-commit. */
  <T> T read(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /** Runs writes in one transaction: all of them or none. */
  <T> T write(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      if (auto) {
        c.setAutoCommit(false);
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        if (auto) {
          restore(c);
        }
      }
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException r) {
      cause.addSuppressed(r);
    }
  }

  private static void restore(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the pool resets or discards the connection
    }
  }

  static StoreException failed(String what, SQLException e) {
    // a batch's exception quotes its statement with the values bound (addresses, the candidate's
    // data): keep the server's own error instead
    SQLException cause = e;
    if (e instanceof BatchUpdateException && e.getNextException() != null) {
      cause = e.getNextException();
    }
    return new StoreException(
        "the store could not " + what + " (SQL state " + cause.getSQLState() + ")", cause);
  }

  /**
   * Runs a batch of updates and returns how many rows each touched: compare-and-set updates, and
   * the row-by-row clearing of an erasure. A driver that does not report them (MariaDB with {@code
   * useBulkStmts=true}, for one) would make a lost race look like a win: it is refused.
   */
  static int[] counts(PreparedStatement batch) throws SQLException {
    int[] counts = batch.executeBatch();
    for (int n : counts) {
      if (n == Statement.SUCCESS_NO_INFO) {
        throw new SQLException(
            "the JDBC driver did not report the rows each update of a batch touched; the store"
                + " needs them (on MariaDB, leave useBulkStmts off)");
      }
    }
    return counts;
  }

  /** A conflict found by a statement that touched no row. */
  static ConflictException conflict(ConflictException.Kind kind, String message) {
    return new ConflictException(kind, message);
  }
}
