package dev.nudge.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The storage contract on H2 in memory in each compatibility mode the store is built on besides
 * H2's own: a host whose tests run H2 as PostgreSQL or MySQL may give the store the same database.
 */
class H2ModesContractTest {
  @Nested
  class PostgreSqlMode extends JdbcContractSuite {
    static final TestDatabase DB = TestDatabase.h2Memory("PostgreSQL");

    @Override
    TestDatabase database() {
      return DB;
    }

    @AfterAll
    static void close() {
      DB.close();
    }
  }

  @Nested
  class MySqlMode extends JdbcContractSuite {
    static final TestDatabase DB = TestDatabase.h2Memory("MySQL");

    @Override
    TestDatabase database() {
      return DB;
    }

    @AfterAll
    static void close() {
      DB.close();
    }
  }

  @Nested
  class MariaDbMode extends JdbcContractSuite {
    static final TestDatabase DB = TestDatabase.h2Memory("MariaDB");

    @Override
    TestDatabase database() {
      return DB;
    }

    @AfterAll
    static void close() {
      DB.close();
    }
  }

  @Nested
  class LegacyMode extends JdbcContractSuite {
    static final TestDatabase DB = TestDatabase.h2Memory("LEGACY");

    @Override
    TestDatabase database() {
      return DB;
    }

    @AfterAll
    static void close() {
      DB.close();
    }
  }
}
