package dev.nudge;

/**
 * Published to every {@link dev.nudge.EventListener} after the change it describes was stored: a
 * campaign status change, an entry of an enrollment's activity log, or a sender mailbox held or
 * working again.
 */
public sealed interface NudgeEvent permits CampaignEvent, EnrollmentEvent, MailboxEvent {}
