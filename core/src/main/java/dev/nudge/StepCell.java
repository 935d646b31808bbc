package dev.nudge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One "Step N" cell of the Candidates tab: status with its time, and what shows on hover.
 *
 * @param step the step number
 * @param type email or manual task
 * @param status the status as shown (never the internal in-flight status)
 * @param at when: the scheduled time for {@code SCHEDULED}, the time the task came due for {@code
 *     MANUAL_TASK}, the completion time for {@code SENT}, {@code DELIVERY_UNKNOWN} and {@code
 *     STOPPED}; null for {@code PENDING}
 * @param engagement opens, reply, bounce and auto-reply
 */
public record StepCell(
    int step, StepType type, StepStatus status, @Nullable Instant at, Engagement engagement) {}
