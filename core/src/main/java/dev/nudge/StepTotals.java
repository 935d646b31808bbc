package dev.nudge;

/**
 * Totals of one step over a campaign's enrollments.
 *
 * @param step the step number
 * @param sent enrollments whose step is {@code SENT}
 * @param opened enrollments whose step has at least one human open
 * @param replied enrollments whose step has a reply
 * @param bounced enrollments whose step has a hard bounce
 */
public record StepTotals(int step, long sent, long opened, long replied, long bounced) {}
