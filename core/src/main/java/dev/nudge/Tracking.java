package dev.nudge;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where the host serves tracking endpoints. The engine appends a signed token to each base, and the
 * host's endpoint hands the token back ({@code Nudge.recordOpen}, {@code
 * Nudge.unsubscribeByToken}).
 *
 * @param openPixelBase base of the open-tracking pixel URL, e.g. {@code https://t.example.com/o/};
 *     null for no pixel
 * @param unsubscribeBase base of the one-click unsubscribe URL; null for no {@code
 *     List-Unsubscribe} header
 * @param bounceMailbox envelope sender for VERP return paths ({@code local+id=domain@host}); null
 *     to use the sender mailbox
 * @param unsubscribeMailbox address of the {@code mailto:} alternative in {@code List-Unsubscribe}
 *     (its subject carries the token); null for the https URL only
 */
public record Tracking(
    @Nullable URI openPixelBase,
    @Nullable URI unsubscribeBase,
    @Nullable EmailAddress bounceMailbox,
    @Nullable EmailAddress unsubscribeMailbox) {

  /** Validates the bases: absolute http(s) URIs without a fragment. */
  public Tracking {
    check("tracking.openPixelBase", openPixelBase);
    check("tracking.unsubscribeBase", unsubscribeBase);
  }

  /** No pixel, no unsubscribe header, no VERP. */
  public static Tracking none() {
    return new Tracking(null, null, null, null);
  }

  /** Pixel and unsubscribe URLs under the given bases, without VERP. */
  public static Tracking of(String openPixelBase, String unsubscribeBase) {
    return new Tracking(URI.create(openPixelBase), URI.create(unsubscribeBase), null, null);
  }

  /** A copy that sends with VERP return paths at this mailbox. */
  public Tracking withBounceMailbox(EmailAddress mailbox) {
    return new Tracking(openPixelBase, unsubscribeBase, mailbox, unsubscribeMailbox);
  }

  /** A copy whose {@code List-Unsubscribe} header also offers mail to this address. */
  public Tracking withUnsubscribeMailbox(EmailAddress mailbox) {
    return new Tracking(openPixelBase, unsubscribeBase, bounceMailbox, mailbox);
  }

  private static void check(String field, @Nullable URI uri) {
    if (uri == null) {
      return;
    }
    String scheme = uri.getScheme();
    if (!uri.isAbsolute()
        || scheme == null
        || !(scheme.equals("https") || scheme.equals("http"))
        || uri.getFragment() != null) {
      throw new InvalidInputException(field, "must be an absolute http(s) URI without a fragment");
    }
  }
}
