package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.StoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store is built only on an H2 database it can keep its promises on: in a file, one that writes
 * each commit before the commit returns, so that a crash loses no record of a send in flight; and
 * in a compatibility mode whose SQL it is tested in.
 */
class H2SessionTest {
  @TempDir Path dir;

  private String file(String name) {
    return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
  }

  @Test
  void aFileThatWritesCommitsAfterTheyReturn_isRefused_namingTheSettingAndTheCure() {
    try (HikariDataSource pool = TestDatabase.pool(file("late"), "SELECT 1", 2)) {
      assertThatThrownBy(() -> JdbcStore.builder(pool).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("up to 500 ms after the commit returns (WRITE_DELAY)")
          .hasMessageContaining("add ;WRITE_DELAY=0 to its JDBC URL");
    }
  }

  @Test
  void aFileThatWritesEachCommit_andADatabaseInMemory_areTaken() {
    try (HikariDataSource file = TestDatabase.pool(file("now") + ";WRITE_DELAY=0", "SELECT 1", 2);
        HikariDataSource memory =
            TestDatabase.pool("jdbc:h2:mem:" + TestDatabase.unique(), "SELECT 1", 2)) {
      assertThat(JdbcStore.builder(file).migrateSchema(true).build().dialect())
          .isEqualTo(JdbcDialect.H2);
      assertThat(JdbcStore.builder(memory).migrateSchema(true).build().dialect())
          .isEqualTo(JdbcDialect.H2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Oracle", "MSSQLServer", "Derby", "STRICT", "DB2"})
  void aModeWhoseSqlTheStoreDoesNotSpeak_isRefused_namingIt(String mode) {
    String url = "jdbc:h2:mem:" + TestDatabase.unique() + ";MODE=" + mode;
    try (HikariDataSource pool = TestDatabase.pool(url, "SELECT 1", 2)) {
      assertThatThrownBy(() -> JdbcStore.builder(pool).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("MODE=" + mode);
    }
  }

  @Test
  void aDatabaseComparingTextIgnoringCase_isRefused_namingTheSetting() {
    String url = "jdbc:h2:mem:" + TestDatabase.unique() + ";IGNORECASE=TRUE";
    try (HikariDataSource pool = TestDatabase.pool(url, "SELECT 1", 2)) {
      assertThatThrownBy(() -> JdbcStore.builder(pool).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("IGNORECASE=TRUE");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"REGULAR", "LEGACY", "PostgreSQL", "MySQL", "MariaDB"})
  void aModeTheStoreIsTestedIn_isTaken(String mode) {
    String url = "jdbc:h2:mem:" + TestDatabase.unique() + ";MODE=" + mode;
    try (HikariDataSource pool = TestDatabase.pool(url, "SELECT 1", 2)) {
      assertThat(JdbcStore.builder(pool).migrateSchema(true).build().dialect())
          .isEqualTo(JdbcDialect.H2);
    }
  }
}
