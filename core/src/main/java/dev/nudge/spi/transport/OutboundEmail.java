package dev.nudge.spi.transport;

import dev.nudge.EmailAddress;
import dev.nudge.StepRef;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a transport needs to build the MIME message of one step; the model carries no MIME
 * itself. All header values are free of CR and LF.
 *
 * @param step the step this email is
 * @param messageId the Message-ID header, with angle brackets, assigned and stored before the send
 * @param from the sender mailbox address
 * @param fromName the sender display name
 * @param to the recipient address
 * @param toName the recipient display name
 * @param subject the subject (UTF-8)
 * @param text the plain-text body
 * @param html the HTML alternative, or null; includes the tracking pixel when {@code
 *     trackingPixelUrl} is set
 * @param inReplyTo the {@code In-Reply-To} Message-ID for a reply in thread, or null
 * @param references the {@code References} Message-IDs, oldest first; empty for a new thread
 * @param unsubscribeUrl the one-click unsubscribe URL for {@code List-Unsubscribe} and {@code
 *     List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058), or null
 * @param unsubscribeMailto the {@code mailto:} alternative in {@code List-Unsubscribe}, or null
 * @param trackingPixelUrl the open-tracking pixel URL, or null
 * @param returnPath the envelope sender (a VERP address when configured), or null for {@code from}
 * @param date the {@code Date} header: the engine's time when the send was recorded
 */
public record OutboundEmail(
    StepRef step,
    String messageId,
    EmailAddress from,
    String fromName,
    EmailAddress to,
    String toName,
    String subject,
    String text,
    @Nullable String html,
    @Nullable String inReplyTo,
    List<String> references,
    @Nullable URI unsubscribeUrl,
    @Nullable URI unsubscribeMailto,
    @Nullable URI trackingPixelUrl,
    @Nullable EmailAddress returnPath,
    Instant date) {

  /** Checks the components and that no header value holds CR or LF. */
  public OutboundEmail {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(date, "date");
    references = List.copyOf(references);
    headerSafe("messageId", messageId);
    headerSafe("fromName", fromName);
    headerSafe("toName", toName);
    headerSafe("subject", subject);
    if (inReplyTo != null) {
      headerSafe("inReplyTo", inReplyTo);
    }
    for (String r : references) {
      headerSafe("references", r);
    }
  }

  private static void headerSafe(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new dev.nudge.InvalidInputException(field, "contains a line break (CR or LF)");
    }
  }
}
