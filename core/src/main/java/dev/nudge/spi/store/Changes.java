package dev.nudge.spi.store;

import dev.nudge.Campaign;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.InboundEntry;
import dev.nudge.Suppression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything one {@link Store#commit} writes, all or nothing. Inserted entities have version 1; an
 * updated entity carries the stored version plus one, and the store refuses it ({@link
 * ConflictException.Kind#VERSION}) unless the stored version is exactly one less.
 *
 * @param insertedCampaigns new campaigns
 * @param updatedCampaigns next versions of stored campaigns
 * @param insertedEnrollments new enrollments; one per campaign and candidate, and one per campaign
 *     and primary address (compared ignoring case); each under a campaign that is stored or that
 *     the same commit inserts, else the commit is refused ({@link ConflictException.Kind#MISSING})
 * @param updatedEnrollments next versions of stored enrollments, some under a claim
 * @param activity activity log entries to append
 * @param suppressions suppression entries to add (an existing equal entry is kept)
 * @param releasedClaims claims to give back once the rest is written
 * @param expectedCampaigns campaigns read to compute the changes: the commit is refused ({@link
 *     ConflictException.Kind#VERSION}) unless each is still at the version given
 * @param inbound received mails to log, each under its key; the commit is refused ({@link
 *     ConflictException.Kind#DUPLICATE}) when a key is in the log already, so that a mail handed
 *     over twice has its effect once
 */
public record Changes(
    List<Campaign> insertedCampaigns,
    List<Campaign> updatedCampaigns,
    List<Enrollment> insertedEnrollments,
    List<EnrollmentUpdate> updatedEnrollments,
    List<EnrollmentEvent> activity,
    List<Suppression> suppressions,
    List<Claim> releasedClaims,
    List<Campaign> expectedCampaigns,
    List<InboundEntry> inbound) {

  /** Copies the lists. */
  public Changes {
    insertedCampaigns = List.copyOf(insertedCampaigns);
    updatedCampaigns = List.copyOf(updatedCampaigns);
    insertedEnrollments = List.copyOf(insertedEnrollments);
    updatedEnrollments = List.copyOf(updatedEnrollments);
    activity = List.copyOf(activity);
    suppressions = List.copyOf(suppressions);
    releasedClaims = List.copyOf(releasedClaims);
    expectedCampaigns = List.copyOf(expectedCampaigns);
    inbound = List.copyOf(inbound);
  }

  /** Starts an empty set of changes. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether nothing is to be written. */
  public boolean isEmpty() {
    return insertedCampaigns.isEmpty()
        && updatedCampaigns.isEmpty()
        && insertedEnrollments.isEmpty()
        && updatedEnrollments.isEmpty()
        && activity.isEmpty()
        && suppressions.isEmpty()
        && releasedClaims.isEmpty()
        && expectedCampaigns.isEmpty()
        && inbound.isEmpty();
  }

  /** These changes with one more received mail to log. */
  public Changes withInbound(InboundEntry entry) {
    List<InboundEntry> all = new ArrayList<>(inbound.size() + 1);
    all.addAll(inbound);
    all.add(entry);
    return new Changes(
        insertedCampaigns,
        updatedCampaigns,
        insertedEnrollments,
        updatedEnrollments,
        activity,
        suppressions,
        releasedClaims,
        expectedCampaigns,
        all);
  }

  /**
   * The next version of an enrollment.
   *
   * @param next the new state, version = stored version + 1
   * @param claim the claim it was computed under, whose fencing token the store checks; null when
   *     written outside a claim
   * @param previous the version {@code next} was computed from, when the writer has it: a store may
   *     update its indexes from the difference of their {@link EnrollmentKeys} instead of reading
   *     the stored row (the version check makes sure it is the stored one); null when unknown
   */
  public record EnrollmentUpdate(
      Enrollment next, @Nullable Claim claim, @Nullable Enrollment previous) {
    /** Checks the components. */
    public EnrollmentUpdate {
      Objects.requireNonNull(next, "next");
      if (previous != null
          && (!previous.id().equals(next.id()) || previous.version() + 1 != next.version())) {
        throw new IllegalArgumentException(
            "previous must be the version before next of the same enrollment");
      }
    }
  }

  /** Collects changes. */
  public static final class Builder {
    private List<Campaign> insertedCampaigns = List.of();
    private List<Campaign> updatedCampaigns = List.of();
    private List<Enrollment> insertedEnrollments = List.of();
    private List<EnrollmentUpdate> updatedEnrollments = List.of();
    private List<EnrollmentEvent> activity = List.of();
    private List<Suppression> suppressions = List.of();
    private List<Claim> releasedClaims = List.of();
    private List<Campaign> expectedCampaigns = List.of();
    private List<InboundEntry> inbound = List.of();

    private Builder() {}

    private static <T> List<T> add(List<T> list, T item) {
      List<T> target = list.isEmpty() ? new ArrayList<>(4) : list;
      target.add(item);
      return target;
    }

    /** Adds a new campaign. */
    public Builder insert(Campaign campaign) {
      insertedCampaigns = add(insertedCampaigns, campaign);
      return this;
    }

    /** Adds the next version of a campaign. */
    public Builder update(Campaign next) {
      updatedCampaigns = add(updatedCampaigns, next);
      return this;
    }

    /** Adds a new enrollment. */
    public Builder insert(Enrollment enrollment) {
      insertedEnrollments = add(insertedEnrollments, enrollment);
      return this;
    }

    /** Adds the next version of an enrollment written outside a claim. */
    public Builder update(Enrollment next) {
      return update(next, null);
    }

    /** Adds the next version of an enrollment written under a claim (fenced). */
    public Builder update(Enrollment next, @Nullable Claim claim) {
      return update(next, claim, null);
    }

    /**
     * Adds the next version of an enrollment, under a claim when one is given, with the version it
     * was computed from.
     */
    public Builder update(Enrollment next, @Nullable Claim claim, @Nullable Enrollment previous) {
      updatedEnrollments = add(updatedEnrollments, new EnrollmentUpdate(next, claim, previous));
      return this;
    }

    /** Appends activity entries. */
    public Builder activity(List<EnrollmentEvent> entries) {
      if (entries.isEmpty()) {
        return this;
      }
      // one list of the builder's own, grown in place: a batch of thousands of enrollments adds
      // its entries in time proportional to their number, not to its square
      if (activity.isEmpty()) {
        activity = new ArrayList<>(Math.max(16, entries.size()));
      }
      activity.addAll(entries);
      return this;
    }

    /** Adds a suppression entry. */
    public Builder suppress(Suppression suppression) {
      suppressions = add(suppressions, suppression);
      return this;
    }

    /** Releases a claim once the rest is written. */
    public Builder release(Claim claim) {
      releasedClaims = add(releasedClaims, claim);
      return this;
    }

    /** Commits only if the campaign is still at the version of {@code campaign}. */
    public Builder expect(Campaign campaign) {
      expectedCampaigns = add(expectedCampaigns, campaign);
      return this;
    }

    /** Logs a received mail under its key. */
    public Builder inbound(InboundEntry entry) {
      inbound = add(inbound, entry);
      return this;
    }

    /** The collected changes. */
    public Changes build() {
      return new Changes(
          insertedCampaigns,
          updatedCampaigns,
          insertedEnrollments,
          updatedEnrollments,
          activity,
          suppressions,
          releasedClaims,
          expectedCampaigns,
          inbound);
    }
  }
}
