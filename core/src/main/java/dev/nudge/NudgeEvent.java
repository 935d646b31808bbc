package dev.nudge;

/**
 * Published to every {@link dev.nudge.EventListener} after the change it describes was stored : a
 * campaign status change, or an entry of an enrollment's activity log.
 */
public sealed interface NudgeEvent permits CampaignEvent, EnrollmentEvent {}
