package dev.nudge;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a sorted list.
 *
 * @param items the items on this page
 * @param page the page number, from 0
 * @param size the requested page size
 * @param total how many items all pages hold
 * @param next a cursor for the page that follows (for the Candidates tab, {@link
 *     CandidatesQuery#after(String)}), or null when this page is the last
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int page, int size, long total, @Nullable String next) {
  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** A page without a cursor for the next one. */
  public Page(List<T> items, int page, int size, long total) {
    this(items, page, size, total, null);
  }

  /** The same page with every item converted. */
  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    return new Page<>(items.stream().<R>map(f).toList(), page, size, total, next);
  }

  /** The same page with a cursor for the next one. */
  public Page<T> withNext(@Nullable String next) {
    return new Page<>(items, page, size, total, next);
  }

  /**
   * How many pages there are. For the Candidates tab, the pages past its first {@value
   * CandidatesQuery#NUMBERED_ROWS} rows are reached by cursor ({@link #next()}), not by number.
   */
  public long pages() {
    return size == 0 ? 0 : (total + size - 1) / size;
  }
}
