package dev.nudge;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A received mail as the engine recorded it on {@link Nudge#receive}: what it was, the step it
 * concerned and what became of it. Every mail handed over leaves one entry, matched or not, and a
 * mail handed over again has no further effect. The entry holds no text of the mail.
 *
 * @param key the mail's Message-ID, or {@code sha256:} and a hash of its bytes when it has none
 * @param receivedAt when it was received
 * @param kind what the mail is
 * @param outcome what became of it
 * @param step the step it concerns, or null when it matched none
 * @param matchedBy how it was linked to the step, or null
 * @param from the sender's address, or null when it had none that could be read
 * @param detail a short description: bounce status and reason, the return date of an auto-reply,
 *     why it could not be read; may be empty; control characters become spaces
 */
public record InboundEntry(
    String key,
    Instant receivedAt,
    Kind kind,
    Outcome outcome,
    @Nullable StepRef step,
    @Nullable MatchMethod matchedBy,
    @Nullable EmailAddress from,
    String detail) {

  /** The longest key kept; longer Message-IDs are hashed. */
  public static final int MAX_KEY = 300;

  /** The longest detail kept. */
  public static final int MAX_DETAIL = 1000;

  /** Checks the components and cuts the detail to {@link #MAX_DETAIL}. */
  public InboundEntry {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > MAX_KEY) {
      throw new InvalidInputException("key", "must have 1 to " + MAX_KEY + " characters");
    }
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    // control characters become spaces: a detail quotes servers, and databases refuse some of them
    detail = Texts.controlsAsSpaces(detail);
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
    if (matchedBy != null && step == null) {
      throw new InvalidInputException("matchedBy", "is only given with a step");
    }
  }

  /** This entry with another outcome. */
  public InboundEntry withOutcome(Outcome next) {
    return new InboundEntry(key, receivedAt, kind, next, step, matchedBy, from, detail);
  }

  /** What a received mail is. */
  public enum Kind {
    /** A person's answer: the campaign stops. */
    REPLY,
    /** An automatic answer such as out-of-office: the campaign goes on. */
    AUTO_REPLY,
    /** A delivery failure report. */
    BOUNCE,
    /** A report that a message was delivered, relayed or delayed: not a failure. */
    DELIVERY_REPORT,
    /** A spam complaint (feedback report). */
    COMPLAINT,
    /** A request to hear no more. */
    UNSUBSCRIBE,
    /** Mail that has nothing to do with a campaign. */
    UNRELATED,
    /** Mail that could not be read (malformed, truncated, too large). */
    UNREADABLE
  }

  /** What became of a received mail. */
  public enum Outcome {
    /** Recorded on the step it matched. */
    RECORDED,
    /** No step matched: kept here only. */
    UNMATCHED,
    /** Nothing to record: a delivery report, unrelated or unreadable mail. */
    NOTED,
    /** Handed over before: no further effect (returned by {@link Nudge#receive}, never stored). */
    DUPLICATE
  }
}
