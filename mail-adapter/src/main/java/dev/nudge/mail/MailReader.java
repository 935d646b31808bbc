package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.inbound.InboundReader;
import dev.nudge.spi.inbound.ReadMail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads received mail: parses raw RFC 5322 bytes (any line endings, any transfer encoding) into an
 * {@link InboundMessage} and classifies it as a human reply, an auto-reply with its return date, a
 * bounce per recipient (RFC 3464 reports and the common non-standard formats), a delivery report, a
 * complaint (ARF), an unsubscribe request, unrelated mail, or unreadable input. It never throws for
 * what a message holds and never logs a message's content. Thread-safe; create one with {@link
 * #create()} or {@link #builder()}.
 */
public final class MailReader implements InboundReader {
  /** Default largest message read: larger ones are {@link Classification.Unreadable}. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

  /** Default largest text part decoded; the rest of a longer one is not read. */
  public static final int DEFAULT_MAX_TEXT_BYTES = 1024 * 1024;

  static final List<String> ENVELOPE_FIELDS =
      List.of("delivered-to", "x-original-to", "envelope-to", "x-envelope-to");

  private static final int OVERSIZED_HEADER_BYTES = 256 * 1024;
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,298}>");

  private final int maxMessageBytes;
  private final int maxTextBytes;
  private final Classifier classifier;

  private MailReader(Builder b) {
    this.maxMessageBytes = b.maxMessageBytes;
    this.maxTextBytes = b.maxTextBytes;
    this.classifier = new Classifier(List.copyOf(b.unsubscribeMailboxes));
  }

  /** A reader with the defaults: no unsubscribe mailbox, messages up to 40 MB. */
  public static MailReader create() {
    return builder().build();
  }

  /** Starts a reader with settings. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ReadMail read(byte[] raw, Instant receivedAt) {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(receivedAt, "receivedAt");
    try {
      if (raw.length > maxMessageBytes) {
        return oversized(raw, receivedAt);
      }
      return readSafely(raw, receivedAt);
    } catch (RuntimeException | StackOverflowError e) {
      // the type only: the message of an exception may quote the mail
      return new ReadMail(
          InboundMessage.builder(receivedAt).build(),
          new Classification.Unreadable("could not be parsed: " + e.getClass().getSimpleName()));
    }
  }

  private ReadMail readSafely(byte[] raw, Instant receivedAt) {
    Mail mail = new Mail(MimeParser.parse(Codecs.toLf(raw), maxTextBytes));
    Classifier.Verdict verdict = classifier.classify(mail, Classifier.sentDate(mail, receivedAt));
    InboundMessage.Builder b = message(mail, receivedAt).text(mail.text);
    Classification c = verdict.classification();
    Bounces.Notice notice = verdict.notice();
    if (notice != null) {
      // a notice has no reply text of its own: the whole text stands for it
      b.dsnRecipients(notice.recipients());
      b.returnedMessageIds(Bounces.returnedMessageIds(mail));
      if (envelopeRecipient(mail.headers) == null && mail.to.size() == 1) {
        b.envelopeRecipient(mail.to.get(0)); // a notice goes to the return path, VERP or not
      }
    } else {
      b.replyText(mail.replyText());
    }
    return new ReadMail(b.build(), c);
  }

  private ReadMail oversized(byte[] raw, Instant receivedAt) {
    byte[] head = new byte[Math.min(raw.length, OVERSIZED_HEADER_BYTES)];
    System.arraycopy(raw, 0, head, 0, head.length);
    Mail mail = new Mail(MimeParser.parse(Codecs.toLf(head), 0));
    return new ReadMail(
        message(mail, receivedAt).build(),
        new Classification.Unreadable(
            "larger than " + maxMessageBytes + " bytes (" + raw.length + ")"));
  }

  private static InboundMessage.Builder message(Mail mail, Instant receivedAt) {
    Headers h = mail.headers;
    InboundMessage.Builder b =
        InboundMessage.builder(receivedAt)
            .messageId(firstId(h.first("message-id")))
            .inReplyTo(firstId(h.first("in-reply-to")))
            .references(ids(h.first("references")))
            .from(mail.from)
            .replyTo(Addresses.first(h.first("reply-to")))
            .to(mail.to)
            .subject(mail.subject.isEmpty() ? null : mail.subject)
            .date(mail.date)
            .envelopeRecipient(envelopeRecipient(h));
    mail.headers.decodedMap().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    return b;
  }

  private static @Nullable EmailAddress envelopeRecipient(Headers h) {
    for (String field : ENVELOPE_FIELDS) {
      EmailAddress a = Addresses.first(h.first(field));
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  private static @Nullable String firstId(@Nullable String field) {
    if (field == null) {
      return null;
    }
    List<String> all = ids(field);
    if (!all.isEmpty()) {
      return all.get(0);
    }
    String s = field.strip();
    return s.isEmpty() || s.indexOf(' ') >= 0 || s.length() > 250 ? null : "<" + s + ">";
  }

  private static List<String> ids(@Nullable String field) {
    List<String> out = new ArrayList<>();
    if (field == null) {
      return out;
    }
    Matcher m = MESSAGE_ID.matcher(field);
    while (m.find() && out.size() < 100) {
      out.add(m.group());
    }
    return out;
  }

  /** Settings of a {@link MailReader}; each setter may be called once. */
  public static final class Builder {
    private final List<EmailAddress> unsubscribeMailboxes = new ArrayList<>();
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private int maxTextBytes = DEFAULT_MAX_TEXT_BYTES;
    private boolean maxMessageSet;
    private boolean maxTextSet;

    private Builder() {}

    /**
     * Names a mailbox of the host's that takes unsubscribe requests (the {@code mailto:} of a
     * {@code List-Unsubscribe} field): mail to it, or to it with a {@code +tag}, is an {@link
     * Classification.UnsubscribeRequest}. May be called for several mailboxes.
     */
    public Builder unsubscribeMailbox(EmailAddress mailbox) {
      Objects.requireNonNull(mailbox, "mailbox");
      if (Addresses.contains(unsubscribeMailboxes, mailbox)) {
        throw new InvalidInputException("unsubscribeMailbox", "named twice: " + mailbox);
      }
      unsubscribeMailboxes.add(mailbox);
      return this;
    }

    /**
     * Sets the largest message read, in bytes (default 40 MB); a larger one is {@link
     * Classification.Unreadable}, with its header fields read.
     */
    public Builder maxMessageBytes(int bytes) {
      if (maxMessageSet) {
        throw new InvalidInputException("maxMessageBytes", "already set");
      }
      if (bytes < 1024) {
        throw new InvalidInputException("maxMessageBytes", "must be at least 1024, was " + bytes);
      }
      maxMessageSet = true;
      maxMessageBytes = bytes;
      return this;
    }

    /**
     * Sets the largest text part decoded, in bytes (default 1 MB); a longer text is read up to that
     * size. Bounds the time spent on one message.
     */
    public Builder maxTextBytes(int bytes) {
      if (maxTextSet) {
        throw new InvalidInputException("maxTextBytes", "already set");
      }
      if (bytes < 1024) {
        throw new InvalidInputException("maxTextBytes", "must be at least 1024, was " + bytes);
      }
      maxTextSet = true;
      maxTextBytes = bytes;
      return this;
    }

    /** The reader. */
    public MailReader build() {
      return new MailReader(this);
    }
  }
}
