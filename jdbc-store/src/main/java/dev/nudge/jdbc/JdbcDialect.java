package dev.nudge.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** The databases {@link JdbcStore} works with. Detected from the connection unless given. */
public enum JdbcDialect {
  /** H2 2.x: the embedded default, one node. */
  H2,
  /** PostgreSQL 13 or later: several engines on one database. */
  POSTGRESQL,
  /** MariaDB 10.6 or later. */
  MARIADB;

  /**
   * The dialect of a database, from its product name.
   *
   * @throws IllegalArgumentException naming the product when it is not supported
   */
  static JdbcDialect of(DatabaseMetaData meta) throws SQLException {
    String product = meta.getDatabaseProductName();
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return H2;
    }
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return MARIADB;
    }
    throw new IllegalArgumentException(
        "database '" + product + "' is not supported: use H2, PostgreSQL or MariaDB");
  }

  /** The strategy that holds this database's SQL differences. */
  Dialect strategy(boolean engineClock) {
    return strategy().withEngineClock(engineClock);
  }

  private Dialect strategy() {
    return switch (this) {
      case H2 -> new H2Dialect();
      case POSTGRESQL -> new PostgresDialect();
      case MARIADB -> new MariaDbDialect();
    };
  }
}
