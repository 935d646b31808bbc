package dev.nudge.spi.transport;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The mail server's answer for the recipient of an {@link OutboundEmail}. */
public sealed interface SendResult
    permits SendResult.Accepted, SendResult.TransientFailure, SendResult.PermanentFailure {

  /**
   * The server accepted the message.
   *
   * @param response the server's reply, e.g. {@code 250 2.0.0 Ok: queued as 4F1}, or null
   */
  record Accepted(@Nullable String response) implements SendResult {
    static final Accepted WITHOUT_RESPONSE = new Accepted(null);
  }

  /**
   * Refused for now (4xx, connection lost before the reply to DATA): the step is retried with
   * backoff.
   *
   * @param reason what went wrong
   */
  record TransientFailure(String reason) implements SendResult {
    /** Checks the component. */
    public TransientFailure {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Refused for good (5xx): recorded as a hard bounce of the recipient.
   *
   * @param statusCode the enhanced status code (e.g. {@code 5.1.1}) or SMTP reply code, or null
   * @param reason the server's words
   */
  record PermanentFailure(@Nullable String statusCode, String reason) implements SendResult {
    /** Checks the component. */
    public PermanentFailure {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Accepted, without a server response. */
  static SendResult accepted() {
    return Accepted.WITHOUT_RESPONSE;
  }
}
