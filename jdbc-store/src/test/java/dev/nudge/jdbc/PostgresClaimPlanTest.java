package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
    int waiting = 3_000;
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
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < waiting; i++) {
        candidates.add(
            Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      }
      assertThat(nudge.enrollAll(c.id(), candidates)).allMatch(EnrollResult::isEnrolled);
    }

    String plan;
    try (Connection c = DB.dataSource().getConnection()) {
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
        .contains("Index Cond: (claimable_at <= ")
        .doesNotContain("Rows Removed by Filter");
  }
}
