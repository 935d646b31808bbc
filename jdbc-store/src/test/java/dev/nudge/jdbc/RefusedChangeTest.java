package dev.nudge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CampaignDefinition;
import dev.nudge.Candidate;
import dev.nudge.Nudge;
import dev.nudge.SenderMailbox;
import dev.nudge.SendingSchedule;
import dev.nudge.Tuning;
import dev.nudge.Wait;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change the database refuses for one enrollment (a check of the host's, a value it cannot keep)
 * fails the commit of the whole batch that enrollment was claimed with. The others of the batch are
 * then done one at a time and go out at once; only the refused one waits, and it is tried again
 * after its lease ends rather than at every poll.
 */
class RefusedChangeTest {
  private static final int CANDIDATES = 40;
  private static final Duration LEASE = Duration.ofSeconds(10);

  private TestDatabase db;

  @BeforeEach
  void setUp() {
    db = TestDatabase.postgres();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void anEnrollmentWhoseChangeTheDatabaseRefuses_holdsUpOnlyItself() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    try (Nudge nudge =
        Nudge.builder()
            .store(db.store())
            .mailTransport(transport)
            .nodeId("node")
            .tuning(Tuning.builder().lease(LEASE).build())
            .build()) {
      nudge.registerMailbox(SenderMailbox.of("recruiter@acme.example", "Recruiter"));
      Campaign c =
          nudge.createCampaign(
              CampaignDefinition.builder("Engineers", "recruiter@acme.example")
                  .schedule(SendingSchedule.always())
                  .email(Wait.none(), "Hello {{firstName}}", "Hi {{firstName}}, a role at Acme?")
                  .build());
      nudge.startCampaign(c.id());
      List<Candidate> candidates = new ArrayList<>();
      for (int i = 0; i < CANDIDATES; i++) {
        candidates.add(
            Candidate.builder("c" + i, "Candidate " + i, "c" + i + "@example.com").build());
      }
      assertThat(nudge.enrollAll(c.id(), candidates)).allMatch(r -> r.isEnrolled());
      refuseEveryChangeOfC7();

      nudge.start();
      awaitSends(transport, CANDIDATES - 1);
      Thread.sleep(2_000); // more polls: the refused one is not tried at each

      assertThat(recipients(transport)).hasSize(CANDIDATES - 1).doesNotContain("c7@example.com");
      // the batch's commit, then c7's own, written twice in case the connection was cut; then c7
      // waits for its lease to end
      assertThat(refusals()).as("commits refused for c7").isEqualTo(3);

      // the host lifts its check: c7 goes out once its lease has ended
      exec("DROP TRIGGER test_refuse ON nudge_enrollment");
      awaitSends(transport, CANDIDATES);

      assertThat(recipients(transport)).hasSize(CANDIDATES).contains("c7@example.com");
      assertThat(transport.byMessageId().values()).allMatch(n -> n == 1);
    }
  }

  private static void awaitSends(RecordingTransport transport, int count) throws Exception {
    long deadline = System.nanoTime() + LEASE.multipliedBy(3).toNanos();
    while (transport.count() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static Set<String> recipients(RecordingTransport transport) {
    Set<String> recipients = new TreeSet<>();
    for (RecordingTransport.Sent s : transport.sent()) {
      recipients.add(s.email().to().value());
    }
    return recipients;
  }

  private void exec(String sql) throws SQLException {
    try (Connection c = db.dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * A check of the host's that fails every update of one candidate's enrollment, counting its
   * refusals in a sequence (which the refused transaction's rollback leaves as it is).
   */
  private void refuseEveryChangeOfC7() throws SQLException {
    try (Connection c = db.dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SEQUENCE test_refusals");
      s.execute(
          "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " PERFORM nextval('test_refusals');"
              + " RAISE EXCEPTION 'refused by a check of the host' USING ERRCODE = 'check_violation';"
              + " END $$");
      s.execute(
          "CREATE TRIGGER test_refuse BEFORE UPDATE ON nudge_enrollment FOR EACH ROW"
              + " WHEN (NEW.candidate_id = 'c7') EXECUTE FUNCTION test_refuse()");
    }
  }

  private long refusals() throws SQLException {
    try (Connection c = db.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM test_refusals")) {
      rs.next();
      return rs.getBoolean(2) ? rs.getLong(1) : 0;
    }
  }
}
