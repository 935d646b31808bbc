package dev.nudge.mail;

import java.nio.charset.StandardCharsets;

/** Raw test messages built from lines. */
final class RawMails {
  private RawMails() {}

  /** The lines joined with CRLF, as on the wire. */
  static byte[] crlf(String... lines) {
    return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** A person's text above our message, quoted the way Gmail quotes it. */
  static String quoting(String text) {
    return text
        + "\n\nOn Mon, Sep 7, 2026 at 9:00 AM <recruiter@acme.example> wrote:\n"
        + "> A role for you.";
  }

  /** A plain reply from a candidate with the given subject and text. */
  static byte[] reply(String subject, String text) {
    return crlf(
        "From: Ada Lovelace <ada@example.org>",
        "To: recruiter@acme.example",
        "Subject: " + subject,
        "Date: Mon, 7 Sep 2026 09:15:00 +0200",
        "Message-ID: <reply-1@example.org>",
        "In-Reply-To: <step-1@acme.example>",
        "References: <step-1@acme.example>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        text);
  }

  /** An automatic answer with RFC 3834 headers and the given subject and text. */
  static byte[] autoReply(String subject, String text) {
    return crlf(
        "From: Ada Lovelace <ada@example.org>",
        "To: recruiter@acme.example",
        "Subject: " + subject,
        "Date: Mon, 7 Sep 2026 09:15:00 +0200",
        "Auto-Submitted: auto-replied",
        "Content-Type: text/plain; charset=utf-8",
        "",
        text);
  }
}
