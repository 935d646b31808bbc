package dev.nudge.testkit;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.EmailAddress;
import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.inbound.InboundReader;
import dev.nudge.spi.inbound.ReadMail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small raw mails for engine tests, and a reader of them that stands in for the mail adapter's:
 * every header is kept (one line each, no folding); the {@code Date} is an ISO instant; the
 * classification is given in an {@code X-Test-Kind} header ({@code reply}, {@code auto-reply} or
 * {@code auto-reply:2026-03-16}, {@code bounce:<address>:<status>}, {@code delivered}, {@code
 * complaint:<address>}, {@code unsubscribe}, {@code unrelated}, {@code unreadable}, {@code
 * throws}).
 */
public final class TestMails {
  /** Reads the mails this class writes. */
  public static final InboundReader READER = TestMails::read;

  private TestMails() {}

  /** A raw mail with the given headers ({@code name: value} lines) and body. */
  public static byte[] mail(String body, String... headers) {
    return (String.join("\r\n", headers) + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  private static ReadMail read(byte[] raw, Instant receivedAt) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    Map<String, String> h = new LinkedHashMap<>();
    for (String line : text.substring(0, Math.max(split, 0)).split("\r\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        h.put(
            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
    }
    String body = split < 0 ? "" : text.substring(split + 4);
    InboundMessage.Builder m = InboundMessage.builder(receivedAt).text(body);
    h.forEach(m::header);
    if (h.containsKey("message-id")) {
      m.messageId(h.get("message-id"));
    }
    if (h.containsKey("in-reply-to")) {
      m.inReplyTo(h.get("in-reply-to"));
    }
    if (h.containsKey("date")) {
      m.date(Instant.parse(h.get("date")));
    }
    if (h.containsKey("from")) {
      m.from(firstAddress(h.get("from")));
    }
    if (h.containsKey("reply-to")) {
      m.replyTo(firstAddress(h.get("reply-to")));
    }
    String kind = h.getOrDefault("x-test-kind", "reply");
    String[] parts = kind.split(":", -1);
    Classification c =
        switch (parts[0]) {
          case "reply" -> new Classification.HumanReply();
          case "auto-reply" ->
              new Classification.AutoReply(parts.length > 1 ? LocalDate.parse(parts[1]) : null);
          case "bounce" -> {
            EmailAddress to = EmailAddress.of(parts[1]);
            m.dsnRecipients(List.of(new InboundMessage.DsnRecipient(to, "failed", parts[2], null)));
            yield new Classification.Bounce(
                List.of(
                    new Classification.BouncedRecipient(
                        to,
                        parts[2],
                        550,
                        parts[2].startsWith("5") ? BounceType.HARD : BounceType.SOFT,
                        parts[2].startsWith("5")
                            ? BounceReason.INVALID_ADDRESS
                            : BounceReason.MAILBOX_FULL,
                        "no such user")));
          }
          case "delivered" -> new Classification.DeliveryReport("delivered", List.of());
          case "complaint" -> new Classification.Complaint("abuse", EmailAddress.of(parts[1]));
          case "unsubscribe" -> new Classification.UnsubscribeRequest();
          case "unrelated" -> new Classification.Unrelated("a newsletter");
          case "throws" -> throw new IllegalStateException("the reader broke");
          default -> new Classification.Unreadable("truncated");
        };
    return new ReadMail(m.build(), c);
  }

  /** The first address of a header, bare or in angle brackets. */
  private static EmailAddress firstAddress(String value) {
    String first = value.split(",", -1)[0];
    int open = first.indexOf('<');
    return EmailAddress.of(open < 0 ? first : first.substring(open + 1, first.indexOf('>', open)));
  }
}
