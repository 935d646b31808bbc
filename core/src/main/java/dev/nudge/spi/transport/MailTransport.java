package dev.nudge.spi.transport;

/**
 * Hands an outbound email to a mail server. Implementations keep connections open across calls and
 * must be safe to call from several threads. They report failures as results and never throw for a
 * refused message; an exception is treated as a transient failure.
 */
@FunctionalInterface
public interface MailTransport {
  /**
   * Sends one email, whose Message-ID is already assigned and stored, to its one recipient.
   *
   * @return accepted, transient failure (retried later) or permanent failure (a hard bounce)
   */
  SendResult send(OutboundEmail email);
}
