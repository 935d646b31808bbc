/**
 * Ports the engine talks through: store, mail transport, to-do sink and event listener, with the
 * values they exchange.
 */
@NullMarked
package dev.nudge.port;

import org.jspecify.annotations.NullMarked;
