/** Engine internals; not exported. */
@NullMarked
package dev.nudge.internal;

import org.jspecify.annotations.NullMarked;
