/**
 * The model-based random test of the engine over any store: extend {@link
 * dev.nudge.modeltest.EngineModelSuite} once per store implementation.
 */
package dev.nudge.modeltest;
