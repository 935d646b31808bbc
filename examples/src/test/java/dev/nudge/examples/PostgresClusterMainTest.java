package dev.nudge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cluster example on the PostgreSQL server named by {@code -Dnudge.test.postgres.url} (as CI
 * passes it), else on an embedded one; in a schema of its own.
 */
class PostgresClusterMainTest {
  @Test
  void twoEngines_sendEveryStepExactlyOnce() throws Exception {
    String given = System.getProperty("nudge.test.postgres.url");
    try (EmbeddedPostgres embedded =
        given == null || given.isBlank() ? EmbeddedPostgres.builder().start() : null) {
      String base = embedded != null ? embedded.getJdbcUrl("postgres", "postgres") : given;
      String schema = "nudge_ex_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      exec(base, "CREATE SCHEMA " + schema);
      try {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;

        Map<String, Integer> byEngine =
            PostgresClusterMain.run(url, new PrintStream(captured, true, StandardCharsets.UTF_8));

        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        int steps = 2 * PostgresClusterMain.CANDIDATES;
        assertThat(byEngine.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(steps);
        assertThat(out)
            .contains("distinct Message-IDs: " + steps + " of " + steps + " sends")
            .contains("step 1: " + PostgresClusterMain.CANDIDATES + " sent")
            .contains("step 2: " + PostgresClusterMain.CANDIDATES + " sent");
      } finally {
        exec(base, "DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static void exec(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
