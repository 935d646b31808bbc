package dev.nudge;

import java.util.Objects;

/**
 * What page of a campaign's Candidates tab to show. Ties are broken by enrollment id, so paging is
 * stable.
 *
 * @param view active, completed or removed candidates
 * @param sort the sort key
 * @param descending whether the order is reversed
 * @param page page number, from 0
 * @param size page size, 1 to {@value #MAX_SIZE}
 */
public record CandidatesQuery(
    CandidateView view, Sort sort, boolean descending, int page, int size) {

  /** Largest page size. */
  public static final int MAX_SIZE = 1000;

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
  }

  /** The first page of 50 of a view, sorted by name. */
  public static CandidatesQuery of(CandidateView view) {
    return new CandidatesQuery(view, Sort.NAME, false, 0, 50);
  }

  /** A copy sorted otherwise. */
  public CandidatesQuery sortedBy(Sort sort, boolean descending) {
    return new CandidatesQuery(view, sort, descending, page, size);
  }

  /** A copy for another page. */
  public CandidatesQuery page(int page, int size) {
    return new CandidatesQuery(view, sort, descending, page, size);
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
}
