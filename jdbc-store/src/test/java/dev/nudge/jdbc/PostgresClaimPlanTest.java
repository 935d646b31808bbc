package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.EnrollResult;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.Wait;
import dev.nudge.spi.transport.SendResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A claim on PostgreSQL reads the claim index only as far as what is due. Most of a real store's
 * enrollments wait days for their next step, and every node polls every second: a claim that read
 * the whole index each time would cost the database more the larger the store, with nothing to
 * send.
 */
class PostgresClaimPlanTest {
  private static final TestDatabase DB = TestDatabase.postgres();

  @AfterAll
  static void close() {
    DB.close();
  }

  @Test
  void aClaimWhenNothingIsDue_stopsAtTheFirstRowNotDue_byTheDatabasesClock() throws Exception {
    enrollWaitingThreeDays(3_000);

    String plan;
    try (Connection c = DB.dataSource().getConnection()) {
      // the statistics the store's refresh during a large import, or autovacuum, keeps
      try (PreparedStatement ps = c.prepareStatement("ANALYZE nudge_due")) {
        ps.execute();
      }
      c.setAutoCommit(false);
      try {
        // EXPLAIN ANALYZE runs the claim: it takes nothing here, and is rolled back anyway
        try (PreparedStatement ps =
            c.prepareStatement("EXPLAIN (ANALYZE) " + PostgresDialect.claimSql(true))) {
          ps.setString(1, "plan-node");
          ps.setDouble(2, 300);
          ps.setInt(3, 100);
          StringBuilder text = new StringBuilder();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              text.append(rs.getString(1)).append('\n');
            }
          }
          plan = text.toString();
        }
      } finally {
        c.rollback();
      }
    }

    assertThat(plan)
        .as("the claim's plan")
        .contains("nudge_due_claimable")
        // the time read once is a parameter of the index scan ($0, or (InitPlan 1).col1 from
        // PostgreSQL 17 on)
        .contains("Index Cond: (due_at <= ")
        .doesNotContain("Rows Removed by Filter");
  }

  @Test
  void aClaim_rewritesItsRowsInPlace_soItAddsNoIndexEntry() throws Exception {
    enrollWaitingThreeDays(200);
    try (HikariDataSource fresh = DB.newPool(1);
        Connection c = fresh.getConnection()) {
      c.setAutoCommit(false);
      try {
        // the engine's time, four days on: the steps are due
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(4);
        int claimed = 0;
        try (PreparedStatement ps = c.prepareStatement(PostgresDialect.claimSql(false))) {
          ps.setString(1, "hot-node");
          ps.setObject(2, later);
          ps.setDouble(3, 300);
          ps.setObject(4, later);
          ps.setObject(5, later);
          ps.setInt(6, 100);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              claimed++;
            }
          }
        }
        assertThat(claimed).isEqualTo(100);
        // counted in this transaction, on a connection that did nothing before it
        try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT pg_stat_get_xact_tuples_updated('nudge_due'::regclass),"
                        + " pg_stat_get_xact_tuples_hot_updated('nudge_due'::regclass)");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).as("rows updated").isEqualTo(100);
          assertThat(rs.getLong(2)).as("rows updated in place (HOT)").isEqualTo(100);
        }
      } finally {
        c.rollback();
      }
    }
  }

  private static void enrollWaitingThreeDays(int candidates) {
    try (Nudge nudge =
        Nudge.builder()
            .store(DB.store())
            .mailTransport(e -> SendResult.accepted())
            .nodeId("plan")
            .build()) {
      nudge.registerMailbox(SenderMailbox.of("ada@acme.example", "Ada").withDailyCap(10_000));
      Campaign c =
          nudge.createCampaign(
              CampaignDefinition.builder("Backend engineers", "ada@acme.example")
                  .email(Wait.of(Duration.ofDays(3)), "Hello {{firstName}}", "Hi {{firstName}}")
                  .build());
      nudge.startCampaign(c.id());
      List<Candidate> list = new ArrayList<>();
      for (int i = 0; i < candidates; i++) {
        String id = c.id() + "-" + i;
        list.add(Candidate.builder(id, "Candidate " + i, id + "@example.com").build());
      }
      assertThat(nudge.enrollAll(c.id(), list)).allMatch(EnrollResult::isEnrolled);
    }
  }
}
