package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema on each database: the migrator applies it once, also when nodes start together; a
 * store built without it on a database whose schema is missing or newer than the code is refused,
 * naming both versions; the files applied by hand, as Flyway or Liquibase would, make a schema the
 * store takes; and a migration that fails part way says what to do where the database keeps what it
 * made.
 */
class SchemaTest {

  private static List<DynamicTest> onEachDatabase(String name, Check check) {
    List<Supplier<TestDatabase>> databases =
        List.of(TestDatabase::h2Memory, TestDatabase::postgres, TestDatabase::mariadbOrSkip);
    List<String> names = List.of("H2", "PostgreSQL", "MariaDB");
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < databases.size(); i++) {
      Supplier<TestDatabase> database = databases.get(i);
      tests.add(
          DynamicTest.dynamicTest(
              name + " on " + names.get(i),
              () -> {
                try (TestDatabase db = database.get()) {
                  check.run(db);
                }
              }));
    }
    return tests;
  }

  @FunctionalInterface
  private interface Check {
    void run(TestDatabase db) throws Exception;
  }

  @TestFactory
  List<DynamicTest> missingSchema_withoutTheMigrator_isRefusedNamingBothVersions() {
    return onEachDatabase(
        "missing schema",
        db ->
            assertThatThrownBy(() -> JdbcStore.builder(db.dataSource()).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("version none")
                .hasMessageContaining("needs version " + Schema.VERSION)
                .hasMessageContaining("V1__nudge.sql"));
  }

  @TestFactory
  List<DynamicTest> newerSchema_isRefusedNamingBothVersions_withOrWithoutTheMigrator() {
    return onEachDatabase(
        "newer schema",
        db -> {
          db.store();
          exec(
              db,
              "INSERT INTO nudge_schema_version (version, applied_at) VALUES ("
                  + (Schema.VERSION + 1)
                  + ", CURRENT_TIMESTAMP)");

          for (boolean migrate : new boolean[] {false, true}) {
            assertThatThrownBy(
                    () -> JdbcStore.builder(db.dataSource()).migrateSchema(migrate).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("version " + (Schema.VERSION + 1))
                .hasMessageContaining("newer than version " + Schema.VERSION);
          }
        });
  }

  @TestFactory
  List<DynamicTest> tablesWhoseVersionRowIsGone_areRefused_withOrWithoutTheMigrator_andKept() {
    return onEachDatabase(
        "tables without their version",
        db -> {
          db.store();
          exec(db, "INSERT INTO nudge_checkpoint (name, content) VALUES ('kept', 'x')");
          exec(db, "DELETE FROM nudge_schema_version");

          for (boolean migrate : new boolean[] {false, true}) {
            assertThatThrownBy(
                    () -> JdbcStore.builder(db.dataSource()).migrateSchema(migrate).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("nudge_schema_version records no version")
                .hasMessageContaining(
                    "INSERT INTO nudge_schema_version (version, applied_at) VALUES (1,");
          }
          exec(
              db,
              "INSERT INTO nudge_schema_version (version, applied_at) VALUES (1,"
                  + " CURRENT_TIMESTAMP)");
          JdbcStore store = db.store();
          assertThat(versionRows(db)).containsExactly(Schema.VERSION);
          assertThat(store.checkpoints().get("kept")).contains("x");
        });
  }

  @TestFactory
  List<DynamicTest> nodesMigratingAtOnce_applyTheSchemaOnce() {
    return onEachDatabase(
        "four nodes at once",
        db -> {
          int nodes = 4;
          CyclicBarrier start = new CyclicBarrier(nodes);
          ExecutorService pool = Executors.newFixedThreadPool(nodes);
          try {
            List<Future<JdbcStore>> stores = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
              stores.add(
                  pool.submit(
                      () -> {
                        start.await();
                        return JdbcStore.builder(db.dataSource()).migrateSchema(true).build();
                      }));
            }
            for (Future<JdbcStore> store : stores) {
              assertThat(store.get(60, TimeUnit.SECONDS)).isNotNull();
            }
          } finally {
            pool.shutdownNow();
          }
          db.store();

          assertThat(versionRows(db)).containsExactly(Schema.VERSION);
        });
  }

  @TestFactory
  List<DynamicTest> filesAppliedByHand_makeASchemaTheStoreTakesWithoutTheMigrator() {
    return onEachDatabase(
        "files applied by hand",
        db -> {
          String file =
              "dev/nudge/jdbc/schema/"
                  + db.dialect.name().toLowerCase(Locale.ROOT)
                  + "/V1__nudge.sql";
          for (String sql : Schema.statements(Schema.read(file))) {
            exec(db, sql);
          }

          JdbcStore.builder(db.dataSource()).build();
          JdbcStore.builder(db.dataSource()).migrateSchema(true).build();

          assertThat(versionRows(db)).containsExactly(Schema.VERSION);
        });
  }

  @TestFactory
  List<DynamicTest> migrationFailingPartWay_saysWhatToDoWhereTheDatabaseKeepsWhatItMade() {
    return onEachDatabase(
        "a table in the way",
        db -> {
          // a table of the host's with the name of one of the schema's last tables
          exec(db, "CREATE TABLE nudge_checkpoint (other_column INT)");

          if (db.dialect == JdbcDialect.POSTGRESQL) {
            assertThatThrownBy(() -> db.store()).isInstanceOf(StoreException.class);
            exec(db, "DROP TABLE nudge_checkpoint");
            db.store();
            assertThat(versionRows(db)).containsExactly(Schema.VERSION);
          } else {
            assertThatThrownBy(() -> db.store())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed part way")
                .hasMessageContaining("drop the nudge_ tables it left, then try again");
          }
        });
  }

  @Test
  void postgresSearchPathNamingNoSchemaThatExists_isRefusedNamingIt() {
    String url = System.getProperty("nudge.test.postgres.url");
    String base = url != null && !url.isBlank() ? url : TestDatabase.embeddedUrl();
    String missing = TestDatabase.unique();
    try (HikariDataSource ds =
        TestDatabase.pool(
            base + (base.contains("?") ? "&" : "?") + "currentSchema=" + missing, "SELECT 1", 2)) {
      assertThatThrownBy(() -> JdbcStore.builder(ds).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(missing)
          .hasMessageContaining("create it, or correct currentSchema");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"REPEATABLE READ", "SERIALIZABLE"})
  void postgresSessionsAboveReadCommitted_areRefusedNamingTheLevel(String level) {
    try (TestDatabase db = TestDatabase.postgres();
        HikariDataSource strict =
            TestDatabase.pool(
                db.dataSource.getJdbcUrl(),
                "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + level,
                2)) {
      assertThatThrownBy(() -> JdbcStore.builder(strict).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("run at " + level)
          .hasMessageContaining("give the store a pool at READ COMMITTED");
      assertThatThrownBy(() -> JdbcStore.builder(db.dataSource()).build())
          .hasMessageContaining("version none");
    }
  }

  @Test
  void h2SessionsAboveReadCommitted_areRefusedNamingTheLevel() {
    try (TestDatabase db = TestDatabase.h2Memory();
        HikariDataSource strict =
            TestDatabase.pool(
                db.dataSource.getJdbcUrl(),
                "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                2)) {
      assertThatThrownBy(() -> JdbcStore.builder(strict).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("H2 sessions run at REPEATABLE READ")
          .hasMessageContaining("give the store a pool at READ COMMITTED");
    }
  }

  @Test
  void mariadbSessions_atReadCommittedOrRepeatableRead_areTaken_atSerializableRefused() {
    try (TestDatabase db = TestDatabase.mariadbOrSkip();
        HikariDataSource readCommitted =
            TestDatabase.pool(
                db.dataSource.getJdbcUrl(), "SET SESSION tx_isolation = 'READ-COMMITTED'", 2);
        HikariDataSource serializable =
            TestDatabase.pool(
                db.dataSource.getJdbcUrl(), "SET SESSION tx_isolation = 'SERIALIZABLE'", 2)) {
      assertThatThrownBy(() -> JdbcStore.builder(serializable).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("MariaDB sessions run at SERIALIZABLE")
          .hasMessageContaining("REPEATABLE READ, MariaDB's default, or READ COMMITTED");

      assertThat(JdbcStore.builder(readCommitted).migrateSchema(true).build()).isNotNull();
      assertThat(JdbcStore.builder(db.dataSource()).build()).isNotNull();
    }
  }

  @Test
  void mariadbSessionsWithoutAStrictSqlMode_areRefusedNamingIt_beforeAnyTableIsMade() {
    try (TestDatabase db = TestDatabase.mariadbOrSkip();
        HikariDataSource lax =
            TestDatabase.pool(
                db.dataSource.getJdbcUrl(), "SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'", 2);
        HikariDataSource strictAll =
            TestDatabase.pool(
                db.dataSource.getJdbcUrl(), "SET SESSION sql_mode = 'STRICT_ALL_TABLES'", 2)) {
      assertThatThrownBy(() -> JdbcStore.builder(lax).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("sql_mode 'NO_ENGINE_SUBSTITUTION'")
          .hasMessageContaining("add STRICT_TRANS_TABLES");
      assertThatThrownBy(() -> JdbcStore.builder(db.dataSource()).build())
          .hasMessageContaining("version none");

      assertThat(JdbcStore.builder(strictAll).migrateSchema(true).build()).isNotNull();
    }
  }

  @Test
  void postgresTextColumnsInAnIndex_compareByteByByte_whateverTheDatabasesCollation()
      throws SQLException {
    try (TestDatabase db = TestDatabase.postgres()) {
      db.store();
      Map<String, String> collations = new TreeMap<>();
      try (Connection c = db.dataSource().getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT t.relname || '.' || a.attname, COALESCE(co.collname, '(default)')"
                      + " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
                      + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (i.indkey)"
                      + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                      + " WHERE t.relnamespace = current_schema()::regnamespace"
                      + " AND t.relname LIKE 'nudge%'"
                      + " AND a.atttypid IN ('varchar'::regtype, 'text'::regtype)");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          collations.put(rs.getString(1), rs.getString(2));
        }
      }
      // the database's default collation (en_US.UTF-8 on many servers) would order and match by
      // its locale, unlike core and the other stores
      assertThat(collations)
          .containsKeys(
              "nudge_enrollment.candidate_id",
              "nudge_enrollment.primary_address",
              "nudge_enrollment_order.name_key",
              "nudge_enrollment_address.address",
              "nudge_message_id.message_id",
              "nudge_suppression.entry",
              "nudge_mailbox.address",
              "nudge_inbound.msg_key")
          .allSatisfy((column, collation) -> assertThat(collation).as(column).isEqualTo("C"));
    }
  }

  @Test
  void postgresReadOnlySessions_areRefusedBeforeAnythingIsWritten() {
    try (TestDatabase db = TestDatabase.postgres();
        HikariDataSource readOnlyPool = readOnly(db.dataSource.getJdbcUrl());
        HikariDataSource readOnlyServer =
            TestDatabase.pool(
                db.dataSource.getJdbcUrl(),
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
                2)) {
      // pgjdbc makes a read-only connection's statements read-only only outside autocommit: a
      // store built on it would take some writes and refuse the rest
      assertThatThrownBy(() -> JdbcStore.builder(readOnlyPool).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("PostgreSQL connections are read-only")
          .hasMessageContaining("give the store a pool that writes");
      // a replica, or default_transaction_read_only
      assertThatThrownBy(() -> JdbcStore.builder(readOnlyServer).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("PostgreSQL connections are read-only");
      assertThatThrownBy(() -> JdbcStore.builder(db.dataSource()).build())
          .hasMessageContaining("version none");
    }
  }

  @Test
  void postgresPoolsWhoseDriverIgnoresTheReadOnlyFlag_write_andAreTaken() throws SQLException {
    try (TestDatabase db = TestDatabase.postgres();
        HikariDataSource ignored = readOnly(db.dataSource.getJdbcUrl() + "&readOnlyMode=ignore")) {
      assertThat(JdbcStore.builder(ignored).migrateSchema(true).build()).isNotNull();
      assertThat(versionRows(db)).containsExactly(Schema.VERSION);
    }
  }

  @Test
  void mariadbReadOnlyPoolsAndSessions_areRefusedBeforeAnythingIsWritten() {
    try (TestDatabase maria = TestDatabase.mariadbOrSkip();
        HikariDataSource mariaReadOnly = readOnly(maria.dataSource.getJdbcUrl());
        HikariDataSource readOnlySession =
            TestDatabase.pool(
                maria.dataSource.getJdbcUrl(), "SET SESSION TRANSACTION READ ONLY", 2)) {
      assertThatThrownBy(() -> JdbcStore.builder(mariaReadOnly).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("MariaDB connections are read-only");
      assertThatThrownBy(() -> JdbcStore.builder(readOnlySession).migrateSchema(true).build())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("MariaDB connections are read-only");
      assertThatThrownBy(() -> JdbcStore.builder(maria.dataSource()).build())
          .hasMessageContaining("version none");
    }
  }

  @Test
  void aMariadbServerSetReadOnly_refusesAUserItKeepsFromWriting_andTakesOneWithTheRight()
      throws SQLException {
    try (TestDatabase maria = TestDatabase.mariadbOrSkip()) {
      String url = maria.dataSource.getJdbcUrl();
      String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
      String user = "nudge_" + database.toLowerCase(Locale.ROOT);
      exec(maria, "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'not-a-secret'");
      exec(maria, "GRANT ALL ON " + database + ".* TO '" + user + "'@'%'");
      try (HikariDataSource plainUser =
          TestDatabase.pool(
              url.substring(0, url.indexOf('?')) + "?user=" + user + "&password=not-a-secret",
              maria.dataSource.getConnectionInitSql(),
              2)) {
        exec(maria, "SET GLOBAL read_only = ON");

        // no schema yet: the migrator's first statement is refused, and nothing is made
        assertThatThrownBy(() -> JdbcStore.builder(plainUser).migrateSchema(true).build())
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("MariaDB connections are read-only");
        assertThatThrownBy(() -> JdbcStore.builder(maria.dataSource()).build())
            .hasMessageContaining("version none");

        // the root user writes through read_only: its store is built, with the schema
        assertThat(JdbcStore.builder(maria.dataSource()).migrateSchema(true).build()).isNotNull();

        // with the schema there, the plain user is refused when the store is built
        assertThatThrownBy(() -> JdbcStore.builder(plainUser).build())
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("MariaDB connections are read-only");

        exec(maria, "SET GLOBAL read_only = OFF");
        assertThat(JdbcStore.builder(plainUser).build()).isNotNull();
      } finally {
        exec(maria, "SET GLOBAL read_only = OFF");
        exec(maria, "DROP USER '" + user + "'@'%'");
      }
    }
  }

  private static HikariDataSource readOnly(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setReadOnly(true);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setPoolName("test-read-only");
    return new HikariDataSource(config);
  }

  private static List<Integer> versionRows(TestDatabase db) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM nudge_schema_version")) {
      List<Integer> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
      return versions;
    }
  }

  private static void exec(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
