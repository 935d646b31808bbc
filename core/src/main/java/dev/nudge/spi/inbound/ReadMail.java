package dev.nudge.spi.inbound;

import java.util.Objects;

/**
 * A received mail as read: its parsed content and what it is.
 *
 * @param message the parsed message
 * @param classification what it is: a reply, an auto-reply, a bounce, ...
 */
public record ReadMail(InboundMessage message, Classification classification) {
  /** Checks the components. */
  public ReadMail {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(classification, "classification");
  }
}
