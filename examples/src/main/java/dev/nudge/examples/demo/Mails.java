package dev.nudge.examples.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The raw mails the demo's candidates and their mail servers write back: replies, an out-of-office,
 * a delivery failure report. They are delivered into the recruiter's inbox as a mail server would,
 * and read from there by the IMAP poller like any other mail.
 */
final class Mails {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

  private Mails() {}

  /** What the demo needs to know of a mail a candidate received. */
  record Received(
      String to, String from, String subject, String messageId, String references, Instant at) {}

  /** A person's reply in the thread of the mail received. */
  static byte[] replyInThread(Received r, String name, String text, ZoneId zone) {
    return mail(
        name + " <" + r.to() + ">",
        r.from(),
        "Re: " + r.subject(),
        r.at(),
        zone,
        "In-Reply-To: " + r.messageId(),
        "References: " + (r.references().isBlank() ? "" : r.references() + " ") + r.messageId(),
        text
            + "\r\n\r\nOn "
            + DATE.format(r.at().atZone(zone))
            + ", "
            + r.from()
            + " wrote:\r\n> "
            + r.subject()
            + "\r\n");
  }

  /** A person writing on a new thread with a subject of their own: no threading headers. */
  static byte[] newThread(Received r, String name, String subject, String text, ZoneId zone) {
    return mail(name + " <" + r.to() + ">", r.from(), subject, r.at(), zone, null, null, text);
  }

  /** A German out-of-office answer that names the day its writer is back. */
  static byte[] outOfOffice(Received r, String name, String backOn, ZoneId zone) {
    return mail(
        name + " <" + r.to() + ">",
        r.from(),
        "Automatische Antwort: " + r.subject(),
        r.at(),
        zone,
        "Auto-Submitted: auto-replied",
        "In-Reply-To: " + r.messageId(),
        "Vielen Dank für Ihre Nachricht.\r\n\r\nIch bin bis zum "
            + backOn
            + " nicht im Büro und habe keinen Zugriff auf meine E-Mails. In dringenden Fällen"
            + " wenden Sie sich bitte an empfang@"
            + domain(r.to())
            + ".\r\n\r\nMit freundlichen Grüßen\r\n"
            + name
            + "\r\n");
  }

  /** A delivery failure report (RFC 3464) from the candidate's mail server: no such user. */
  static byte[] hardBounce(Received r, Instant at) {
    String mx = "mx." + domain(r.to());
    String boundary = "dsn-" + UUID.randomUUID();
    String date = DATE.format(at.atZone(ZoneId.of("UTC")));
    String diagnostic =
        "550 5.1.1 <" + r.to() + ">: Recipient address rejected: User unknown in virtual table";
    String text =
        "From: Mail Delivery System <MAILER-DAEMON@"
            + mx
            + ">\r\n"
            + "To: "
            + r.from()
            + "\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\n"
            + "Date: "
            + date
            + "\r\n"
            + "Message-ID: <"
            + UUID.randomUUID()
            + "@"
            + mx
            + ">\r\n"
            + "Auto-Submitted: auto-replied\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status;\r\n"
            + "\tboundary=\""
            + boundary
            + "\"\r\n\r\n"
            + "--"
            + boundary
            + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "This is the mail system at host "
            + mx
            + ".\r\n\r\nI'm sorry to have to inform you that your message could not\r\n"
            + "be delivered to one or more recipients.\r\n\r\n<"
            + r.to()
            + ">: host "
            + mx
            + " said: "
            + diagnostic
            + "\r\n\r\n--"
            + boundary
            + "\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; "
            + mx
            + "\r\nArrival-Date: "
            + date
            + "\r\n\r\nFinal-Recipient: rfc822; "
            + r.to()
            + "\r\nOriginal-Recipient: rfc822;"
            + r.to()
            + "\r\nAction: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; "
            + mx
            + "\r\nDiagnostic-Code: smtp; "
            + diagnostic
            + "\r\n\r\n--"
            + boundary
            + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "From: "
            + r.from()
            + "\r\nTo: "
            + r.to()
            + "\r\nSubject: "
            + r.subject()
            + "\r\nMessage-ID: "
            + r.messageId()
            + "\r\n\r\n--"
            + boundary
            + "--\r\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mail(
      String from,
      String to,
      String subject,
      Instant receivedAt,
      ZoneId zone,
      @Nullable String header1,
      @Nullable String header2,
      String text) {
    StringBuilder m = new StringBuilder(512);
    m.append("From: ").append(from).append("\r\n");
    m.append("To: ").append(to).append("\r\n");
    m.append("Subject: ").append(subject).append("\r\n");
    m.append("Date: ").append(DATE.format(receivedAt.atZone(zone))).append("\r\n");
    m.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(domain(from));
    m.append(">\r\n");
    if (header1 != null) {
      m.append(header1).append("\r\n");
    }
    if (header2 != null) {
      m.append(header2).append("\r\n");
    }
    m.append("MIME-Version: 1.0\r\n");
    m.append("Content-Type: text/plain; charset=UTF-8\r\n");
    m.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
    m.append(text);
    return m.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String domain(String address) {
    String a = address.endsWith(">") ? address.substring(0, address.length() - 1) : address;
    return a.substring(a.indexOf('@') + 1);
  }
}
