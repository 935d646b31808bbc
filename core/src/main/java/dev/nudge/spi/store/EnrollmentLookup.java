package dev.nudge.spi.store;

import dev.nudge.CampaignId;
import dev.nudge.CandidateId;
import dev.nudge.EmailAddress;
import java.util.Objects;

/** A way to find enrollments, answered by {@link EnrollmentRepository#find(EnrollmentLookup)}. */
public sealed interface EnrollmentLookup {
  /**
   * The enrollment of one candidate in one campaign (at most one).
   *
   * @param campaignId the campaign
   * @param candidateId the candidate
   */
  record ByCampaignAndCandidate(CampaignId campaignId, CandidateId candidateId)
      implements EnrollmentLookup {
    /** Checks the components. */
    public ByCampaignAndCandidate {
      Objects.requireNonNull(campaignId, "campaignId");
      Objects.requireNonNull(candidateId, "candidateId");
    }
  }

  /**
   * Every enrollment of a campaign, in enrollment order.
   *
   * @param campaignId the campaign
   */
  record ByCampaign(CampaignId campaignId) implements EnrollmentLookup {
    /** Checks the component. */
    public ByCampaign {
      Objects.requireNonNull(campaignId, "campaignId");
    }
  }

  /**
   * Every enrollment of a candidate, across campaigns.
   *
   * @param candidateId the candidate
   */
  record ByCandidate(CandidateId candidateId) implements EnrollmentLookup {
    /** Checks the component. */
    public ByCandidate {
      Objects.requireNonNull(candidateId, "candidateId");
    }
  }

  /**
   * Every enrollment, across campaigns, whose candidate has this address as primary or alternate
   * (compared ignoring case).
   *
   * @param address the address
   */
  record ByAddress(EmailAddress address) implements EnrollmentLookup {
    /** Checks the component. */
    public ByAddress {
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * The enrollment one of whose send attempts has this Message-ID (at most one).
   *
   * @param messageId the Message-ID, with angle brackets
   */
  record ByMessageId(String messageId) implements EnrollmentLookup {
    /** Checks the component. */
    public ByMessageId {
      Objects.requireNonNull(messageId, "messageId");
    }
  }
}
