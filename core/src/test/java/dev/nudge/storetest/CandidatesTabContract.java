package dev.nudge.storetest;

import static dev.nudge.EnrollmentStatus.BOUNCED;
import static dev.nudge.EnrollmentStatus.COMPLETED;
import static dev.nudge.EnrollmentStatus.MANUAL_TASK;
import static dev.nudge.EnrollmentStatus.NOT_STARTED;
import static dev.nudge.EnrollmentStatus.PAUSED;
import static dev.nudge.EnrollmentStatus.REMOVED;
import static dev.nudge.EnrollmentStatus.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.Campaign;
import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.CandidatesQuery.Sort;
import dev.nudge.CompletionReason;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.Page;
import dev.nudge.spi.store.EnrollmentKeys;
import dev.nudge.testkit.EnrollmentDraft;
import dev.nudge.testkit.StoreData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Candidates tab [S26]: views by status, sort keys, stable paging. */
abstract class CandidatesTabContract extends ContractSupport {
  private Campaign campaign;
  private Instant t;
  private int next;

  CandidatesTabContract(StoreContractTest suite) {
    super(suite);
  }

  @BeforeEach
  final void storeCampaign() {
    campaign = storedCampaign("Backend engineers");
    t = StoreData.now().minusSeconds(3600);
    next = 1;
  }

  /** Stores an enrollment of a candidate named {@code name}, active since {@code t + minute}. */
  private Enrollment row(String name, EnrollmentStatus status, int minute) {
    return row(campaign, StoreData.orderedId(next), name, status, minute);
  }

  private Enrollment row(
      Campaign c, EnrollmentId id, String name, EnrollmentStatus status, int minute) {
    int n = next++;
    EnrollmentDraft d =
        StoreData.enrollment(c, StoreData.candidate("c-" + n, name, "c" + n + "@example.com"))
            .id(id)
            .enrolledAt(t)
            .lastActivity(t.plusSeconds(60L * minute));
    d = status == COMPLETED ? d.completed(CompletionReason.FINISHED) : d.status(status);
    return insert(d.build());
  }

  private Enrollment row(String name) {
    return row(name, STARTED, 0);
  }

  private Page<Enrollment> page(CandidatesQuery query) {
    return store.enrollments().page(campaign.id(), query);
  }

  private List<EnrollmentId> ids(CandidatesQuery query) {
    return page(query).items().stream().map(Enrollment::id).toList();
  }

  private static List<EnrollmentId> ids(Enrollment... rows) {
    List<EnrollmentId> ids = new ArrayList<>();
    for (Enrollment e : rows) {
      ids.add(e.id());
    }
    return ids;
  }

  /**
   * The query for the page after {@code page}, which {@code query} read, as the engine makes it.
   */
  private static CandidatesQuery after(CandidatesQuery query, Page<Enrollment> page) {
    Enrollment last = page.items().get(page.items().size() - 1);
    return query.after(EnrollmentKeys.endOf(query, last).cursor());
  }

  /**
   * The ids of every page from {@code first} on, each read with the cursor of the page before,
   * until a page is not full; each page keeps its number and the view's {@code total}.
   */
  private List<EnrollmentId> idsByCursor(CandidatesQuery first, long total) {
    List<EnrollmentId> ids = new ArrayList<>();
    Page<Enrollment> current = page(first);
    CandidatesQuery read = first;
    ids.addAll(current.items().stream().map(Enrollment::id).toList());
    while (current.items().size() == first.size()) {
      read = after(read, current);
      current = page(read);
      assertThat(current.page()).isEqualTo(read.page());
      assertThat(current.total()).isEqualTo(total);
      ids.addAll(current.items().stream().map(Enrollment::id).toList());
    }
    return ids;
  }

  private static CandidatesQuery query(CandidateView view, Sort sort, boolean descending) {
    return CandidatesQuery.of(view).sortedBy(sort, descending);
  }

