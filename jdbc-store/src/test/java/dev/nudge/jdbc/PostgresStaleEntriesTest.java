package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.CampaignId;
import dev.nudge.Candidate;
import dev.nudge.CandidateRow;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.Nudge;
import dev.nudge.Page;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Wait;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, which keeps the index entries of old row versions until a vacuum, each send leaves
 * an entry behind at its enrollment's old place in the Candidates tab's order by last activity. The
 * store looks those entries up a moment after its commit, so that the database marks them dead; the
 * first reader of the page oldest first then steps over them inside the index instead of checking
 * each one against the table (its plan's heap fetches).
 */
class PostgresStaleEntriesTest {
  private static final TestDatabase DB = TestDatabase.postgres();
  private static final int CANDIDATES = 1_000;

  @AfterAll
  static void close() {
    DB.close();
  }

  @Test
  void aMomentAfterABurstOfSends_theFirstPageOldestFirst_takesNoEntryTheSendsLeftBehind()
      throws Exception {
    RecordingTransport transport = new RecordingTransport();
    CampaignId sent;
    CampaignId moved;
    try (Nudge nudge =
        Nudge.builder().store(DB.store()).mailTransport(transport).nodeId("stale").build()) {
      nudge.registerMailbox(SenderMailbox.of("ada@acme.example", "Ada").withDailyCap(10_000));
      sent = campaign(nudge, "Sent at once", Wait.none());
      moved = campaign(nudge, "Sent next week", Wait.days(7));
      nudge.enrollAll(sent, candidates("s"));
      nudge.enrollAll(moved, candidates("m"));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (transport.count() < CANDIDATES && System.nanoTime() < deadline) {
        nudge.runDue();
      }
      assertThat(transport.count()).isEqualTo(CANDIDATES);

      // the entries wait their moment; any commit after it sweeps them
      Thread.sleep(StaleEntries.DELAY_MILLIS + StaleEntries.INTERVAL_MILLIS + 100);
      nudge.enrollAll(
          moved, List.of(Candidate.builder("late", "Late", "late@example.com").build()));
    }
    // the same movement written past the store: nothing looks its old entries up
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE nudge_due SET last_activity_at = last_activity_at + INTERVAL '1 hour'"
                    + " WHERE campaign_seq = (SELECT seq FROM nudge_campaign WHERE id = ?)")) {
      ps.setObject(1, moved.value());
      assertThat(ps.executeUpdate()).isEqualTo(CANDIDATES + 1);
    }

    long leftAlone = entriesCheckedByTheFirstPage(moved);
    long swept = entriesCheckedByTheFirstPage(sent);

    assertThat(leftAlone)
        .as("entries checked where nothing looked the old ones up")
        .isGreaterThan(CANDIDATES);
    assertThat(swept).as("entries checked a moment after the sends: the page's own").isEqualTo(100);
    // and the page is the same one: the store's reads see only the rows that are there
    try (Nudge reader =
        Nudge.builder().store(DB.store()).mailTransport(transport).nodeId("reader").build()) {
      CandidatesQuery query =
          CandidatesQuery.of(CandidateView.ACTIVE)
              .sortedBy(CandidatesQuery.Sort.LAST_ACTIVITY, false);
      Page<CandidateRow> page = reader.candidates(sent, query);
      assertThat(page.total()).isEqualTo(CANDIDATES);
      assertThat(page.items()).hasSize(query.size());
    }
  }

  @Test
  void sends_leaveTheOrderByNameAndStatusAlone_soAPageDeepInItReadsTheIndexOnly() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    try (Nudge nudge =
        Nudge.builder().store(DB.store()).mailTransport(transport).nodeId("order").build()) {
      nudge.registerMailbox(SenderMailbox.of("bob@acme.example", "Bob").withDailyCap(10_000));
      CampaignId campaign = campaign(nudge, "Sent at once", Wait.none(), "bob@acme.example");
      nudge.enrollAll(campaign, candidates("o"));
      // what autovacuum, or the store's own refresh during a large import, does
      exec("VACUUM nudge_enrollment_order");
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (transport.count() < CANDIDATES && System.nanoTime() < deadline) {
        nudge.runDue();
      }
      assertThat(transport.count()).isEqualTo(CANDIDATES);

      for (String order : List.of("name_key", "status_rank, name_key")) {
        String plan =
            plan(
                "SELECT enrollment_id FROM nudge_enrollment_order"
                    + " WHERE campaign_id = ? AND view_code = 0"
                    + (" ORDER BY " + order + ", enrollment_id LIMIT 100 OFFSET 900"),
                campaign);
        assertThat(plan)
            .as(order)
            .contains("Index Only Scan")
            .contains("rows=100 loops=1")
            .contains("Heap Fetches: 0");
      }
      Page<CandidateRow> page =
          nudge.candidates(
              campaign,
              CandidatesQuery.of(CandidateView.ACTIVE)
                  .sortedBy(CandidatesQuery.Sort.NAME, false)
                  .page(9, 100));
      assertThat(page.items()).hasSize(100);
      assertThat(page.items().get(0).name()).isEqualTo("Candidate o909");
    }
  }

  private static CampaignId campaign(Nudge nudge, String name, Wait first) {
    return campaign(nudge, name, first, "ada@acme.example");
  }

  private static CampaignId campaign(Nudge nudge, String name, Wait first, String mailbox) {
    Campaign created =
        nudge.createCampaign(
            CampaignDefinition.builder(name, mailbox)
                .schedule(SendingSchedule.always())
                .email(first, "Hello {{firstName}}", "Hi {{firstName}}, a role at Acme?")
                .replyInThread(Wait.days(3), "Bumping this up, {{firstName}}.")
                .build());
    nudge.startCampaign(created.id());
    return created.id();
  }

  private static List<Candidate> candidates(String prefix) {
    List<Candidate> out = new ArrayList<>(CANDIDATES);
    for (int i = 0; i < CANDIDATES; i++) {
      String id = prefix + i;
      out.add(Candidate.builder(id, "Candidate " + id, id + "@example.com").build());
    }
    return out;
  }

  /**
   * The index entries the first page oldest first checks against the table: the heap fetches of its
   * scan of the index by last activity, which an entry marked dead does not cost.
   */
  private static long entriesCheckedByTheFirstPage(CampaignId campaign) throws SQLException {
    String plan =
        plan(
            "SELECT enrollment_id FROM nudge_due"
                + " WHERE campaign_seq = (SELECT seq FROM nudge_campaign WHERE id = ?)"
                + " AND view_code = 0"
                + " ORDER BY last_activity_at, enrollment_id LIMIT 100",
            campaign);
    assertThat(plan)
        .contains("Index Only Scan using nudge_due_by_last_activity")
        .contains("rows=100 loops=1");
    Matcher fetches = Pattern.compile("Heap Fetches: (\\d+)").matcher(plan);
    assertThat(fetches.find()).as(plan).isTrue();
    return Long.parseLong(fetches.group(1));
  }

  private static String plan(String sql, CampaignId campaign) throws SQLException {
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + sql)) {
      ps.setObject(1, campaign.value());
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }

  private static void exec(String sql) throws SQLException {
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }
}
