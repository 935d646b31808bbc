package dev.nudge;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an enrollment's activity log, also published to listeners: a status change of the
 * enrollment or of a step, a send, an open, a reply, a bounce and so on.
 *
 * @param enrollmentId the enrollment
 * @param campaignId its campaign
 * @param at when it happened
 * @param type what happened
 * @param step the step concerned, or 0 when the entry is about the whole enrollment
 * @param from the previous status for a status change, else null
 * @param to the new status for a status change, else null
 * @param detail human-readable detail (Message-ID, address, bounce code, ...); may be empty
 */
public record EnrollmentEvent(
    EnrollmentId enrollmentId,
    CampaignId campaignId,
    Instant at,
    Type type,
    int step,
    @Nullable String from,
    @Nullable String to,
    String detail)
    implements NudgeEvent {

  /** Checks the components. */
  public EnrollmentEvent {
    Objects.requireNonNull(enrollmentId, "enrollmentId");
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(detail, "detail");
  }

  /** What an activity entry records. */
  public enum Type {
    /** The candidate was enrolled. */
    ENROLLED,
    /** The enrollment's status changed ({@code from}, {@code to}). */
    STATUS_CHANGED,
    /**
     * A step's status changed ({@code from}, {@code to}, names of {@link
     * dev.nudge.spi.store.StepState}); detail holds the scheduled time. The log keeps {@code
     * IN_FLIGHT}, the moment a send began, which the Candidates tab shows as {@code SCHEDULED}.
     */
    STEP_STATUS_CHANGED,
    /** An email was accepted by the mail server; detail holds its Message-ID. */
    EMAIL_SENT,
    /** The transport refused an email; detail says why. */
    SEND_FAILED,
    /** A human or machine open. */
    OPENED,
    /** A reply was recorded. */
    REPLIED,
    /** A bounce was recorded. */
    BOUNCED,
    /** An auto-reply was recorded. */
    AUTO_REPLIED,
    /** The candidate unsubscribed. */
    UNSUBSCRIBED,
    /** The candidate complained (spam report). */
    COMPLAINED,
    /** Later steps go to the next alternate address. */
    ADDRESS_SWITCHED,
    /** The candidate's personal data was erased. */
    ERASED
  }
}