  @Test
  void activeView_listsNotStartedStartedManualTaskAndPaused() {
    Enrollment a = row("A", NOT_STARTED, 0);
    Enrollment b = row("B", STARTED, 0);
    Enrollment c = row("C", MANUAL_TASK, 0);
    Enrollment d = row("D", PAUSED, 0);
    row("E", COMPLETED, 0);
    row("F", BOUNCED, 0);
    row("G", REMOVED, 0);

    Page<Enrollment> active = page(CandidatesQuery.of(CandidateView.ACTIVE));

    assertThat(active.items()).containsExactly(a, b, c, d);
    assertThat(active.total()).isEqualTo(4);
  }

  @Test
  void completedView_listsCompletedAndBounced() {
    row("A", NOT_STARTED, 0);
    row("B", STARTED, 0);
    Enrollment e = row("E", COMPLETED, 0);
    Enrollment f = row("F", BOUNCED, 0);
    row("G", REMOVED, 0);

    Page<Enrollment> completed = page(CandidatesQuery.of(CandidateView.COMPLETED));

    assertThat(completed.items()).containsExactly(e, f);
    assertThat(completed.total()).isEqualTo(2);
  }

  @Test
  void removedView_listsRemoved() {
    row("A", PAUSED, 0);
    row("E", COMPLETED, 0);
    Enrollment g = row("G", REMOVED, 0);

    assertThat(page(CandidatesQuery.of(CandidateView.REMOVED)).items()).containsExactly(g);
  }

  @Test
  void otherCampaignsEnrollments_areNotListed() {
    Campaign other = storedCampaign("Frontend engineers");
    row(other, StoreData.orderedId(100), "Someone Else", STARTED, 0);
    Enrollment mine = row("Ada Lovelace");

    Page<Enrollment> active = page(CandidatesQuery.of(CandidateView.ACTIVE));

    assertThat(active.items()).containsExactly(mine);
    assertThat(active.total()).isEqualTo(1);
  }

  @Test
  void sortByName_ignoresCase() {
    Enrollment bob = row("bob");
    Enrollment dave = row("Dave");
    Enrollment alice = row("Alice");
    Enrollment carol = row("carol");

    assertThat(ids(query(CandidateView.ACTIVE, Sort.NAME, false)))
        .containsExactlyElementsOf(ids(alice, bob, carol, dave));
  }

  @Test
  void sortByName_followsCoresTextOrder_whereDatabaseCollationsDiffer() {
    // a collation that pads the shorter key with spaces puts "ann\tlee" before "ann"; fullwidth
    // "ｔａｒｏ" (U+FF54...) sorts after U+20BB7 by UTF-16 units but before it by code points, as
    // core orders the keys
    Enrollment annLee = row(campaign, StoreData.orderedId(1), "Ann\tLee", STARTED, 0);
    Enrollment yoshino = row(campaign, StoreData.orderedId(5), "\uD842\uDFB7野", STARTED, 0);
    Enrollment ann = row(campaign, StoreData.orderedId(2), "Ann", STARTED, 0);
    Enrollment taro = row(campaign, StoreData.orderedId(4), "Ｔａｒｏ", STARTED, 0);
    Enrollment zed = row(campaign, StoreData.orderedId(3), "Zed", STARTED, 0);
    List<EnrollmentId> ascending = ids(ann, annLee, zed, taro, yoshino);
    List<EnrollmentId> descending = new ArrayList<>(ascending);
    Collections.reverse(descending);

    for (Sort sort : new Sort[] {Sort.NAME, Sort.STATUS}) {
      for (boolean desc : new boolean[] {false, true}) {
        List<EnrollmentId> byCursor =
            idsByCursor(query(CandidateView.ACTIVE, sort, desc).page(0, 2), 5);

        assertThat(ids(query(CandidateView.ACTIVE, sort, desc)))
            .as("%s descending=%s", sort, desc)
            .containsExactlyElementsOf(desc ? descending : ascending);
        assertThat(byCursor)
            .as("%s descending=%s, by cursor", sort, desc)
            .containsExactlyElementsOf(desc ? descending : ascending);
      }
    }
  }

  @Test
  void sortByName_descending_reversesTheOrder() {
    Enrollment bob = row("bob");
    Enrollment dave = row("Dave");
    Enrollment alice = row("Alice");
    Enrollment carol = row("carol");

    assertThat(ids(query(CandidateView.ACTIVE, Sort.NAME, true)))
        .containsExactlyElementsOf(ids(dave, carol, bob, alice));
  }

