package dev.nudge.engine;

import static dev.nudge.testkit.Fixture.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CandidateRow;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEvent;
import dev.nudge.MatchMethod;
import dev.nudge.Page;
import dev.nudge.StepCell;
import dev.nudge.StepStatus;
import dev.nudge.StepTotals;
import dev.nudge.testkit.Fixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Candidates tab: active and completed candidates, paged and sorted, with step cells [S26]. */
class CandidatesTabTest {
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private Page<CandidateRow> page(Campaign c, CandidatesQuery q) {
    return f.nudge.candidates(c.id(), q);
  }

  @Test
  void row_showsCandidateEmailStatusAndOneCellPerStep() {
    Campaign c = f.startedCampaign();
    f.enroll(
        c.id(),
        candidate("Ada Lovelace")
            .title("Analyst")
            .company("Engines Ltd")
            .photoUrl("https://img.example.com/ada.png")
            .build());
    f.run();

    CandidateRow row = page(c, CandidatesQuery.of(CandidateView.ACTIVE)).items().get(0);

    assertThat(row.name()).isEqualTo("Ada Lovelace");
    assertThat(row.title()).isEqualTo("Analyst");
    assertThat(row.company()).isEqualTo("Engines Ltd");
    assertThat(row.photoUrl()).hasToString("https://img.example.com/ada.png");
    assertThat(row.email().value()).isEqualTo("ada.lovelace@example.com");
    assertThat(row.status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(row.steps())
        .extracting(StepCell::status)
        .containsExactly(StepStatus.SENT, StepStatus.SCHEDULED, StepStatus.PENDING);
    assertThat(row.steps().get(0).at()).isEqualTo(Fixture.MONDAY_9AM_NY);
    assertThat(row.steps().get(1).at()).isEqualTo(Instant.parse("2026-03-04T14:00:00Z"));
    assertThat(row.steps().get(2).at()).isNull();
  }

  @Test
  void repliedCandidates_moveToTheCompletedView_withTheReplyOnHover() {
    Campaign c = f.startedCampaign();
    EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
    f.enroll(c.id(), "Alan Turing");
    f.run();
    f.nudge.record(Fixture.ref(ada, 1), new InboundEvent.Reply("Yes!", MatchMethod.IN_THREAD));

    Page<CandidateRow> active = page(c, CandidatesQuery.of(CandidateView.ACTIVE));
    Page<CandidateRow> completed = page(c, CandidatesQuery.of(CandidateView.COMPLETED));

    assertThat(active.items()).extracting(CandidateRow::name).containsExactly("Alan Turing");
    assertThat(completed.items()).extracting(CandidateRow::name).containsExactly("Ada Lovelace");
    StepCell replied = completed.items().get(0).steps().get(0);
    assertThat(replied.engagement().reply().text()).isEqualTo("Yes!");
    assertThat(replied.engagement().repliedAt()).isEqualTo(Fixture.MONDAY_9AM_NY);
  }

  @Test
  void removedCandidates_areInNeitherTab() {
    Campaign c = f.startedCampaign();
    EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
    f.nudge.removeCandidate(ada);

    assertThat(page(c, CandidatesQuery.of(CandidateView.ACTIVE)).total()).isZero();
    assertThat(page(c, CandidatesQuery.of(CandidateView.COMPLETED)).total()).isZero();
    assertThat(page(c, CandidatesQuery.of(CandidateView.REMOVED)).total()).isEqualTo(1);
  }

  @Test
  void eachPageButTheLast_namesTheNext_andFollowingThemListsEveryoneOnce() {
    Campaign c = f.startedCampaign();
    for (String name :
        List.of("bob Brown", "Alice Adams", "carol Clark", "Dave Davis", "Eve Evans")) {
      f.enroll(c.id(), name);
    }
    CandidatesQuery query = CandidatesQuery.of(CandidateView.ACTIVE).page(0, 2);

    Page<CandidateRow> first = page(c, query);
    Page<CandidateRow> second = page(c, query.after(first.next()));
    Page<CandidateRow> third = page(c, query.after(second.next()));

    assertThat(first.items())
        .extracting(CandidateRow::name)
        .containsExactly("Alice Adams", "bob Brown");
    assertThat(second.page()).isEqualTo(1);
    assertThat(second.items())
        .extracting(CandidateRow::name)
        .containsExactly("carol Clark", "Dave Davis");
    assertThat(third.page()).isEqualTo(2);
    assertThat(third.items()).extracting(CandidateRow::name).containsExactly("Eve Evans");
    assertThat(third.next()).as("the last page").isNull();
    assertThat(page(c, query.page(0, 5)).next()).as("a full last page").isNull();
  }

  @Test
  void aCursorStillLeadsToTheRest_whenCandidatesBeforeItLeaveTheView() {
    Campaign c = f.startedCampaign();
    EnrollmentId alice = f.enroll(c.id(), "Alice Adams");
    EnrollmentId bob = f.enroll(c.id(), "bob Brown");
    for (String name : List.of("carol Clark", "Dave Davis", "Eve Evans")) {
      f.enroll(c.id(), name);
    }
    CandidatesQuery query = CandidatesQuery.of(CandidateView.ACTIVE).page(0, 2);
    Page<CandidateRow> first = page(c, query);

    f.nudge.removeCandidate(alice);
    f.nudge.removeCandidate(bob);
    Page<CandidateRow> second = page(c, query.after(first.next()));

    assertThat(second.items())
        .extracting(CandidateRow::name)
        .containsExactly("carol Clark", "Dave Davis");
    assertThat(second.total()).isEqualTo(3);
    assertThat(second.next()).as("Eve is still to come").isNotNull();
    assertThat(page(c, query.after(second.next())).items())
        .extracting(CandidateRow::name)
        .containsExactly("Eve Evans");
  }

  @Test
  void pagesAreSortedByName_ignoringCase_andStable() {
    Campaign c = f.startedCampaign();
    for (String name :
        List.of("bob Brown", "Alice Adams", "carol Clark", "Dave Davis", "Eve Evans")) {
      f.enroll(c.id(), name);
    }

    Page<CandidateRow> first = page(c, CandidatesQuery.of(CandidateView.ACTIVE).page(0, 2));
    Page<CandidateRow> second = page(c, CandidatesQuery.of(CandidateView.ACTIVE).page(1, 2));
    Page<CandidateRow> third = page(c, CandidatesQuery.of(CandidateView.ACTIVE).page(2, 2));
    Page<CandidateRow> beyond = page(c, CandidatesQuery.of(CandidateView.ACTIVE).page(3, 2));

    assertThat(first.items())
        .extracting(CandidateRow::name)
        .containsExactly("Alice Adams", "bob Brown");
    assertThat(second.items())
        .extracting(CandidateRow::name)
        .containsExactly("carol Clark", "Dave Davis");
    assertThat(third.items()).extracting(CandidateRow::name).containsExactly("Eve Evans");
    assertThat(beyond.items()).isEmpty();
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.pages()).isEqualTo(3);
  }

