/**
 * Service provider interface for stores: what a storage adapter implements (campaigns, enrollments,
 * due-step claims with leases, suppressions, mailboxes, activity log, checkpoints) and the atomic
 * {@link dev.nudge.spi.store.Store#commit} unit of work.
 */
@NullMarked
package dev.nudge.spi.store;

import org.jspecify.annotations.NullMarked;
