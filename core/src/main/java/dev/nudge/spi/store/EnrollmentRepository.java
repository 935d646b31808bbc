package dev.nudge.spi.store;

import dev.nudge.CampaignId;
import dev.nudge.CandidateId;
import dev.nudge.CandidatesQuery;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentId;
import dev.nudge.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads enrollments; writes go through {@link Store#commit}. */
public interface EnrollmentRepository {
  /** The enrollment with this id. */
  Optional<Enrollment> find(EnrollmentId id);

  /**
   * The stored versions of enrollments, without reading the rest (an id not stored is left out):
   * asked during the sends of a batch, to leave out an enrollment that changed (a reply, an
   * opt-out) since it was recorded in flight.
   */
  default Map<EnrollmentId, Long> versions(Collection<EnrollmentId> ids) {
    Map<EnrollmentId, Long> versions = new HashMap<>();
    for (Enrollment e : find(ids)) {
      versions.put(e.id(), e.version());
    }
    return versions;
  }

  /**
   * The enrollments with these ids that exist, in no particular order: a store answers a batch in
   * one round trip where it can.
   */
  default List<Enrollment> find(Collection<EnrollmentId> ids) {
    List<Enrollment> found = new ArrayList<>(ids.size());
    for (EnrollmentId id : ids) {
      find(id).ifPresent(found::add);
    }
    return found;
  }

  /**
   * The enrollments of a campaign whose candidate has one of these ids, or one of these addresses
   * as primary or alternate (compared ignoring case), each once and in no particular order: how
   * enrolling a batch learns in one round trip who is in the campaign already.
   */
  default List<Enrollment> findEnrolled(
      CampaignId campaignId,
      Collection<CandidateId> candidates,
      Collection<EmailAddress> addresses) {
    Map<EnrollmentId, Enrollment> found = new LinkedHashMap<>();
    for (CandidateId c : candidates) {
      findByCandidate(campaignId, c).ifPresent(e -> found.put(e.id(), e));
    }
    for (EmailAddress a : addresses) {
      for (Enrollment e : findByAddress(a)) {
        if (e.campaignId().equals(campaignId)) {
          found.put(e.id(), e);
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  /**
   * A slice of a campaign's enrollments, for work that visits each of them without holding all of
   * them: at most {@code limit}, in an order of ids the store keeps the same between calls,
   * starting after {@code after} (from the first when null). An empty list means there are no more.
   */
  default List<Enrollment> findInCampaign(
      CampaignId campaignId, @Nullable EnrollmentId after, int limit) {
    List<Enrollment> all = new ArrayList<>(find(new EnrollmentLookup.ByCampaign(campaignId)));
    all.sort(Comparator.comparing(e -> e.id().toString()));
    List<Enrollment> slice = new ArrayList<>(Math.min(limit, all.size()));
    String from = after == null ? null : after.toString();
    for (Enrollment e : all) {
      if (slice.size() == limit) {
        break;
      }
      if (from == null || e.id().toString().compareTo(from) > 0) {
        slice.add(e);
      }
    }
    return slice;
  }

  /**
   * Enrollments matching a lookup: by campaign and candidate, by campaign, by candidate across
   * campaigns, by address across campaigns, or by the Message-ID of a send attempt.
   */
  List<Enrollment> find(EnrollmentLookup lookup);

  /**
   * One page of a campaign's Candidates tab, sorted as asked, on the keys {@link EnrollmentKeys}
   * computes (ties by enrollment id as text). Without {@link CandidatesQuery#after()} the page is
   * found by its offset; with it, the page holds the first rows sorting strictly after the keys it
   * names, whatever its number. The total counts the whole view either way; the engine makes the
   * page's {@link Page#next()} cursor.
   */
  Page<Enrollment> page(CampaignId campaignId, CandidatesQuery query);

  /** Aggregates that the Candidates tab and the to-do list need. */
  EnrollmentStatistics statistics();

  /** Shorthand for the enrollment of a candidate in a campaign. */
  default Optional<Enrollment> findByCandidate(CampaignId campaignId, CandidateId candidateId) {
    return find(new EnrollmentLookup.ByCampaignAndCandidate(campaignId, candidateId)).stream()
        .findFirst();
  }

  /** Shorthand for the enrollment that sent the email with this Message-ID. */
  default Optional<Enrollment> findByMessageId(String messageId) {
    return find(new EnrollmentLookup.ByMessageId(messageId)).stream().findFirst();
  }

  /** Shorthand for the enrollments, across campaigns, of candidates who have this address. */
  default List<Enrollment> findByAddress(EmailAddress address) {
    return find(new EnrollmentLookup.ByAddress(address));
  }
}
