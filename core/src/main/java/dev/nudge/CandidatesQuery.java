package dev.nudge;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What page of a campaign's Candidates tab to show. Ties are broken by enrollment id, so paging is
 * stable.
 *
 * <p>A page is found by its number ({@link #page(int, int)}), or — as fast on page 10,000 as on
 * page 1 — as the page that follows another: {@link #after(String)} with the {@link Page#next()}
 * cursor of the page before. Going on by cursor also skips and repeats no candidate while others
 * join or leave the view; a candidate whose own sort key changes (new activity, by last activity)
 * moves, and may be shown twice or not at all.
 *
 * <p>A page found by its number must end within the first {@value #NUMBERED_ROWS} rows of the view
 * (pages 0 to 99 of 100 rows). A database finds such a page by stepping over every row before it,
 * so its cost grows with its number; past that depth a page is read by cursor, whose cost does not.
 * The last pages of a view are the first ones in the reverse order ({@link #sortedBy(Sort,
 * boolean)}).
 *
 * @param view active, completed or removed candidates
 * @param sort the sort key
 * @param descending whether the order is reversed
 * @param page page number, from 0; by number, the page must end within the first {@value
 *     #NUMBERED_ROWS} rows
 * @param size page size, 1 to {@value #MAX_SIZE}
 * @param after where the previous page ended, or null to find the page by its number
 */
public record CandidatesQuery(
    CandidateView view, Sort sort, boolean descending, int page, int size, @Nullable After after) {

  /** Largest page size. */
  public static final int MAX_SIZE = 1000;

  /** How deep into a view a page found by its number may reach, in rows. */
  public static final int NUMBERED_ROWS = 10_000;

  private static final String CURSOR_VERSION = "c1";

  /** The longest name sort key, as {@code dev.nudge.spi.store.EnrollmentKeys} cuts it. */
  private static final int MAX_NAME_KEY = 200;

  /** The range of times a cursor may carry: what every supported database can store. */
  private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** Checks the components. */
  public CandidatesQuery {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(sort, "sort");
    if (page < 0) {
      throw new InvalidInputException("page", "must be zero or positive, was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE);
    }
    if (after != null && page == 0) {
      throw new InvalidInputException("page", "must be positive for a page after another");
    }
    if (after == null && (long) page * size + size > NUMBERED_ROWS) {
      throw new InvalidInputException(
          "page",
          "page "
              + page
              + " of "
              + size
              + " rows ends past row "
              + NUMBERED_ROWS
              + ", the deepest a page found by its number reaches; read on from an earlier page"
              + " with after(page.next()), or sort the other way for the last pages");
    }
  }

  /** A query for a page by its number. */
  public CandidatesQuery(CandidateView view, Sort sort, boolean descending, int page, int size) {
    this(view, sort, descending, page, size, null);
  }

  /** The first page of 50 of a view, sorted by name. */
  public static CandidatesQuery of(CandidateView view) {
    return new CandidatesQuery(view, Sort.NAME, false, 0, 50);
  }

  /** A copy sorted otherwise, from its first page, of the same size. */
  public CandidatesQuery sortedBy(Sort sort, boolean descending) {
    return new CandidatesQuery(view, sort, descending, 0, size);
  }

  /**
   * A copy for another page, found by its number.
   *
   * @throws InvalidInputException naming {@code page} when it is negative or ends past row {@value
   *     #NUMBERED_ROWS}, or {@code size} when it is not 1 to {@value #MAX_SIZE}
   */
  public CandidatesQuery page(int page, int size) {
    return new CandidatesQuery(view, sort, descending, page, size);
  }

  /**
   * A copy for the page that follows the one a cursor ({@link Page#next()}) came with.
   *
   * @throws InvalidInputException naming {@code after} when the cursor is not one, or was made for
   *     another view, sort or page size
   */
  public CandidatesQuery after(String cursor) {
    After a = decode(cursor);
    if (a.view != view || a.sort != sort || a.descending != descending || a.size != size) {
      throw new InvalidInputException(
          "after",
          "the cursor was made for "
              + describe(a.view, a.sort, a.descending, a.size)
              + ", not "
              + describe(view, sort, descending, size));
    }
    return new CandidatesQuery(view, sort, descending, a.page + 1, size, a);
  }

  /** The offset of the first item. */
  public long offset() {
    return (long) page * size;
  }

  /** Sort keys of the Candidates tab. */
  public enum Sort {
    /** Candidate name, ignoring case. */
    NAME,
    /** Status in the order of {@link dev.nudge.EnrollmentStatus}, then name. */
    STATUS,
    /** Time of the last activity. */
    LAST_ACTIVITY
  }

  /**
   * Where a page ended: the sort keys of its last row, as a store compares them (see {@code
   * dev.nudge.spi.store.EnrollmentKeys}), for the view, sort and size it was read with. A store
   * returns the rows that sort strictly after these keys.
   *
   * @param view the view the page was of
   * @param sort the sort the page was in
   * @param descending whether that sort was reversed
   * @param page the number of the page that ended here
   * @param size its size
   * @param nameKey the last row's name sort key
   * @param statusRank the last row's status sort key
   * @param lastActivityAt the last row's last activity
   * @param id the last row's enrollment id
   */
  public record After(
      CandidateView view,
      Sort sort,
      boolean descending,
      int page,
      int size,
      String nameKey,
      int statusRank,
      Instant lastActivityAt,
      EnrollmentId id) {
    /** Checks the components. */
    public After {
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(sort, "sort");
      Objects.requireNonNull(nameKey, "nameKey");
      Objects.requireNonNull(lastActivityAt, "lastActivityAt");
      Objects.requireNonNull(id, "id");
      if (page < 0 || page == Integer.MAX_VALUE || size < 1 || size > MAX_SIZE) {
        throw new InvalidInputException("after", "has no valid page and size");
      }
    }

    /** The cursor a host hands back to {@link CandidatesQuery#after(String)}: URL-safe text. */
    public String cursor() {
      String text =
          String.join(
              "\n",
              CURSOR_VERSION,
              view.name(),
              sort.name(),
              descending ? "d" : "a",
              Integer.toString(page),
              Integer.toString(size),
              Integer.toString(statusRank),
              lastActivityAt.toString(),
              id.toString(),
              nameKey);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static After decode(String cursor) {
    if (cursor == null) {
      throw new InvalidInputException("after", "must not be null");
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] f = text.split("\n", 10);
      if (f.length != 10
          || !f[0].equals(CURSOR_VERSION)
          || !(f[3].equals("a") || f[3].equals("d"))) {
        throw new IllegalArgumentException("not a cursor");
      }
      Instant lastActivity = Instant.parse(f[7]);
      // what no store could compare: a name key longer than any, a time none can hold
      if (f[9].length() > MAX_NAME_KEY
          || lastActivity.isBefore(EARLIEST)
          || lastActivity.isAfter(LATEST)) {
        throw new IllegalArgumentException("out of range");
      }
      // a name key no database keeps as it came (a NUL, half a surrogate pair) is none of ours
      Texts.storable("after", f[9]);
      return new After(
          CandidateView.valueOf(f[1]),
          Sort.valueOf(f[2]),
          f[3].equals("d"),
          Integer.parseInt(f[4]),
          Integer.parseInt(f[5]),
          f[9],
          Integer.parseInt(f[6]),
          lastActivity,
          EnrollmentId.of(f[8]));
    } catch (IllegalArgumentException | DateTimeParseException | InvalidInputException e) {
      throw new InvalidInputException(
          "after", "is not a cursor of the Candidates tab (a Page.next() value)");
    }
  }

  private static String describe(CandidateView view, Sort sort, boolean descending, int size) {
    return view.name().toLowerCase(java.util.Locale.ROOT)
        + " candidates by "
        + sort.name().toLowerCase(java.util.Locale.ROOT)
        + (descending ? " descending" : "")
        + " in pages of "
        + size;
  }
}
