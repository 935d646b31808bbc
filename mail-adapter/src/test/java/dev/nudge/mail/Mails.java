package dev.nudge.mail;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw mails as they arrive in the recruiter's inbox: replies, an out-of-office, a delivery status
 * notification, an opt-out, and mail that cannot be read.
 */
final class Mails {
  private static final String ALICE = "Alice Recruiter <alice@acme.example>";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Mails() {}

  private static String messageId(String from) {
    return "<in-" + SEQUENCE.incrementAndGet() + "." + from.replace('@', '.') + "@mail.test>";
  }

  /** A reply in the thread of a sent message. */
  static byte[] replyInThread(String from, String sentMessageId) {
    return RawMails.crlf(
        "From: " + from,
        "To: " + ALICE,
        "Subject: Re: Hello",
        "Date: Tue, 3 Mar 2026 10:15:00 -0500",
        "Message-ID: " + messageId(from),
        "In-Reply-To: " + sentMessageId,
        "References: " + sentMessageId,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Yes, happy to talk. Thursday afternoon works for me.",
        "",
        "On Mon, 2 Mar 2026 at 09:00, Alice Recruiter wrote:",
        "> Hi, are you open to a chat?");
  }

  /** A reply on a new thread, with a subject of its own. */
  static byte[] replyOnANewThread(String from) {
    return RawMails.crlf(
        "From: " + from,
        "To: " + ALICE,
        "Subject: Question about the backend role",
        "Date: Tue, 3 Mar 2026 11:00:00 -0500",
        "Message-ID: " + messageId(from),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Hi Alice, I saw your note. What is the salary range for this position?",
        "",
        "Best regards");
  }

  /** A German out-of-office answer with its return date, 16 March 2026. */
  static byte[] germanOutOfOffice(String from, String sentMessageId) {
    return RawMails.crlf(
        "From: " + from,
        "To: " + ALICE,
        "Subject: =?utf-8?Q?Abwesenheitsnotiz=3A_Re=3A_Hello?=",
        "Date: Mon, 2 Mar 2026 09:01:00 -0500",
        "Message-ID: " + messageId(from),
        "In-Reply-To: " + sentMessageId,
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Vielen Dank für Ihre Nachricht.",
        "Ich bin derzeit nicht im Büro und ab dem 16. März 2026 wieder erreichbar.",
        "In dringenden Fällen wenden Sie sich bitte an meine Kollegin.");
  }

  /** An RFC 3464 delivery status notification: the address does not exist. */
  static byte[] dsnBounce(String recipient, String sentMessageId) {
    return RawMails.crlf(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>",
        "To: alice@acme.example",
        "Subject: Undelivered Mail Returned to Sender",
        "Date: Mon, 2 Mar 2026 09:00:30 -0500",
        "Message-ID: " + messageId("mailer-daemon@mx.example.com"),
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"DSN-B\"",
        "",
        "--DSN-B",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "Your message could not be delivered to one or more recipients.",
        "",
        "--DSN-B",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.com",
        "Arrival-Date: Mon, 2 Mar 2026 09:00:29 -0500",
        "",
        "Final-Recipient: rfc822; " + recipient,
        "Original-Recipient: rfc822; " + recipient,
        "Action: failed",
        "Status: 5.1.1",
        "Remote-MTA: dns; mx.example.com",
        "Diagnostic-Code: smtp; 550 5.1.1 <"
            + recipient
            + ">: Recipient address rejected:"
            + " User unknown",
        "",
        "--DSN-B",
        "Content-Type: text/rfc822-headers",
        "",
        "From: " + ALICE,
        "To: " + recipient,
        "Subject: Hello",
        "Message-ID: " + sentMessageId,
        "Date: Mon, 2 Mar 2026 09:00:00 -0500",
        "",
        "--DSN-B--");
  }

  /** A reply asking to hear no more. */
  static byte[] unsubscribeReply(String from) {
    return RawMails.crlf(
        "From: " + from,
        "To: " + ALICE,
        "Subject: Re: Hello",
        "Date: Tue, 3 Mar 2026 08:00:00 -0500",
        "Message-ID: " + messageId(from),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Please remove me from your list.");
  }

  /** Bytes that are barely a mail: no header fields to speak of, a broken multipart, NULs. */
  static byte[] malformed() {
    return String.join(
            "\r\n",
            "X\u0000Broken header without colon",
            "Content-Type: multipart/mixed; boundary=\"never-closed",
            "",
            "--never-closed",
            "Content-Type: text/plain; charset=x-unknown",
            "Content-Transfer-Encoding: base64",
            "",
            "!!!not base64!!!\u0000\u0001\u0002",
            "")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A mail of about {@code bytes} bytes: a reply with a large attachment. */
  static byte[] huge(String from, int bytes) {
    StringBuilder s = new StringBuilder(bytes + 1024);
    s.append("From: ")
        .append(from)
        .append("\r\nTo: ")
        .append(ALICE)
        .append("\r\nSubject: My portfolio\r\nMessage-ID: ")
        .append(messageId(from))
        .append("\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"H\"\r\n\r\n")
        .append("--H\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n")
        .append("--H\r\nContent-Type: application/octet-stream\r\n")
        .append("Content-Transfer-Encoding: base64\r\n\r\n");
    String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n";
    while (s.length() < bytes) {
      s.append(line);
    }
    s.append("--H--\r\n");
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
