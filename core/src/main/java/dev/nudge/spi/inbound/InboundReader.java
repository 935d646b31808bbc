package dev.nudge.spi.inbound;

import java.time.Instant;

/**
 * Reads a received mail: parses the raw RFC 5322 bytes into an {@link InboundMessage} and says what
 * it is ({@link Classification}). Implemented by the mail adapter; the engine's {@code
 * Nudge.receive} matches and records the result. Thread-safe.
 */
@FunctionalInterface
public interface InboundReader {
  /**
   * Reads one message. Never throws for what the message holds: malformed, truncated or oversized
   * input is read as far as it goes and classified {@link Classification.Unreadable}.
   *
   * @param raw the message as received, with any line endings
   * @param receivedAt when it was received
   */
  ReadMail read(byte[] raw, Instant receivedAt);
}
