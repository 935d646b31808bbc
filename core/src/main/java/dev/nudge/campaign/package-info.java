/**
 * Campaign domain: campaigns, steps, enrollments, their state machines and the scheduling calendar.
 */
@NullMarked
package dev.nudge.campaign;

import org.jspecify.annotations.NullMarked;
