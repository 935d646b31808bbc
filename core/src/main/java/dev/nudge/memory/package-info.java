/** A thread-safe in-memory {@link dev.nudge.spi.store.Store}, for tests and single-process use. */
@NullMarked
package dev.nudge.memory;

import org.jspecify.annotations.NullMarked;
