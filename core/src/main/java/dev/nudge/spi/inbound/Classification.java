package dev.nudge.spi.inbound;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.EmailAddress;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What a received mail is, as an {@link InboundReader} classified it. */
public sealed interface Classification
    permits Classification.HumanReply,
        Classification.AutoReply,
        Classification.Bounce,
        Classification.DeliveryReport,
        Classification.Complaint,
        Classification.UnsubscribeRequest,
        Classification.Unrelated,
        Classification.Unreadable {

  /** A person's answer. */
  record HumanReply() implements Classification {}

  /**
   * An automatic answer: out of office, vacation, a ticket confirmation.
   *
   * @param returnDate the date the person is back, when the text states it without ambiguity, or
   *     null
   */
  record AutoReply(@Nullable LocalDate returnDate) implements Classification {}

  /**
   * A delivery failure, one entry per recipient that failed.
   *
   * @param recipients the failed recipients, at least one
   */
  record Bounce(List<BouncedRecipient> recipients) implements Classification {
    /** Copies the list; refuses an empty one. */
    public Bounce {
      recipients = List.copyOf(recipients);
      if (recipients.isEmpty()) {
        throw new IllegalArgumentException("a bounce names at least one recipient");
      }
    }
  }

  /**
   * A delivery status notification that is not a failure: delivered, delayed (still trying),
   * relayed or expanded.
   *
   * @param action the DSN action, e.g. {@code delivered} or {@code delayed}
   * @param recipients the recipients it reports on
   */
  record DeliveryReport(String action, List<EmailAddress> recipients) implements Classification {
    /** Checks and copies the components. */
    public DeliveryReport {
      Objects.requireNonNull(action, "action");
      recipients = List.copyOf(recipients);
    }
  }

  /**
   * A spam complaint (an ARF feedback report).
   *
   * @param feedbackType the ARF feedback type, e.g. {@code abuse}, or null
   * @param recipient the original recipient who complained, when the report names one, or null
   */
  record Complaint(@Nullable String feedbackType, @Nullable EmailAddress recipient)
      implements Classification {}

  /** A request to stop: an opt-out in words, or mail to the unsubscribe address. */
  record UnsubscribeRequest() implements Classification {}

  /**
   * Nothing that concerns a campaign: a newsletter, a notification, a message without a sender.
   *
   * @param why what it looked like
   */
  record Unrelated(String why) implements Classification {
    /** Checks the component. */
    public Unrelated {
      Objects.requireNonNull(why, "why");
    }
  }

  /**
   * The mail could not be read: malformed, truncated or too large. Recorded, never a crash.
   *
   * @param problem what was wrong
   */
  record Unreadable(String problem) implements Classification {
    /** Checks the component. */
    public Unreadable {
      Objects.requireNonNull(problem, "problem");
    }
  }

  /**
   * One recipient of a bounce.
   *
   * @param recipient the address that failed
   * @param status the enhanced status code, e.g. {@code 5.1.1}, or null
   * @param replyCode the SMTP reply code, e.g. 550, or 0 when unknown
   * @param type hard (final for the address) or soft
   * @param reason the reason bucket
   * @param diagnostic the remote server's words, or null
   */
  record BouncedRecipient(
      EmailAddress recipient,
      @Nullable String status,
      int replyCode,
      BounceType type,
      BounceReason reason,
      @Nullable String diagnostic) {
    /** Checks the components. */
    public BouncedRecipient {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
