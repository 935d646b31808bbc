package dev.nudge;

import java.time.Duration;

/**
 * Per-campaign behaviour switches.
 *
 * @param jitter largest random delay added inside the sending window, so a batch does not leave at
 *     the same second; zero for none
 * @param holdAfterAutoReply whether an out-of-office reply with a return date holds the next step
 *     until after that date
 * @param maxAutoReplyHold longest such hold, counted from when the auto-reply arrived
 */
public record CampaignOptions(
    Duration jitter, boolean holdAfterAutoReply, Duration maxAutoReplyHold) {

  /** Upper bound of {@link #maxAutoReplyHold}. */
  public static final Duration MAX_HOLD = Duration.ofDays(30);

  /** Validates the components. */
  public CampaignOptions {
    if (jitter == null || jitter.isNegative() || jitter.compareTo(Duration.ofDays(1)) > 0) {
      throw new InvalidInputException("options.jitter", "must be between zero and one day");
    }
    if (maxAutoReplyHold == null
        || maxAutoReplyHold.isNegative()
        || maxAutoReplyHold.compareTo(MAX_HOLD) > 0) {
      throw new InvalidInputException(
          "options.maxAutoReplyHold", "must be between zero and " + MAX_HOLD.toDays() + " days");
    }
  }

  /** No jitter; hold after an auto-reply for at most 30 days. */
  public static CampaignOptions defaults() {
    return new CampaignOptions(Duration.ZERO, true, MAX_HOLD);
  }

  /** A copy with another jitter. */
  public CampaignOptions withJitter(Duration jitter) {
    return new CampaignOptions(jitter, holdAfterAutoReply, maxAutoReplyHold);
  }

  /** A copy that does or does not hold after an auto-reply, for at most {@code max}. */
  public CampaignOptions withAutoReplyHold(boolean hold, Duration max) {
    return new CampaignOptions(jitter, hold, max);
  }
}
