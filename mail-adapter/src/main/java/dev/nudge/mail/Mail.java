package dev.nudge.mail;

import dev.nudge.EmailAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A parsed message with the parts classification looks at. */
final class Mail {
  final MimePart root;
  final Headers headers;

  /**
   * The body as plain text: the first text/plain part, else (also when that part is blank) text
   * derived from the HTML.
   */
  final String text;

  /** Every text part outside enclosed messages, joined: where a bounce explains itself. */
  final String notice;

  final List<MimePart> deliveryStatus = new ArrayList<>();
  final List<MimePart> feedbackReports = new ArrayList<>();

  /** Enclosed messages and header blocks (message/rfc822, text/rfc822-headers). */
  final List<MimePart> enclosed = new ArrayList<>();

  final @Nullable EmailAddress from;
  final List<EmailAddress> to;
  final String subject;
  final @Nullable Instant date;
  private ReplyText.@Nullable Reading reading;
  private @Nullable String explanation;

  Mail(MimePart root) {
    this.root = root;
    this.headers = root.headers;
    StringBuilder notice = new StringBuilder();
    List<MimePart> plain = new ArrayList<>();
    List<MimePart> html = new ArrayList<>();
    walk(root, notice, plain, html);
    this.notice = notice.toString();
    String body = "";
    if (!plain.isEmpty()) {
      body = plain.get(0).text;
    }
    if (body.isBlank() && !html.isEmpty()) {
      // no text part, or an empty one beside the HTML that holds the answer
      body = HtmlText.of(html.get(0).text);
    }
    this.text = body;
    this.from = Addresses.first(headers.first("from"));
    List<EmailAddress> recipients = new ArrayList<>(Addresses.list(headers.first("to")));
    for (EmailAddress cc : Addresses.list(headers.first("cc"))) {
      if (!Addresses.contains(recipients, cc)) {
        recipients.add(cc);
      }
    }
    this.to = recipients;
    String s = headers.first("subject");
    this.subject = s == null ? "" : Codecs.decodeWords(s).strip();
    this.date = MailDates.parse(headers.first("date"));
  }

  private void walk(MimePart p, StringBuilder notice, List<MimePart> plain, List<MimePart> html) {
    if (p.isDeliveryStatus()) {
      deliveryStatus.add(p);
      return;
    }
    if (p.isFeedbackReport()) {
      feedbackReports.add(p);
      return;
    }
    if (p.message != null) {
      enclosed.add(p.message);
      return;
    }
    if (p.isMultipart()) {
      for (MimePart c : p.children) {
        walk(c, notice, plain, html);
      }
      return;
    }
    if (p.type.equals("text/html")) {
      if (!p.attachment) {
        html.add(p);
      }
      if (plain.isEmpty() && notice.length() == 0) {
        notice.append(HtmlText.of(p.text)).append('\n');
      }
      return;
    }
    if (p.isText()) {
      if (!p.attachment && p.type.equals("text/plain")) {
        plain.add(p);
      }
      if (!p.attachment || notice.length() == 0) {
        notice.append(p.text).append('\n');
      }
    }
  }

  /** The new text of the body, without quoted history and signature; computed once. */
  String replyText() {
    return reading().visible();
  }

  /** Whether the body carries quoted history ({@link ReplyText.Reading}); computed once. */
  boolean hasHistory() {
    return reading().hasHistory();
  }

  private ReplyText.Reading reading() {
    ReplyText.Reading r = reading;
    if (r == null) {
      r = ReplyText.read(text);
      reading = r;
    }
    return r;
  }

  /** The text of a delivery notice up to the copy of the returned message; computed once. */
  String explanation() {
    String e = explanation;
    if (e == null) {
      e = BounceText.explanation(notice);
      explanation = e;
    }
    return e;
  }

  /** The subject in lower case. */
  String subjectLower() {
    return subject.toLowerCase(Locale.ROOT);
  }
}
