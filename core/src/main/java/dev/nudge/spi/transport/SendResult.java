package dev.nudge.spi.transport;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The mail server's answer for the recipient of an {@link OutboundEmail}, by the phase of the SMTP
 * conversation it came in. {@link SmtpStatus} reads a refusal's codes and words.
 */
public sealed interface SendResult
    permits SendResult.Accepted,
        SendResult.TransientFailure,
        SendResult.PermanentFailure,
        SendResult.MailboxRejected,
        SendResult.Unknown {

  /**
   * The server accepted the message.
   *
   * @param response the server's reply, e.g. {@code 250 2.0.0 Ok: queued as 4F1}, or null
   */
  record Accepted(@Nullable String response) implements SendResult {
    static final Accepted WITHOUT_RESPONSE = new Accepted(null);
  }

  /**
   * Refused for now before the message data was accepted: the connection was refused or lost, or
   * the server answered 4xx. Nothing was delivered; the step is retried with backoff.
   *
   * @param statusCode the enhanced status code (e.g. {@code 4.2.2}) or the reply code, or null
   * @param reason what went wrong
   * @param retryAfter how long the server asked to wait, or null
   */
  record TransientFailure(@Nullable String statusCode, String reason, @Nullable Duration retryAfter)
      implements SendResult {
    /** Checks the components. */
    public TransientFailure {
      Objects.requireNonNull(reason, "reason");
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative");
      }
    }

    /** A transient failure without a status code or a wait asked for. */
    public TransientFailure(String reason) {
      this(null, reason, null);
    }
  }

  /**
   * Refused for good because of the recipient (a 5xx to {@code RCPT TO} or to the data that is
   * about the recipient): recorded as a bounce of that address, hard or soft as {@link SmtpStatus}
   * reads it.
   *
   * @param statusCode the enhanced status code (e.g. {@code 5.1.1}) or the reply code, or null
   * @param reason the server's words
   */
  record PermanentFailure(@Nullable String statusCode, String reason) implements SendResult {
    /** Checks the component. */
    public PermanentFailure {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Refused because of the sender, not the recipient: nobody bounces. The step waits and the sender
   * mailbox is held — disconnected when its credentials were refused, paused for a while when the
   * receiving side refused the sender (policy, reputation, SPF/DKIM/DMARC) or throttled it.
   *
   * @param kind what was refused
   * @param statusCode the enhanced status code or the reply code, or null
   * @param reason the server's words
   */
  record MailboxRejected(Kind kind, @Nullable String statusCode, String reason)
      implements SendResult {
    /** Checks the components. */
    public MailboxRejected {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
    }

    /** What about the sender was refused. */
    public enum Kind {
      /** The sender's own server refused its credentials (password or OAuth2 token). */
      AUTHENTICATION,
      /** The receiving side refused the sender: policy, reputation, authentication of the mail. */
      POLICY,
      /** The receiving side throttled the sender: too many messages or connections. */
      RATE
    }
  }

  /**
   * The connection was lost or timed out after the message data was sent and before the server's
   * final answer: the message may or may not have been delivered. Not sent again unless the resend
   * policy is chosen, and then with the same Message-ID.
   *
   * @param reason what happened
   */
  record Unknown(String reason) implements SendResult {
    /** Checks the component. */
    public Unknown {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Accepted, without a server response. */
  static SendResult accepted() {
    return Accepted.WITHOUT_RESPONSE;
  }
}
