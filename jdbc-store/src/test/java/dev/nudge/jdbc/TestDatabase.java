package dev.nudge.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A database of its own for one test class: H2 in memory or in a file; PostgreSQL — the server
 * named by {@code -Dnudge.test.postgres.url}, else an embedded one; MariaDB — the server named by
 * {@code -Dnudge.test.mariadb.url}, else none (its tests are skipped). Pools use a session time
 * zone unlike the JVM's, so that no time is read through a local zone.
 */
final class TestDatabase implements AutoCloseable {
  /** The tables of the schema, children first. */
  static final List<String> TABLES =
      List.of(
          "nudge_activity",
          "nudge_message_id",
          "nudge_enrollment_address",
          "nudge_due",
          "nudge_enrollment_order",
          "nudge_enrollment",
          "nudge_campaign",
          "nudge_suppression",
          "nudge_mailbox",
          "nudge_checkpoint",
          "nudge_inbound");

  private static @Nullable EmbeddedPostgres embedded;

  final JdbcDialect dialect;
  final HikariDataSource dataSource;
  private final @Nullable Runnable drop;

  private TestDatabase(JdbcDialect dialect, HikariDataSource dataSource, @Nullable Runnable drop) {
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.drop = drop;
  }

  static String unique() {
    return "nudge_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static TestDatabase h2Memory() {
    return new TestDatabase(
        JdbcDialect.H2,
        pool("jdbc:h2:mem:" + unique() + ";DB_CLOSE_DELAY=-1", "SET TIME ZONE 'Asia/Tokyo'", 8),
        null);
  }

  /** H2 in memory in one of its compatibility modes ({@code MODE=...}). */
  static TestDatabase h2Memory(String mode) {
    return new TestDatabase(
        JdbcDialect.H2,
        pool(
            "jdbc:h2:mem:" + unique() + ";DB_CLOSE_DELAY=-1;MODE=" + mode,
            "SET TIME ZONE 'Asia/Tokyo'",
            8),
        null);
  }

  static TestDatabase h2File(Path dir) {
    return new TestDatabase(
        JdbcDialect.H2,
        pool(
            "jdbc:h2:file:" + dir.resolve("nudge").toAbsolutePath() + ";WRITE_DELAY=0",
            "SET TIME ZONE 'Asia/Tokyo'",
            8),
        null);
  }

  /** The PostgreSQL server given by property, else an embedded one; a schema of its own. */
  static TestDatabase postgres() {
    String url = System.getProperty("nudge.test.postgres.url");
    String schema = unique();
    String base = url != null && !url.isBlank() ? url : embeddedUrl();
    exec(base, "CREATE SCHEMA " + schema);
    String withSchema = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new TestDatabase(
        JdbcDialect.POSTGRESQL,
        pool(withSchema, "SET TIME ZONE 'Pacific/Auckland'", 12),
        () -> exec(base, "DROP SCHEMA " + schema + " CASCADE"));
  }

  /** The MariaDB server given by property, in a database of its own; empty when none is given. */
  static Optional<TestDatabase> mariadb() {
    String url = System.getProperty("nudge.test.mariadb.url");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String database = unique();
    exec(url, "CREATE DATABASE " + database);
    int slash = url.indexOf('/', "jdbc:mariadb://".length());
    int query = url.indexOf('?');
    String withDb =
        url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    return Optional.of(
        new TestDatabase(
            JdbcDialect.MARIADB,
            pool(withDb, "SET time_zone = '+09:00'", 12),
            () -> exec(url, "DROP DATABASE " + database)));
  }

  /** Whether a MariaDB server was named; its tests are skipped otherwise. */
  /**
   * A fresh database on the MariaDB server named by {@code -Dnudge.test.mariadb.url}; the test is
   * skipped, and reported as skipped, when none is named.
   */
  static TestDatabase mariadbOrSkip() {
    assumeTrue(
        mariadbGiven(),
        "no MariaDB server named: run with -Dnudge.test.mariadb.url=jdbc:mariadb://host/db?user=..");
    return mariadb().orElseThrow();
  }

  static boolean mariadbGiven() {
    String url = System.getProperty("nudge.test.mariadb.url");
    return url != null && !url.isBlank();
  }

  static synchronized String embeddedUrl() {
    try {
      if (embedded == null) {
        embedded = EmbeddedPostgres.builder().start();
      }
      return embedded.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
    }
  }

  static HikariDataSource pool(String url, String sessionSql, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setConnectionInitSql(sessionSql);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    config.setPoolName(
        "test-" + url.substring(5, Math.min(url.length(), 25)).toLowerCase(Locale.ROOT));
    return new HikariDataSource(config);
  }

  static void exec(String url, String sql) {
    try (HikariDataSource ds = pool(url, "SELECT 1", 1);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql, e);
    }
  }

  /** Another pool on the same database (and schema), as another node would have. */
  HikariDataSource newPool(int size) {
    return pool(dataSource.getJdbcUrl(), dataSource.getConnectionInitSql(), size);
  }

  /** A store on this database; the schema is created the first time. */
  JdbcStore store() {
    return JdbcStore.builder(dataSource).migrateSchema(true).build();
  }

  /** A store whose claims compare with the engine's (settable) clock. */
  JdbcStore storeOnEngineClock() {
    return JdbcStore.builder(dataSource).migrateSchema(true).useEngineClock().build();
  }

  /** Deletes every row, keeping the schema. */
  void truncate() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("not found")
          && !String.valueOf(e.getMessage()).contains("does not exist")
          && !String.valueOf(e.getMessage()).contains("doesn't exist")) {
        throw new IllegalStateException("could not empty the tables", e);
      }
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
    if (drop != null) {
      drop.run();
    }
  }
}
