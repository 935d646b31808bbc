package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.EnrollResult;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.Wait;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A bulk enrollment refreshes PostgreSQL's planner statistics of the store's tables (the machine's
 * autovacuum may be off or behind), so that lookups by address keep using their index as the tables
 * grow; and the tables every send rewrites ask autovacuum to clear them early, and the store warns
 * when it will not.
 */
class PostgresStatisticsTest {
  private static final TestDatabase DB = TestDatabase.postgres();

  @AfterAll
  static void close() {
    DB.close();
  }

  @Test
  void enrollingThousands_refreshesTheStatistics_andLookupsStayOnTheirIndex() throws Exception {
    try (Nudge nudge =
        Nudge.builder()
            .store(DB.store())
            .mailTransport(e -> dev.nudge.spi.transport.SendResult.accepted())
            .nodeId("stats")
            .build()) {
      nudge.registerMailbox(SenderMailbox.of("ada@acme.example", "Ada").withDailyCap(10_000));
      Campaign c =
          nudge.createCampaign(
              CampaignDefinition.builder("Backend engineers", "ada@acme.example")
                  .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}")
                  .build());
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < (int) Statistics.FIRST; i++) {
        candidates.add(
            Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      }

      List<EnrollResult> results = nudge.enrollAll(c.id(), candidates);

      assertThat(results).allMatch(EnrollResult::isEnrolled);
    }
    try (Connection c = DB.dataSource().getConnection()) {
      assertThat(analyzed(c, "nudge_enrollment_address")).isTrue();
      assertThat(analyzed(c, "nudge_enrollment")).isTrue();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "EXPLAIN SELECT enrollment_id FROM nudge_enrollment_address WHERE address IN"
                      + " ('c1@example.com', 'c2@example.com')");
          ResultSet rs = ps.executeQuery()) {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
        assertThat(plan.toString()).doesNotContain("Seq Scan");
      }
    }
  }

  @Test
  void theTablesEverySendRewrites_areVacuumedAfterOnePercentOfTheirRowsChanged() throws Exception {
    DB.store();
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT relname, reloptions FROM pg_class WHERE oid IN"
                    + " (to_regclass('nudge_due'), to_regclass('nudge_enrollment'))"
                    + " ORDER BY relname");
        ResultSet rs = ps.executeQuery()) {
      List<String> options = new ArrayList<>();
      while (rs.next()) {
        options.add(rs.getString(1) + " " + rs.getString(2));
      }
      assertThat(options)
          .hasSize(2)
          .allMatch(o -> o.contains("autovacuum_vacuum_scale_factor=0.01"), "vacuumed at 1 %");
    }
  }

  @Test
  void aTableEverySendRewritesWithAutovacuumOff_isNamedInTheWarningWhenTheStoreIsBuilt()
      throws Exception {
    DB.store();
    try (Connection c = DB.dataSource().getConnection()) {
      boolean serverVacuums =
          "on".equals(Dialect.setting(c, "SHOW autovacuum"))
              && "on".equals(Dialect.setting(c, "SHOW track_counts"));
      String before = new PostgresDialect().upkeepWarning(c);
      if (serverVacuums) {
        assertThat(before).isNull();
      } else {
        assertThat(before).contains("autovacuum = off").doesNotContain("on nudge_due");
      }

      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE nudge_due SET (autovacuum_enabled = off)");
      }
      try {
        assertThat(new PostgresDialect().upkeepWarning(c))
            .contains("autovacuum_enabled = false on nudge_due")
            .doesNotContain("on nudge_enrollment")
            .contains("VACUUM (ANALYZE)");
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("ALTER TABLE nudge_due RESET (autovacuum_enabled)");
        }
      }
      assertThat(new PostgresDialect().upkeepWarning(c)).isEqualTo(before);
    }
  }

  private static boolean analyzed(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        // reltuples is -1 until a table is first analyzed (or vacuumed)
        return rs.next() && rs.getDouble(1) >= Statistics.FIRST - 1;
      }
    }
  }
}
