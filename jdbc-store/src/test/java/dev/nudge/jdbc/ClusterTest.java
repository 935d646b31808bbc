package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.StepTotals;
import dev.nudge.Wait;
import dev.nudge.spi.store.EnrollmentKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Several engines on one PostgreSQL database, each with its own pool and runner, share the work:
 * every step goes out exactly once and no mailbox exceeds its daily cap, whichever engine sends.
 */
class ClusterTest {
  private static final TestDatabase DB = TestDatabase.postgres();
  private static final int ENGINES = 4;
  private static final int MAILBOXES = 200;
  private static final int CAP = 100;
  private static final int PER_MAILBOX = 50; // two steps each: exactly the cap
  private static final int CROWDED = 20; // mailboxes with 3 candidates too many for today

  @AfterAll
  static void close() {
    DB.close();
  }

  @Test
  void fourEngines_sendEveryStepExactlyOnce_andHoldEveryMailboxCap() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    // the mailboxes' day is around noon, far from the midnight that resets their count
    ZoneId noon = zoneAtNoon(Instant.now());
    List<CampaignId> campaigns = new ArrayList<>();
    try (Nudge admin =
        Nudge.builder().store(DB.store()).mailTransport(transport).nodeId("admin").build()) {
      for (int m = 0; m < MAILBOXES; m++) {
        String address = "recruiter" + m + "@acme.example";
        admin.registerMailbox(
            SenderMailbox.of(address, "Recruiter " + m).withDailyCap(CAP).withZone(noon));
        Campaign c =
            admin.createCampaign(
                CampaignDefinition.builder("Campaign " + m, address)
                    .schedule(SendingSchedule.always())
                    .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, a role at Acme?")
                    .replyInThread(Wait.none(), "Bumping this up, {{firstName}}.")
                    .build());
        admin.startCampaign(c.id());
        campaigns.add(c.id());
        int n = PER_MAILBOX + (m < CROWDED ? 3 : 0);
        List<Candidate> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String id = m + "-" + i;
          batch.add(
              Candidate.builder("c" + id, "Candidate " + id, "c" + id + "@example.com").build());
        }
        assertThat(admin.enrollAll(c.id(), batch)).allMatch(r -> r.isEnrolled());
      }
    }
    int expected = MAILBOXES * CAP;

    List<HikariDataSource> pools = new ArrayList<>();
    List<Nudge> engines = new ArrayList<>();
    try {
      for (int i = 0; i < ENGINES; i++) {
        HikariDataSource pool = DB.newPool(6);
        pools.add(pool);
        engines.add(
            Nudge.builder()
                .store(JdbcStore.builder(pool).build())
                .mailTransport(transport)
                .nodeId("engine-" + i)
                .build());
      }
      engines.forEach(Nudge::start);
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (transport.count() < expected && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      for (Nudge engine : engines) {
        engine.awaitIdle(Duration.ofSeconds(60));
      }
    } finally {
      engines.forEach(Nudge::close);
      pools.forEach(HikariDataSource::close);
    }

    // every Message-ID once
    Map<String, Integer> byMessageId = transport.byMessageId();
    assertThat(byMessageId).hasSize(expected);
    assertThat(byMessageId.values()).allMatch(n -> n == 1);
    // every mailbox exactly at its cap: the crowded ones left the rest for tomorrow
    Map<String, Integer> byMailbox = transport.byMailbox();
    assertThat(byMailbox).hasSize(MAILBOXES);
    assertThat(byMailbox.values()).allMatch(n -> n == CAP);
    // every send recorded, nothing due now, no lease left behind
    try (Nudge reader =
        Nudge.builder().store(DB.store()).mailTransport(transport).nodeId("reader").build()) {
      long sent = 0;
      for (CampaignId id : campaigns) {
        for (StepTotals t : reader.stepTotals(id)) {
          sent += t.sent();
        }
      }
      assertThat(sent).isEqualTo(expected);
      // the Candidates tab's totals, kept by the commits of four engines, match a count
      for (CampaignId id : campaigns) {
        for (CandidateView view : CandidateView.values()) {
          assertThat(reader.candidates(id, CandidatesQuery.of(view)).total())
              .as("%s enrollments of campaign %s", view, id)
              .isEqualTo(
                  count(
                      "SELECT COUNT(*) FROM nudge_enrollment_order WHERE campaign_id = ? AND view_code"
                          + " = ?",
                      id.value(),
                      EnrollmentKeys.viewCode(view)));
        }
      }
    }
    assertThat(count("SELECT COUNT(*) FROM nudge_due WHERE due_at <= clock_timestamp()")).isZero();
    assertThat(count("SELECT COUNT(*) FROM nudge_due WHERE lease_owner IS NOT NULL")).isZero();
    // the crowded mailboxes' 6 steps too many wait for their next day
    Instant tomorrow = LocalDate.now(noon).plusDays(1).atStartOfDay(noon).toInstant();
    assertThat(count("SELECT COUNT(*) FROM nudge_due WHERE due_at IS NOT NULL"))
        .isBetween((long) CROWDED * 3, (long) CROWDED * 6);
    assertThat(
            count(
                "SELECT COUNT(*) FROM nudge_due WHERE due_at < ?",
                tomorrow.atOffset(ZoneOffset.UTC)))
        .isZero();
  }

  /** A fixed offset at which it is about noon now. */
  static ZoneId zoneAtNoon(Instant now) {
    int secondsOfDay = now.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
    int offset = 12 * 3600 - secondsOfDay; // between -12 h and +12 h
    return ZoneOffset.ofTotalSeconds(offset / 900 * 900);
  }

  private static long count(String sql, Object... params) throws SQLException {
    try (Connection c = DB.dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
