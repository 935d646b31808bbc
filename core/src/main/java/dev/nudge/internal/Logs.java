package dev.nudge.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's loggers, named for what a user looks for rather than for classes: {@code
 * dev.nudge.runner} (life cycle of the background runner, claiming), {@code dev.nudge.send} (one
 * DEBUG line per send; delivery unknown and steps parked for a person at INFO and above), {@code
 * dev.nudge.inbound} (one DEBUG line per recorded reply, bounce, auto-reply, opt-out), {@code
 * dev.nudge.mailbox} (sender mailboxes), {@code dev.nudge.campaign} (campaign status changes
 * reaching their enrollments) and {@code dev.nudge.events} (listeners and to-do sinks that fail).
 * No line carries a message body, a token or a password.
 */
final class Logs {
  static final Logger RUNNER = LoggerFactory.getLogger("dev.nudge.runner");
  static final Logger SEND = LoggerFactory.getLogger("dev.nudge.send");
  static final Logger INBOUND = LoggerFactory.getLogger("dev.nudge.inbound");
  static final Logger MAILBOX = LoggerFactory.getLogger("dev.nudge.mailbox");
  static final Logger CAMPAIGN = LoggerFactory.getLogger("dev.nudge.campaign");
  static final Logger EVENTS = LoggerFactory.getLogger("dev.nudge.events");

  private Logs() {}
}
