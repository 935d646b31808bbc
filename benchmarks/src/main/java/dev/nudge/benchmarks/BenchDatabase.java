package dev.nudge.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database for one benchmark run: a schema of its own on the machine's PostgreSQL ({@code
 * -Dnudge.bench.postgres.url}, by default {@code 127.0.0.1:5432/test}, else an embedded one), or a
 * new H2 file under {@code target/}.
 */
final class BenchDatabase implements AutoCloseable {
  static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  final String name;
  final HikariDataSource dataSource;
  private final Runnable drop;

  private BenchDatabase(String name, HikariDataSource dataSource, Runnable drop) {
    this.name = name;
    this.dataSource = dataSource;
    this.drop = drop;
  }

  static BenchDatabase open(String kind, int poolSize) throws IOException {
    if (kind.equals("h2")) {
      Path dir = Files.createTempDirectory(Path.of("target"), "bench-h2");
      String url = "jdbc:h2:file:" + dir.resolve("nudge").toAbsolutePath() + ";WRITE_DELAY=0";
      return new BenchDatabase("H2 (file)", pool(url, poolSize), () -> {});
    }
    String base = System.getProperty("nudge.bench.postgres.url", DEFAULT_PG);
    String name = "PostgreSQL (" + base.replaceAll("\\?.*", "") + ")";
    if (!reachable(base)) {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      base = pg.getJdbcUrl("postgres", "postgres");
      name = "PostgreSQL (embedded)";
    }
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    exec(base, "CREATE SCHEMA " + schema);
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    String b = base;
    return new BenchDatabase(
        name, pool(url, poolSize), () -> exec(b, "DROP SCHEMA " + schema + " CASCADE"));
  }

  private static boolean reachable(String url) {
    try (HikariDataSource ds = pool(url, 1);
        Connection c = ds.getConnection()) {
      return c.isValid(2);
    } catch (RuntimeException | SQLException e) {
      return false;
    }
  }

  static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  static void exec(String url, String sql) {
    try (HikariDataSource ds = pool(url, 1);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql, e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
    drop.run();
  }
}
