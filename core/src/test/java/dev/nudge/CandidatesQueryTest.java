package dev.nudge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.CandidatesQuery.After;
import dev.nudge.CandidatesQuery.Sort;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cursors of the Candidates tab: what a host stores in a link and hands back. */
class CandidatesQueryTest {
  private static final After END =
      new After(
          CandidateView.ACTIVE,
          Sort.STATUS,
          true,
          4,
          100,
          "zoë, \"the\"\nlast",
          3,
          Instant.parse("2026-03-02T09:00:00.123456Z"),
          EnrollmentId.of("0190a1b2-0000-7000-8000-000000000001"));

  private static final String ID = "0190a1b2-0000-7000-8000-000000000001";

  private static String cursor(String text) {
    return java.util.Base64.getUrlEncoder()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static final CandidatesQuery BY_STATUS_DESC =
      CandidatesQuery.of(CandidateView.ACTIVE).sortedBy(Sort.STATUS, true).page(0, 100);

  @Test
  void aCursor_isUrlSafeText_andGivesBackWhereThePageEnded() {
    String cursor = END.cursor();

    CandidatesQuery next = BY_STATUS_DESC.after(cursor);

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(next.after()).isEqualTo(END);
    assertThat(next.page()).isEqualTo(5);
    assertThat(next.offset()).isEqualTo(500);
  }

  @Test
  void aCursorOfAnotherSortViewOrSize_isRefused_namingAfter() {
    String cursor = END.cursor();

    assertThatThrownBy(() -> CandidatesQuery.of(CandidateView.ACTIVE).page(0, 100).after(cursor))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("after")
        .hasMessageContaining("by status descending in pages of 100");
    assertThatThrownBy(() -> BY_STATUS_DESC.page(0, 50).after(cursor))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("pages of 50");
  }

  @Test
  void textThatIsNoCursor_isRefused_namingAfter() {
    String[] bad = {
      "",
      "not a cursor!",
      "YWJj",
      END.cursor().substring(3),
      cursor("c1\nACTIVE\nSTATUS\nd\n2147483647\n100\n3\n2026-03-02T09:00:00Z\n" + ID + "\nx"),
      cursor("c1\nACTIVE\nSTATUS\nd\n4\n100\n3\n+1000000000-01-01T00:00:00Z\n" + ID + "\nx"),
      cursor(
          "c1\nACTIVE\nSTATUS\nd\n4\n100\n3\n2026-03-02T09:00:00Z\n" + ID + "\n" + "x".repeat(201)),
      cursor("c1\nACTIVE\nSTATUS\nd\n-1\n100\n3\n2026-03-02T09:00:00Z\n" + ID + "\nx"),
      cursor("c1\nACTIVE\nSTATUS\nd\n4\n100\n3\n2026-03-02T09:00:00Z\nnot-an-id\nx"),
      // a NUL in the name key, which PostgreSQL refuses to compare
      cursor("c1\nACTIVE\nSTATUS\nd\n4\n100\n3\n2026-03-02T09:00:00Z\n" + ID + "\nx\0y"),
    };
    for (String text : bad) {
      assertThatThrownBy(() -> BY_STATUS_DESC.after(text))
          .as(text)
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("after"));
    }
  }

  @Test
  void sortingAgain_startsFromTheFirstPage() {
    CandidatesQuery next = BY_STATUS_DESC.after(END.cursor());

    CandidatesQuery resorted = next.sortedBy(Sort.NAME, false);
    CandidatesQuery resortedByNumber = BY_STATUS_DESC.page(7, 100).sortedBy(Sort.NAME, false);

    assertThat(resorted.after()).isNull();
    assertThat(resorted.page()).isZero();
    assertThat(resortedByNumber.page()).isZero();
    assertThat(resortedByNumber.size()).isEqualTo(100);
  }

  @Test
  void aPageByNumber_endsWithinTheFirstTenThousandRows_namingPage() {
    CandidatesQuery byName = CandidatesQuery.of(CandidateView.ACTIVE);

    assertThat(byName.page(99, 100).offset()).isEqualTo(9_900);
    assertThat(byName.page(0, CandidatesQuery.MAX_SIZE).size()).isEqualTo(1_000);
    assertThat(byName.page(199, 50).offset()).isEqualTo(9_950);
    assertThatThrownBy(() -> byName.page(100, 100))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("page"))
        .hasMessageContaining("page 100 of 100 rows ends past row 10000")
        .hasMessageContaining("after(page.next())");
    assertThatThrownBy(() -> byName.page(Integer.MAX_VALUE, CandidatesQuery.MAX_SIZE))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aPageByCursor_mayBeAsDeepAsTheViewGoes() {
    After deep =
        new After(
            CandidateView.ACTIVE,
            Sort.STATUS,
            true,
            9_999,
            100,
            "x",
            3,
            Instant.parse("2026-03-02T09:00:00Z"),
            EnrollmentId.of(ID));

    CandidatesQuery next = BY_STATUS_DESC.after(deep.cursor());

    assertThat(next.page()).isEqualTo(10_000);
    assertThat(next.offset()).isEqualTo(1_000_000);
  }
}
