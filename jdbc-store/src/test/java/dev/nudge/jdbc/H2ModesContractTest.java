package dev.nudge.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * The storage contract on H2 in memory in each compatibility mode the store is built on besides
 * H2's own: a host whose tests run H2 as PostgreSQL or MySQL may give the store the same database.
 */
class H2ModesContractTest {
  /** One database for each mode, shared by its tests. */
  private static final Map<String, TestDatabase> DATABASES = new ConcurrentHashMap<>();

  @AfterAll
  static void close() {
    DATABASES.values().forEach(TestDatabase::close);
  }

  /** The contract on H2 in one mode. */
  abstract static class InMode extends JdbcContractSuite {
    private final String mode;

    InMode(String mode) {
      this.mode = mode;
    }

    @Override
    TestDatabase database() {
      return DATABASES.computeIfAbsent(mode, TestDatabase::h2Memory);
    }
  }

  @Nested
  class PostgreSqlMode extends InMode {
    PostgreSqlMode() {
      super("PostgreSQL");
    }
  }

  @Nested
  class MySqlMode extends InMode {
    MySqlMode() {
      super("MySQL");
    }
  }

  @Nested
  class MariaDbMode extends InMode {
    MariaDbMode() {
      super("MariaDB");
    }
  }

  @Nested
  class LegacyMode extends InMode {
    LegacyMode() {
      super("LEGACY");
    }
  }
}
