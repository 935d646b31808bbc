package dev.nudge;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a sorted list.
 *
 * @param items the items on this page
 * @param page the page number, from 0
 * @param size the requested page size
 * @param total how many items all pages hold
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {
  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** The same page with every item converted. */
  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    return new Page<>(items.stream().<R>map(f).toList(), page, size, total);
  }

  /** How many pages there are. */
  public long pages() {
    return size == 0 ? 0 : (total + size - 1) / size;
  }
}
