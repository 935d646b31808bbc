package dev.nudge;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One hand-over of a step's email to the mail transport. The Message-ID is generated and stored
 * before the transport is called.
 *
 * @param messageId the Message-ID, with angle brackets
 * @param to the address written to
 * @param at when the attempt was recorded as in flight
 * @param outcome what became of it
 * @param detail the server's response or failure reason, or null
 */
public record SendAttempt(
    String messageId, EmailAddress to, Instant at, Outcome outcome, @Nullable String detail) {

  /** Checks the components. */
  public SendAttempt {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** A copy with another outcome. */
  public SendAttempt with(Outcome outcome, @Nullable String detail) {
    return new SendAttempt(messageId, to, at, outcome, detail);
  }

  /** What became of a send attempt. */
  public enum Outcome {
    /** Handed to the transport; no answer recorded yet. */
    IN_FLIGHT,
    /** Accepted by the mail server. */
    ACCEPTED,
    /** Refused for now (4xx, connection lost); retried. */
    TRANSIENT_FAILURE,
    /** Refused for good because of the recipient (5xx): a bounce of the address. */
    PERMANENT_FAILURE,
    /** Refused because of the sender (credentials, policy, throttling): nobody bounced. */
    SENDER_REJECTED,
    /** Accepted, then bounced back. */
    BOUNCED,
    /** The email may or may not have been delivered: the answer was lost, or the engine died. */
    UNKNOWN
  }
}
