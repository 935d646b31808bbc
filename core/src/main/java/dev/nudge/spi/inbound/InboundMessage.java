package dev.nudge.spi.inbound;

import dev.nudge.EmailAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A received mail as an inbound adapter parsed it, free of any MIME type: what core needs to link
 * it to the step it answers ({@code Nudge.match}) and to classify it.
 *
 * @param messageId its own Message-ID, or null
 * @param inReplyTo the {@code In-Reply-To} Message-ID, or null
 * @param references the {@code References} Message-IDs, oldest first
 * @param from the sender's address, or null when it could not be parsed
 * @param envelopeRecipient the address it was delivered to (a VERP return path for bounces), or
 *     null
 * @param subject the decoded subject, or null
 * @param headers every header, names in lower case, values decoded, in order of appearance
 * @param text the plain-text body (or text derived from the HTML body)
 * @param replyText the new text of a reply, without quoted history and signature
 * @param dsnRecipients the per-recipient part of a delivery status notification (RFC 3464), or
 *     empty
 * @param returnedMessageIds Message-IDs found in the headers a bounce returned, or empty
 */
public record InboundMessage(
    @Nullable String messageId,
    @Nullable String inReplyTo,
    List<String> references,
    @Nullable EmailAddress from,
    @Nullable EmailAddress envelopeRecipient,
    @Nullable String subject,
    Map<String, List<String>> headers,
    String text,
    String replyText,
    List<DsnRecipient> dsnRecipients,
    List<String> returnedMessageIds) {

  /** Copies the collections and lower-cases header names. */
  public InboundMessage {
    references = List.copyOf(references);
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(replyText, "replyText");
    dsnRecipients = List.copyOf(dsnRecipients);
    returnedMessageIds = List.copyOf(returnedMessageIds);
  }

  /** A reply-like message: sender, threading headers and text, nothing else. */
  public static InboundMessage reply(
      EmailAddress from, @Nullable String inReplyTo, List<String> references, String text) {
    return new InboundMessage(
        null, inReplyTo, references, from, null, null, Map.of(), text, text, List.of(), List.of());
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
}
