package dev.nudge.spi.transport;

import dev.nudge.EmailAddress;

/**
 * Hands outbound email to mail servers. Implementations keep connections open across calls and must
 * be safe to call from several threads. They report failures as results and never throw for a
 * refused message; an exception is treated as a transient failure.
 */
@FunctionalInterface
public interface MailTransport {
  /**
   * Sends one email, whose Message-ID is already assigned and stored, to its one recipient.
   *
   * @return accepted; a transient failure (retried later); a permanent failure of the recipient (a
   *     bounce); a refusal of the sender (its mailbox is held); or unknown (the connection was lost
   *     after the data was sent)
   */
  SendResult send(OutboundEmail email);

  /**
   * Checks that a sender mailbox can send now — for a transport that logs in, that its server
   * accepts the credentials — without sending anything. Used to reconnect a held mailbox.
   *
   * @return accepted when it can; {@link SendResult.MailboxRejected} when its credentials are
   *     refused; a transient failure when its server cannot be reached. The default says accepted.
   */
  default SendResult checkMailbox(EmailAddress mailbox) {
    return SendResult.accepted();
  }
}
