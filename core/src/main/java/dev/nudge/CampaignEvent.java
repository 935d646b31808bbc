package dev.nudge;

import java.time.Instant;

/**
 * A campaign changed status.
 *
 * @param campaignId the campaign
 * @param at when
 * @param from the previous status
 * @param to the new status
 */
public record CampaignEvent(
    CampaignId campaignId, Instant at, CampaignStatus from, CampaignStatus to)
    implements NudgeEvent {}