  @Test
  void sortByStatus_andByLastActivity_bothWays() {
    Campaign c = f.startedCampaign();
    EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
    f.clock.advance(Duration.ofMinutes(1));
    EnrollmentId alan = f.enroll(c.id(), "Alan Turing");
    f.clock.advance(Duration.ofMinutes(1));
    f.enroll(c.id(), "Grace Hopper");
    f.clock.advance(Duration.ofMinutes(1));
    f.nudge.pauseCandidate(ada);
    f.clock.advance(Duration.ofMinutes(1));
    f.nudge.pauseCandidate(alan);

    CandidatesQuery q = CandidatesQuery.of(CandidateView.ACTIVE);
    assertThat(page(c, q.sortedBy(CandidatesQuery.Sort.STATUS, false)).items())
        .extracting(CandidateRow::name)
        .containsExactly("Grace Hopper", "Ada Lovelace", "Alan Turing");
    assertThat(page(c, q.sortedBy(CandidatesQuery.Sort.LAST_ACTIVITY, true)).items())
        .extracting(CandidateRow::name)
        .containsExactly("Alan Turing", "Ada Lovelace", "Grace Hopper");
    assertThat(page(c, q.sortedBy(CandidatesQuery.Sort.NAME, true)).items())
        .extracting(CandidateRow::name)
        .containsExactly("Grace Hopper", "Alan Turing", "Ada Lovelace");
  }

  @Test
  void stepTotals_countSentOpenedRepliedAndBounced() {
    Campaign c = f.startedCampaign();
    EnrollmentId ada = f.enroll(c.id(), "Ada Lovelace");
    EnrollmentId alan = f.enroll(c.id(), "Alan Turing");
    f.enroll(c.id(), "Grace Hopper");
    f.run();
    f.nudge.record(Fixture.ref(ada, 1), new InboundEvent.Reply("Yes", MatchMethod.BY_ADDRESS));
    f.nudge.record(
        Fixture.ref(alan, 1),
        InboundEvent.Bounce.hard(dev.nudge.EmailAddress.of("alan.turing@example.com"), "5.1.1"));
    f.runFor(Duration.ofDays(3));

    List<StepTotals> totals = f.nudge.stepTotals(c.id());

    assertThat(totals)
        .containsExactly(
            new StepTotals(1, 3, 0, 1, 1),
            new StepTotals(2, 1, 0, 0, 0),
            new StepTotals(3, 0, 0, 0, 0));
  }
}
