/**
 * The Candidates tab of a campaign as a self-contained HTML page, {@link
 * dev.nudge.examples.demo.CandidatesPage}: what a host's user interface shows from Nudge's queries.
 */
@NullMarked
package dev.nudge.examples.demo;

import org.jspecify.annotations.NullMarked;
