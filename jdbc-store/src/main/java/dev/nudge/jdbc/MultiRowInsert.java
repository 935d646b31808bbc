package dev.nudge.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Inserts many rows in few statements, {@value #ROWS} rows per {@code INSERT ... VALUES (...),
 * (...)}: one statement to parse, plan and run per chunk rather than per row.
 *
 * @param <T> what a row is made of
 */
final class MultiRowInsert<T> {
  /**
   * The most rows one statement inserts: an {@code enrollAll} call of 1,000 candidates goes in two
   * statements a table. 100 rows a statement cost PostgreSQL and the engine more time a candidate
   * (benchmarks/HISTORY.md); every database takes this many parameters in one statement.
   */
  static final int ROWS = 500;

  /** Binds one row's parameters, starting at {@code first}; returns the next free index. */
  @FunctionalInterface
  interface Binder<T> {
    int bind(PreparedStatement ps, int first, T row) throws SQLException;
  }

  private final IntFunction<String> sql;
  private final Binder<T> binder;
  private final String full;

  /**
   * @param sql the statement that inserts a given number of rows
   * @param binder binds one row
   */
  MultiRowInsert(IntFunction<String> sql, Binder<T> binder) {
    this.sql = sql;
    this.binder = binder;
    this.full = sql.apply(ROWS);
  }

  /** A plain insert: {@code INSERT INTO table (columns) VALUES row, row, ...}. */
  static String values(String table, String columns, String row, int rows) {
    StringBuilder sb =
        new StringBuilder(64 + rows * (row.length() + 2))
            .append("INSERT INTO ")
            .append(table)
            .append(" (")
            .append(columns)
            .append(") VALUES ");
    for (int i = 0; i < rows; i++) {
      sb.append(i == 0 ? "" : ", ").append(row);
    }
    return sb.toString();
  }

  /** Inserts the rows; returns how many the statements reported inserted. */
  int run(Connection c, List<T> rows) throws SQLException {
    int inserted = 0;
    for (int from = 0; from < rows.size(); from += ROWS) {
      int n = Math.min(ROWS, rows.size() - from);
      try (PreparedStatement ps = c.prepareStatement(n == ROWS ? full : sql.apply(n))) {
        int i = 1;
        for (T row : rows.subList(from, from + n)) {
          i = binder.bind(ps, i, row);
        }
        inserted += ps.executeUpdate();
      }
    }
    return inserted;
  }
}
