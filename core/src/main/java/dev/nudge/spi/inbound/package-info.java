/**
 * Service provider interface for inbound mail: the parsed, MIME-free model of a received message
 * that an inbound adapter hands to the engine.
 */
@NullMarked
package dev.nudge.spi.inbound;

import org.jspecify.annotations.NullMarked;
