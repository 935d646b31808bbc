/** Fakes, fixtures and test data shared by Nudge's tests and by the store modules' tests. */
@NullMarked
package dev.nudge.testkit;

import org.jspecify.annotations.NullMarked;
