package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.spi.transport.OutboundEmail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Builds the MIME message of an {@link OutboundEmail} from the email alone: {@code text/plain}, or
 * {@code multipart/alternative} (text, then HTML) when there is HTML; UTF-8 throughout; subject and
 * display names RFC 2047 encoded when they need it; the stored Message-ID kept as it is; threading
 * and one-click unsubscribe headers (RFC 8058).
 */
final class Messages {
  private static final String UTF_8 = "UTF-8";

  private Messages() {}

  /** A message ready to send, with its envelope. */
  record Outgoing(MimeMessage message, String envelopeFrom, InternetAddress recipient) {}

  /** Builds the message and its envelope (the return path when set, else the sender). */
  static Outgoing build(Session session, OutboundEmail e)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage m = new StoredIdMessage(session, e.messageId());
    m.setFrom(address(e.from(), e.fromName()));
    InternetAddress to = address(e.to(), e.toName());
    m.setRecipient(Message.RecipientType.TO, to);
    m.setSubject(e.subject(), UTF_8);
    m.setSentDate(Date.from(e.date()));
    if (e.inReplyTo() != null) {
      m.setHeader("In-Reply-To", e.inReplyTo());
    }
    if (!e.references().isEmpty()) {
      m.setHeader("References", MimeUtility.fold(12, String.join(" ", e.references())));
    }
    List<String> unsubscribe = new ArrayList<>(2);
    URI url = e.unsubscribeUrl();
    if (url != null) {
      unsubscribe.add("<" + url.toASCIIString() + ">");
    }
    URI mailto = e.unsubscribeMailto();
    if (mailto != null) {
      unsubscribe.add("<" + mailto.toASCIIString() + ">");
    }
    if (!unsubscribe.isEmpty()) {
      m.setHeader("List-Unsubscribe", MimeUtility.fold(18, String.join(", ", unsubscribe)));
    }
    if (url != null) {
      m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    String html = e.html();
    if (html == null) {
      m.setText(e.text(), UTF_8);
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(e.text(), UTF_8);
      MimeBodyPart rich = new MimeBodyPart();
      rich.setText(html, UTF_8, "html");
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(text);
      alternative.addBodyPart(rich);
      m.setContent(alternative);
    }
    m.saveChanges();
    EmailAddress envelope = e.returnPath() != null ? e.returnPath() : e.from();
    return new Outgoing(m, envelope.value(), to);
  }

  private static InternetAddress address(EmailAddress address, String name)
      throws UnsupportedEncodingException {
    return name.isBlank()
        ? new InternetAddress(address.value(), null, UTF_8)
        : new InternetAddress(address.value(), name, UTF_8);
  }

  /**
   * A message whose Message-ID is the one stored before the send: Jakarta Mail would otherwise make
   * up a new one on {@code saveChanges()}, and replies could not be matched.
   */
  static final class StoredIdMessage extends MimeMessage {
    private final String messageId;

    StoredIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
