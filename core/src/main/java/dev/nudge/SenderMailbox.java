package dev.nudge;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The mailbox a campaign sends from. Its daily cap (counted per local day in {@code zone}) and the
 * minimum gap between two sends count across every campaign that sends from the same address.
 *
 * @param address the from address; it identifies the mailbox
 * @param displayName the from display name
 * @param dailyCap most sends per local day, at least 1
 * @param minimumGap least time between two sends from this mailbox; zero for none, at most a day
 * @param zone the zone whose days the cap counts
 */
public record SenderMailbox(
    EmailAddress address, String displayName, int dailyCap, Duration minimumGap, ZoneId zone) {

  /** Cap used by {@link #of(String, String)}. */
  public static final int DEFAULT_DAILY_CAP = 200;

  /**
   * The longest minimum gap: a day. A mailbox that should send less than once a day has a daily cap
   * of 1; a longer gap would only hold its sends back without end.
   */
  public static final Duration MAX_MINIMUM_GAP = Duration.ofDays(1);

  /** Validates the components, naming the field at fault. */
  public SenderMailbox {
    InvalidInputException.required(address, "mailbox.address");
    if (displayName == null) {
      throw new InvalidInputException("mailbox.displayName", "must not be null");
    }
    if (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0) {
      throw new InvalidInputException("mailbox.displayName", "contains a line break (CR or LF)");
    }
    if (displayName.length() > Candidate.MAX_TEXT_LENGTH) {
      throw new InvalidInputException("mailbox.displayName", "too long");
    }
    Texts.storable("mailbox.displayName", displayName);
    if (dailyCap < 1) {
      throw new InvalidInputException("mailbox.dailyCap", "must be at least 1, was " + dailyCap);
    }
    if (minimumGap == null
        || minimumGap.isNegative()
        || minimumGap.compareTo(MAX_MINIMUM_GAP) > 0) {
      throw new InvalidInputException(
          "mailbox.minimumGap", "must be between zero and one day, was " + minimumGap);
    }
    InvalidInputException.required(zone, "mailbox.zone");
  }

  /** A mailbox with the default cap, no minimum gap, counting days in UTC. */
  public static SenderMailbox of(String address, String displayName) {
    return new SenderMailbox(
        EmailAddress.of("mailbox.address", address),
        displayName,
        DEFAULT_DAILY_CAP,
        Duration.ZERO,
        ZoneOffset.UTC);
  }

  /** A copy with another daily cap. */
  public SenderMailbox withDailyCap(int cap) {
    return new SenderMailbox(address, displayName, cap, minimumGap, zone);
  }

  /** A copy with another minimum gap between sends. */
  public SenderMailbox withMinimumGap(Duration gap) {
    return new SenderMailbox(address, displayName, dailyCap, gap, zone);
  }

  /** A copy whose cap counts days in another zone. */
  public SenderMailbox withZone(ZoneId zone) {
    return new SenderMailbox(address, displayName, dailyCap, minimumGap, zone);
  }
}