  @Test
  void sortByStatus_followsTheStatusOrder_thenTheName() {
    Enrollment amyPaused = row("Amy", PAUSED, 0);
    Enrollment zedNotStarted = row("Zed", NOT_STARTED, 0);
    Enrollment bobStarted = row("bob", STARTED, 0);
    Enrollment cyTask = row("Cy", MANUAL_TASK, 0);
    Enrollment alStarted = row("Al", STARTED, 0);

    assertThat(ids(query(CandidateView.ACTIVE, Sort.STATUS, false)))
        .containsExactlyElementsOf(ids(zedNotStarted, alStarted, bobStarted, cyTask, amyPaused));
  }

  @Test
  void sortByStatus_inCompletedView_putsCompletedBeforeBounced() {
    Enrollment annBounced = row("Ann", BOUNCED, 0);
    Enrollment zoeCompleted = row("Zoe", COMPLETED, 0);

    assertThat(ids(query(CandidateView.COMPLETED, Sort.STATUS, false)))
        .containsExactlyElementsOf(ids(zoeCompleted, annBounced));
    assertThat(ids(query(CandidateView.COMPLETED, Sort.STATUS, true)))
        .containsExactlyElementsOf(ids(annBounced, zoeCompleted));
  }

  @Test
  void sortByLastActivity_oldestFirst_orNewestFirstWhenDescending() {
    Enrollment middle = row("A", STARTED, 20);
    Enrollment newest = row("B", STARTED, 30);
    Enrollment oldest = row("C", STARTED, 10);

    assertThat(ids(query(CandidateView.ACTIVE, Sort.LAST_ACTIVITY, false)))
        .containsExactlyElementsOf(ids(oldest, middle, newest));
    assertThat(ids(query(CandidateView.ACTIVE, Sort.LAST_ACTIVITY, true)))
        .containsExactlyElementsOf(ids(newest, middle, oldest));
  }

  @Test
  void updates_moveRowsInTheOrderByLastActivity_andBetweenViews() {
    Enrollment first = row("A", STARTED, 10);
    Enrollment second = row("B", STARTED, 20);
    Enrollment third = row("C", STARTED, 30);

    // A is active again, written with the version it came from; C completes, written without
    Enrollment firstAgain = StoreData.next(first).lastActivity(t.plusSeconds(60L * 40)).build();
    commit(changes().update(firstAgain, null, first));
    update(
        StoreData.next(third)
            .completed(CompletionReason.FINISHED)
            .lastActivity(t.plusSeconds(60L * 50))
            .build());

    assertThat(ids(query(CandidateView.ACTIVE, Sort.LAST_ACTIVITY, false)))
        .containsExactlyElementsOf(ids(second, first));
    assertThat(ids(query(CandidateView.COMPLETED, Sort.LAST_ACTIVITY, true)))
        .containsExactlyElementsOf(ids(third));
    assertThat(page(query(CandidateView.ACTIVE, Sort.NAME, false)).total()).isEqualTo(2);
    assertThat(page(query(CandidateView.COMPLETED, Sort.NAME, false)).total()).isEqualTo(1);
  }

  @Test
  void equalSortKeys_areOrderedByEnrollmentId() {
    Enrollment[] rows = new Enrollment[5];
    for (int n : new int[] {3, 1, 5, 2, 4}) {
      rows[n - 1] = row(campaign, StoreData.orderedId(n), "Sam Same", STARTED, 0);
    }

    assertThat(ids(query(CandidateView.ACTIVE, Sort.NAME, false)))
        .containsExactlyElementsOf(ids(rows));
    assertThat(ids(query(CandidateView.ACTIVE, Sort.STATUS, false)))
        .containsExactlyElementsOf(ids(rows));
    assertThat(ids(query(CandidateView.ACTIVE, Sort.LAST_ACTIVITY, false)))
        .containsExactlyElementsOf(ids(rows));
  }

