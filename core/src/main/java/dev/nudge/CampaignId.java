package dev.nudge;

import java.util.Objects;
import java.util.UUID;

/** Identifies a campaign. */
public record CampaignId(UUID value) {
  /** Validates the component. */
  public CampaignId {
    Objects.requireNonNull(value, "value");
  }

  /** A new random id. */
  public static CampaignId random() {
    return new CampaignId(UUID.randomUUID());
  }

  /** The id of this UUID. */
  public static CampaignId of(UUID value) {
    return new CampaignId(value);
  }

  /** Parses the form produced by {@link #toString()}. */
  public static CampaignId of(String text) {
    return new CampaignId(Ids.parseUuid("campaignId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
