/**
 * The storage contract suite: extend {@link dev.nudge.storetest.StoreContractTest} once per store
 * implementation.
 */
@NullMarked
package dev.nudge.storetest;

import org.jspecify.annotations.NullMarked;
