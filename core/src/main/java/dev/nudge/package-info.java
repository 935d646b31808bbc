/**
 * Public API of Nudge: the {@link dev.nudge.Nudge} facade and its builder, identifiers, value
 * records and exceptions.
 */
@NullMarked
package dev.nudge;

import org.jspecify.annotations.NullMarked;
