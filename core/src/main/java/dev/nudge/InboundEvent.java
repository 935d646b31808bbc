package dev.nudge;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Something the candidate's side did to a sent step, already classified: a reply, a bounce, an
 * auto-reply, an unsubscribe request or a complaint. Record one with {@code Nudge.record}.
 */
public sealed interface InboundEvent
    permits InboundEvent.Reply,
        InboundEvent.Bounce,
        InboundEvent.AutoReply,
        InboundEvent.Unsubscribe,
        InboundEvent.Complaint {

  /** Longest text kept with a reply or auto-reply; the rest is cut. */
  int MAX_TEXT = 4000;

  /**
   * A human reply: the enrollment completes and nothing more is sent.
   *
   * @param text the new text of the reply (without quoted history), cut to {@link #MAX_TEXT}
   * @param matchedBy how the reply was linked to the step
   */
  record Reply(String text, MatchMethod matchedBy) implements InboundEvent {
    /** Checks and cuts the components. */
    public Reply {
      text = cut(InvalidInputException.required(text, "event.text"));
      InvalidInputException.required(matchedBy, "event.matchedBy");
    }
  }

  /**
   * A bounce of the step's email.
   *
   * @param recipient the address that bounced
   * @param type hard (permanent) or soft (temporary)
   * @param statusCode the enhanced status code, e.g. {@code 5.1.1}, or null
   * @param reason the reason bucket
   * @param diagnostic the remote server's words, or null
   */
  record Bounce(
      EmailAddress recipient,
      BounceType type,
      @Nullable String statusCode,
      BounceReason reason,
      @Nullable String diagnostic)
      implements InboundEvent {
    /** Checks and cuts the components. */
    public Bounce {
      InvalidInputException.required(recipient, "event.recipient");
      InvalidInputException.required(type, "event.type");
      InvalidInputException.required(reason, "event.reason");
      diagnostic = diagnostic == null ? null : cut(diagnostic);
    }

    /** A hard bounce of an address that does not exist. */
    public static Bounce hard(EmailAddress recipient, @Nullable String statusCode) {
      return new Bounce(recipient, BounceType.HARD, statusCode, BounceReason.INVALID_ADDRESS, null);
    }

    /** A soft bounce with a full-mailbox reason. */
    public static Bounce soft(EmailAddress recipient, @Nullable String statusCode) {
      return new Bounce(recipient, BounceType.SOFT, statusCode, BounceReason.MAILBOX_FULL, null);
    }
  }

  /**
   * An automatic reply such as out-of-office: not a reply; the campaign continues, after the return
   * date when one was read.
   *
   * @param returnDate the date the person is back, or null
   * @param text the text of the auto-reply, cut to {@link #MAX_TEXT}
   */
  record AutoReply(@Nullable LocalDate returnDate, String text) implements InboundEvent {
    /** Checks and cuts the components. */
    public AutoReply {
      text = cut(InvalidInputException.required(text, "event.text"));
    }
  }

  /**
   * A request to stop: the address (or its whole domain) is suppressed and every enrollment for it
   * completes.
   *
   * @param wholeDomain whether the address's whole domain is suppressed
   */
  record Unsubscribe(boolean wholeDomain) implements InboundEvent {}

  /**
   * A spam complaint (an ARF feedback report): handled like an unsubscribe of the address.
   *
   * @param feedbackType the ARF feedback type, e.g. {@code abuse}, or null
   */
  record Complaint(@Nullable String feedbackType) implements InboundEvent {}

  private static String cut(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }
}