  @Test
  void pagingThroughEqualSortKeys_listsEveryRowOnce() {
    List<EnrollmentId> all = new ArrayList<>();
    for (int n : new int[] {6, 3, 7, 1, 5, 2, 4}) {
      all.add(row(campaign, StoreData.orderedId(n), "Sam Same", STARTED, n % 2).id());
    }
    for (Sort sort : Sort.values()) {
      for (boolean descending : new boolean[] {false, true}) {
        CandidatesQuery q = query(CandidateView.ACTIVE, sort, descending);
        List<EnrollmentId> paged = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
          paged.addAll(ids(q.page(p, 3)));
        }
        assertThat(paged).as("%s descending=%s", sort, descending).hasSize(7);
        assertThat(paged)
            .as("%s descending=%s", sort, descending)
            .containsExactlyInAnyOrderElementsOf(all);
        assertThat(paged)
            .as("%s descending=%s", sort, descending)
            .containsExactlyElementsOf(ids(q.page(0, 7)));
      }
    }
  }

  @Test
  void pagingByCursor_listsTheRowsPagingByNumberLists_inEverySortAndDirection() {
    // names that differ only in case, repeat, or sort differently by code point and by locale
    String[] names = {"sam same", "Sam Same", "émile", "Zoë", "zoe", "Ada", "ada", "Ödön", "Bob"};
    EnrollmentStatus[] statuses = {NOT_STARTED, STARTED, MANUAL_TASK, PAUSED};
    int[] order = {9, 4, 12, 1, 7, 3, 11, 5, 2, 10, 8, 6, 13};
    for (int i = 0; i < order.length; i++) {
      row(
          campaign,
          StoreData.orderedId(order[i]),
          names[i % names.length],
          statuses[i % statuses.length],
          i % 3);
    }
    for (Sort sort : Sort.values()) {
      for (boolean descending : new boolean[] {false, true}) {
        CandidatesQuery q = query(CandidateView.ACTIVE, sort, descending).page(0, 4);
        List<EnrollmentId> byNumber = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
          byNumber.addAll(ids(q.page(p, 4)));
        }
        List<EnrollmentId> byCursor = idsByCursor(q, 13);

        assertThat(byCursor)
            .as("%s descending=%s", sort, descending)
            .containsExactlyElementsOf(byNumber)
            .hasSize(13);
      }
    }
  }

  @Test
  void aPageAfterAnother_skipsNoRow_whenARowBeforeItLeavesTheView() {
    Enrollment a = row("a");
    row("b");
    row("c");
    Enrollment d = row("d");
    Enrollment e = row("e");
    CandidatesQuery byName = CandidatesQuery.of(CandidateView.ACTIVE).page(0, 3);
    Page<Enrollment> first = page(byName);

    update(StoreData.next(a).completed(CompletionReason.FINISHED).build());

    assertThat(page(after(byName, first)).items()).containsExactly(d, e);
    assertThat(page(byName.page(1, 3)).items())
        .as("by number, d moved to page 0")
        .containsExactly(e);
  }

  @Test
  void page_holdsItsSliceOfTheSortedRows_withPageSizeAndTotal() {
    Enrollment e = row("e");
    Enrollment a = row("a");
    Enrollment d = row("d");
    Enrollment b = row("b");
    Enrollment c = row("c");
    CandidatesQuery byName = CandidatesQuery.of(CandidateView.ACTIVE);

    Page<Enrollment> second = page(byName.page(1, 2));
    Page<Enrollment> last = page(byName.page(2, 2));

    assertThat(second.items()).containsExactly(c, d);
    assertThat(second.page()).isEqualTo(1);
    assertThat(second.size()).isEqualTo(2);
    assertThat(second.total()).isEqualTo(5);
    assertThat(last.items()).containsExactly(e);
    assertThat(last.total()).isEqualTo(5);
    assertThat(page(byName.page(0, 2)).items()).containsExactly(a, b);
  }

  @Test
  void pageBeyondTheEnd_isEmpty_withTheTotal() {
    row("a");
    row("b");
    row("c");

    Page<Enrollment> beyond = page(CandidatesQuery.of(CandidateView.ACTIVE).page(5, 2));

    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(3);
    assertThat(beyond.page()).isEqualTo(5);
  }

  @Test
  void emptyView_isAnEmptyPage() {
    row("a");

    Page<Enrollment> removed = page(CandidatesQuery.of(CandidateView.REMOVED));

    assertThat(removed.items()).isEmpty();
    assertThat(removed.total()).isZero();
  }
}
