package dev.nudge.spi.inbound;

import dev.nudge.EmailAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A received mail as an inbound adapter parsed it, free of any MIME type: what the engine needs to
 * link it to the step it answers and to record it. Build one with {@link #builder(Instant)};
 * immutable.
 */
public final class InboundMessage {
  private final @Nullable String messageId;
  private final @Nullable String inReplyTo;
  private final List<String> references;
  private final @Nullable EmailAddress from;
  private final @Nullable EmailAddress replyTo;
  private final List<EmailAddress> to;
  private final @Nullable EmailAddress envelopeRecipient;
  private final @Nullable String subject;
  private final @Nullable Instant date;
  private final Instant receivedAt;
  private final Map<String, List<String>> headers;
  private final String text;
  private final String replyText;
  private final List<DsnRecipient> dsnRecipients;
  private final List<String> returnedMessageIds;

  private InboundMessage(Builder b) {
    this.messageId = b.messageId;
    this.inReplyTo = b.inReplyTo;
    this.references = List.copyOf(b.references);
    this.from = b.from;
    this.replyTo = b.replyTo;
    this.to = List.copyOf(b.to);
    this.envelopeRecipient = b.envelopeRecipient;
    this.subject = b.subject;
    this.date = b.date;
    this.receivedAt = b.receivedAt;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    b.headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(copy);
    this.text = b.text;
    this.replyText = b.replyText == null ? b.text : b.replyText;
    this.dsnRecipients = List.copyOf(b.dsnRecipients);
    this.returnedMessageIds = List.copyOf(b.returnedMessageIds);
  }

  private InboundMessage(InboundMessage m, @Nullable EmailAddress from) {
    this.messageId = m.messageId;
    this.inReplyTo = m.inReplyTo;
    this.references = m.references;
    this.from = from;
    this.replyTo = m.replyTo;
    this.to = m.to;
    this.envelopeRecipient = m.envelopeRecipient;
    this.subject = m.subject;
    this.date = m.date;
    this.receivedAt = m.receivedAt;
    this.headers = m.headers;
    this.text = m.text;
    this.replyText = m.replyText;
    this.dsnRecipients = m.dsnRecipients;
    this.returnedMessageIds = m.returnedMessageIds;
  }

  /**
   * The same message with another sender: the person a mailing list named in {@code Reply-To} when
   * it rewrote {@code From} to its own address.
   */
  public InboundMessage withFrom(EmailAddress from) {
    return new InboundMessage(this, from);
  }

  /** Starts a message received at {@code receivedAt}. */
  public static Builder builder(Instant receivedAt) {
    return new Builder(receivedAt);
  }

  /** A reply-like message: sender, threading headers and text, nothing else. */
  public static InboundMessage reply(
      EmailAddress from,
      @Nullable String inReplyTo,
      List<String> references,
      String text,
      Instant receivedAt) {
    return builder(receivedAt)
        .from(from)
        .inReplyTo(inReplyTo)
        .references(references)
        .text(text)
        .build();
  }

  /** Its own Message-ID, with angle brackets, or null. */
  public @Nullable String messageId() {
    return messageId;
  }

  /** The {@code In-Reply-To} Message-ID, or null. */
  public @Nullable String inReplyTo() {
    return inReplyTo;
  }

  /** The {@code References} Message-IDs, oldest first. */
  public List<String> references() {
    return references;
  }

  /** The sender's address, or null when it could not be parsed. */
  public @Nullable EmailAddress from() {
    return from;
  }

  /** The first address of {@code Reply-To}, or null. */
  public @Nullable EmailAddress replyTo() {
    return replyTo;
  }

  /** The {@code To} and {@code Cc} addresses. */
  public List<EmailAddress> to() {
    return to;
  }

  /** The address it was delivered to (a VERP return path for bounces), or null. */
  public @Nullable EmailAddress envelopeRecipient() {
    return envelopeRecipient;
  }

  /** The decoded subject, or null. */
  public @Nullable String subject() {
    return subject;
  }

  /** The {@code Date} header, or null when absent or unreadable. */
  public @Nullable Instant date() {
    return date;
  }

  /** When it was received. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** Every header, names in lower case, values decoded, in order of appearance. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The plain-text body, or text derived from the HTML body when that is all there is. */
  public String text() {
    return text;
  }

  /** The new text of a reply, without quoted history and signature. */
  public String replyText() {
    return replyText;
  }

  /** The per-recipient part of a delivery status notification (RFC 3464), or empty. */
  public List<DsnRecipient> dsnRecipients() {
    return dsnRecipients;
  }

  /** Message-IDs found in the headers a bounce returned, or empty. */
  public List<String> returnedMessageIds() {
    return returnedMessageIds;
  }

  /** The first value of a header, if present. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Whether it looks like a bounce: it carries DSN recipients or returned Message-IDs. */
  public boolean isBounce() {
    return !dsnRecipients.isEmpty() || !returnedMessageIds.isEmpty();
  }

  @Override
  public String toString() {
    // no body, no subject: a message may hold personal data
    return "InboundMessage[" + (messageId == null ? "no Message-ID" : messageId) + "]";
  }

  /**
   * One recipient of a delivery status notification.
   *
   * @param recipient the final (or original) recipient
   * @param action {@code failed}, {@code delayed}, {@code delivered}, ... or null
   * @param status the enhanced status code, e.g. {@code 5.1.1}, or null
   * @param diagnostic the remote server's words, or null
   */
  public record DsnRecipient(
      EmailAddress recipient,
      @Nullable String action,
      @Nullable String status,
      @Nullable String diagnostic) {
    /** Checks the component. */
    public DsnRecipient {
      Objects.requireNonNull(recipient, "recipient");
    }
  }

  /** Collects the parts of an {@link InboundMessage}; every part but the time is optional. */
  public static final class Builder {
    private final Instant receivedAt;
    private @Nullable String messageId;
    private @Nullable String inReplyTo;
    private List<String> references = List.of();
    private @Nullable EmailAddress from;
    private @Nullable EmailAddress replyTo;
    private List<EmailAddress> to = List.of();
    private @Nullable EmailAddress envelopeRecipient;
    private @Nullable String subject;
    private @Nullable Instant date;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private String text = "";
    private @Nullable String replyText;
    private List<DsnRecipient> dsnRecipients = List.of();
    private List<String> returnedMessageIds = List.of();

    private Builder(Instant receivedAt) {
      this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Sets its own Message-ID. */
    public Builder messageId(@Nullable String messageId) {
      this.messageId = messageId;
      return this;
    }

    /** Sets the {@code In-Reply-To} Message-ID. */
    public Builder inReplyTo(@Nullable String inReplyTo) {
      this.inReplyTo = inReplyTo;
      return this;
    }

    /** Sets the {@code References} Message-IDs, oldest first. */
    public Builder references(List<String> references) {
      this.references = List.copyOf(references);
      return this;
    }

    /** Sets the sender's address. */
    public Builder from(@Nullable EmailAddress from) {
      this.from = from;
      return this;
    }

    /** Sets the first {@code Reply-To} address. */
    public Builder replyTo(@Nullable EmailAddress replyTo) {
      this.replyTo = replyTo;
      return this;
    }

    /** Sets the {@code To} and {@code Cc} addresses. */
    public Builder to(List<EmailAddress> to) {
      this.to = List.copyOf(to);
      return this;
    }

    /** Sets the address it was delivered to. */
    public Builder envelopeRecipient(@Nullable EmailAddress envelopeRecipient) {
      this.envelopeRecipient = envelopeRecipient;
      return this;
    }

    /** Sets the decoded subject. */
    public Builder subject(@Nullable String subject) {
      this.subject = subject;
      return this;
    }

    /** Sets the {@code Date} header's time. */
    public Builder date(@Nullable Instant date) {
      this.date = date;
      return this;
    }

    /** Adds a header value; names are kept in lower case. */
    public Builder header(String name, String value) {
      headers
          .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the plain-text body. */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Sets the new text of a reply; the whole text when not set. */
    public Builder replyText(String replyText) {
      this.replyText = Objects.requireNonNull(replyText, "replyText");
      return this;
    }

    /** Sets the per-recipient part of a delivery status notification. */
    public Builder dsnRecipients(List<DsnRecipient> recipients) {
      this.dsnRecipients = List.copyOf(recipients);
      return this;
    }

    /** Sets the Message-IDs found in the headers a bounce returned. */
    public Builder returnedMessageIds(List<String> ids) {
      this.returnedMessageIds = List.copyOf(ids);
      return this;
    }

    /** The message. */
    public InboundMessage build() {
      return new InboundMessage(this);
    }
  }
}
