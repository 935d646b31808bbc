package dev.nudge.spi.store;

import dev.nudge.CandidateView;
import dev.nudge.CandidatesQuery;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentStatus;
import dev.nudge.SendAttempt;
import dev.nudge.StepExecution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The values a store indexes, looks up and sorts enrollments by, computed here so that every store
 * indexes the same values and sorts the same way. Text keys are compared by Unicode code point (a
 * database's binary collation on UTF-8), never by a locale's collation: see {@link #TEXT_ORDER}.
 *
 * @param primaryAddress the primary address in lower case: one enrollment per campaign and value
 * @param addresses every address of the candidate in lower case, primary first, without repeats
 * @param messageIds the Message-ID of every send attempt, oldest first, without repeats
 * @param taskOwner the owner of the open manual task, or null
 * @param taskDueAt when the open manual task came due, or null
 * @param nameKey the Candidates tab's name sort key
 * @param statusRank the Candidates tab's status sort key ({@link #statusRank})
 * @param view the Candidates tab view the enrollment is listed in
 * @param dueAt when the enrollment next needs the engine, or null (see {@link Enrollment#dueAt()})
 * @param stepFlags what the per-step totals count, one {@link StepFlags} value per step
 */
public record EnrollmentKeys(
    String primaryAddress,
    List<String> addresses,
    List<String> messageIds,
    @Nullable String taskOwner,
    @Nullable Instant taskDueAt,
    String nameKey,
    int statusRank,
    CandidateView view,
    @Nullable Instant dueAt,
    List<Integer> stepFlags) {

  /** Code point order: what a binary collation on UTF-8 gives, and what stores must sort by. */
  public static final Comparator<String> TEXT_ORDER = EnrollmentKeys::compareCodePoints;

  /** Copies the lists. */
  public EnrollmentKeys {
    addresses = List.copyOf(addresses);
    messageIds = List.copyOf(messageIds);
    stepFlags = List.copyOf(stepFlags);
  }

  /** The keys of an enrollment. */
  public static EnrollmentKeys of(Enrollment e) {
    Set<String> addresses = new LinkedHashSet<>();
    for (EmailAddress a : e.candidate().addresses()) {
      addresses.add(a.key());
    }
    Set<String> ids = new LinkedHashSet<>();
    List<Integer> flags = new ArrayList<>(e.steps().size());
    String owner = null;
    Instant taskDue = null;
    for (StepExecution s : e.steps()) {
      for (SendAttempt a : s.attempts()) {
        ids.add(a.messageId());
      }
      if (s.state() == StepState.MANUAL_TASK && owner == null) {
        owner = s.taskOwner();
        taskDue = s.scheduledAt() != null ? s.scheduledAt() : e.lastActivityAt();
      }
      flags.add(StepFlags.of(s));
    }
    return new EnrollmentKeys(
        e.candidate().email().key(),
        List.copyOf(addresses),
        List.copyOf(ids),
        owner,
        taskDue,
        nameKey(e.candidate().name()),
        statusRank(e.status()),
        e.status().view(),
        e.dueAt(),
        flags);
  }

  /**
   * Where a page of the Candidates tab that ends with {@code last} ends: the keys a store compares
   * to read the page after it ({@link CandidatesQuery#after()}).
   */
  public static CandidatesQuery.After endOf(CandidatesQuery query, Enrollment last) {
    return new CandidatesQuery.After(
        query.view(),
        query.sort(),
        query.descending(),
        query.page(),
        query.size(),
        nameKey(last.candidate().name()),
        statusRank(last.status()),
        last.lastActivityAt(),
        last.id());
  }

  /** The status sort key: the position of the status in the Candidates tab's status order. */
  public static int statusRank(EnrollmentStatus status) {
    return switch (status) {
      case NOT_STARTED -> 0;
      case STARTED -> 1;
      case MANUAL_TASK -> 2;
      case PAUSED -> 3;
      case COMPLETED -> 4;
      case BOUNCED -> 5;
      case REMOVED -> 6;
    };
  }

  /** A number for each Candidates tab view, for stores that keep it as one. */
  public static int viewCode(CandidateView view) {
    return switch (view) {
      case ACTIVE -> 0;
      case COMPLETED -> 1;
      case REMOVED -> 2;
    };
  }

  /** Longest name sort key, in characters: longer names sort by their beginning. */
  public static final int NAME_KEY_LENGTH = 200;

  /**
   * The name sort key: the name in lower case, at most {@value #NAME_KEY_LENGTH} characters, with
   * any half of a surrogate pair that stands alone replaced by U+FFFD (UTF-8 has no form for it,
   * and a store that keeps the key in UTF-8 must sort it where core does).
   */
  public static String nameKey(String name) {
    String key = wellFormed(name.toLowerCase(Locale.ROOT));
    if (key.length() <= NAME_KEY_LENGTH) {
      return key;
    }
    int end = NAME_KEY_LENGTH;
    if (Character.isHighSurrogate(key.charAt(end - 1))) {
      end--;
    }
    return key.substring(0, end);
  }

  private static String wellFormed(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(s.length()).append(s, 0, i);
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** What the per-step totals count of one step, as bits of an int. */
  public static final class StepFlags {
    /** The step is {@code SENT}. */
    public static final int SENT = 1;

    /** The step has at least one human open. */
    public static final int OPENED = 2;

    /** The step has a reply. */
    public static final int REPLIED = 4;

    /** The step's last bounce is hard. */
    public static final int BOUNCED = 8;

    private StepFlags() {}

    /** The flags of a step. */
    public static int of(StepExecution s) {
      int f = 0;
      if (s.status() == dev.nudge.StepStatus.SENT) {
        f |= SENT;
      }
      if (s.engagement().opens() > 0) {
        f |= OPENED;
      }
      if (s.engagement().reply() != null) {
        f |= REPLIED;
      }
      var bounce = s.engagement().bounce();
      if (bounce != null && bounce.type() == dev.nudge.BounceType.HARD) {
        f |= BOUNCED;
      }
      return f;
    }
  }
}
