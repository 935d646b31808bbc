/** A thread-safe in-memory {@link dev.nudge.port.Store}, for tests and single-process use. */
@NullMarked
package dev.nudge.memory;

import org.jspecify.annotations.NullMarked;
