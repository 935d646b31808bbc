package dev.nudge.mail;

import dev.nudge.EmailAddress;
import dev.nudge.spi.inbound.Classification;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a parsed message is. Order matters: a complaint, a read receipt or a delivery notice
 * is never a reply, mail to the unsubscribe mailbox is a request whatever it says, an automatic
 * answer is never a reply, and only then do the words of the new text count.
 */
final class Classifier {
  private final List<EmailAddress> unsubscribeMailboxes;

  Classifier(List<EmailAddress> unsubscribeMailboxes) {
    this.unsubscribeMailboxes = unsubscribeMailboxes;
  }

  /** What the message is, and the delivery notice when it is one. */
  record Verdict(Classification classification, Bounces.@Nullable Notice notice) {}

  Verdict classify(Mail m, LocalDate sent) {
    if (m.headers.size() == 0) {
      return new Verdict(new Classification.Unreadable("no header fields"), null);
    }
    if (!m.feedbackReports.isEmpty() || isFeedbackReport(m)) {
      return new Verdict(complaint(m), null);
    }
    if (m.subjectLower().startsWith("complaint about message from")) {
      // Outlook.com's complaints (JMRP) enclose the message without a feedback report
      return new Verdict(new Classification.Complaint("abuse", complained(m)), null);
    }
    if (isReadReceipt(m)) {
      return new Verdict(new Classification.Unrelated("read receipt"), null);
    }
    Bounces.Notice notice = Bounces.read(m);
    if (notice != null) {
      return new Verdict(notice.classification(), notice);
    }
    if (toUnsubscribeMailbox(m) || Unsubscribes.bySubject(m.subjectLower())) {
      return new Verdict(new Classification.UnsubscribeRequest(), null);
    }
    Automatic automatic = automatic(m);
    if (automatic == Automatic.BY_WHAT_A_PERSON_SAYS_TOO
        && Unsubscribes.asks(m.subjectLower(), m.replyText())) {
      // "I'm away this week, please remove me": a person who says she is away and asks to stop
      return new Verdict(new Classification.UnsubscribeRequest(), null);
    }
    if (automatic == Automatic.BY_RESPONDER_PHRASE && Unsubscribes.asksInPerson(m.replyText())) {
      // "I'm out of the office today. Please remove me from your list.": the words of a person,
      // not of a newsletter footer ("to unsubscribe, ...") that a responder's notice may carry
      return new Verdict(new Classification.UnsubscribeRequest(), null);
    }
    if (automatic != Automatic.NO) {
      return new Verdict(new Classification.AutoReply(ReturnDates.find(m.text, sent)), null);
    }
    if (BounceSignals.isNotice(m)) {
      return new Verdict(new Classification.Unrelated("delivery notice naming no recipient"), null);
    }
    EmailAddress from = m.from;
    if (from == null) {
      return new Verdict(new Classification.Unrelated("no sender address"), null);
    }
    if (BounceText.isMailSystem(from) || (AutoReplies.isMassMail(m.headers) && !isInThread(m))) {
      return new Verdict(new Classification.Unrelated("automatic or bulk mail"), null);
    }
    if (m.headers.has("list-id") && !isInThread(m)) {
      return new Verdict(new Classification.Unrelated("mailing list message"), null);
    }
    if (Unsubscribes.asks(m.subjectLower(), m.replyText())) {
      return new Verdict(new Classification.UnsubscribeRequest(), null);
    }
    return new Verdict(new Classification.HumanReply(), null);
  }

  private static boolean isInThread(Mail m) {
    return m.headers.has("in-reply-to") || m.headers.has("references");
  }

  /** Whether a message is an automatic answer, and what says so. */
  private enum Automatic {
    NO,
    /** Header fields, a responder's subject, or a text that calls itself automatic. */
    YES,
    /** A responder's fixed phrase ("I am out of the office") in a text that does not answer. */
    BY_RESPONDER_PHRASE,
    /** Only statements a person may make too ("I am away"). */
    BY_WHAT_A_PERSON_SAYS_TOO
  }

  private static Automatic automatic(Mail m) {
    if (AutoReplies.byHeaders(m.headers)) {
      return Automatic.YES;
    }
    // an answer to our mail marked bulk or junk: old responders mark theirs so, but so do some
    // company gateways a person's reply passes; it lets what a person may say too count
    boolean bulkAnswer = AutoReplies.isBulkOrJunk(m.headers) && isInThread(m);
    String subject = m.subjectLower();
    String own = subject;
    int re = Subjects.replyPrefix(subject);
    if (re >= 0) {
      own = subject.substring(0, re); // "Automatic reply: Re: ..." counts, "Re: vacation" does not
    }
    // a person who forwards an automatic answer and writes above it may keep its subject: with a
    // quoted message, only the writer's own text counts
    boolean quotes = m.hasHistory();
    boolean responderSubject = AutoReplies.bySubject(own);
    if ((responderSubject && !quotes) || AutoReplies.saysItIsAutomatic(m.replyText())) {
      return Automatic.YES;
    }
    // "I'm out of the office today, but yes" in the thread, under a subject of ours, with the
    // message it answers quoted above or below: a person's answer, written in a mail program
    // that quotes; responders do not quote what they answer
    if (quotes && isInThread(m) && !responderSubject) {
      return Automatic.NO;
    }
    // without the quote (deleted, or a program that does not quote), the same answer still
    // answers: words such as "but yes" or "let's talk" are no responder's
    if (AutoReplies.answers(m.replyText())) {
      return Automatic.NO;
    }
    // "I'm away next week, but yes" under "Re:" is a person's answer: what a person may say too
    // counts only under a subject of the responder's own
    if (AutoReplies.byText(m.replyText(), false)) {
      return Automatic.BY_RESPONDER_PHRASE;
    }
    return AutoReplies.byText(m.replyText(), re < 0 || bulkAnswer)
        ? Automatic.BY_WHAT_A_PERSON_SAYS_TOO
        : Automatic.NO;
  }

  private boolean toUnsubscribeMailbox(Mail m) {
    if (unsubscribeMailboxes.isEmpty()) {
      return false;
    }
    List<EmailAddress> addressed = new ArrayList<>(m.to);
    for (String field : MailReader.ENVELOPE_FIELDS) {
      EmailAddress a = Addresses.first(m.headers.first(field));
      if (a != null) {
        addressed.add(a);
      }
    }
    for (EmailAddress a : addressed) {
      if (Unsubscribes.isMailbox(a, unsubscribeMailboxes)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFeedbackReport(Mail m) {
    String type = m.headers.first("content-type");
    String reportType = Headers.param(type, "report-type");
    return reportType != null && reportType.toLowerCase(Locale.ROOT).equals("feedback-report");
  }

  /** A disposition notification (RFC 8098): the message was opened, nothing was answered. */
  private static boolean isReadReceipt(Mail m) {
    String reportType = Headers.param(m.headers.first("content-type"), "report-type");
    if (reportType != null
        && reportType.toLowerCase(Locale.ROOT).equals("disposition-notification")) {
      return true;
    }
    return hasPart(m.root, "message/disposition-notification");
  }

  private static boolean hasPart(MimePart p, String type) {
    if (p.type.equals(type)) {
      return true;
    }
    for (MimePart c : p.children) {
      if (hasPart(c, type)) {
        return true;
      }
    }
    return false;
  }

  private static Classification complaint(Mail m) {
    String feedbackType = null;
    EmailAddress recipient = null;
    for (MimePart p : m.feedbackReports) {
      for (ReportFields.Group g : ReportFields.groups(p.text)) {
        if (feedbackType == null && g.get("feedback-type") != null) {
          feedbackType = g.get("feedback-type");
        }
        if (recipient == null) {
          recipient = Addresses.parse(g.get("original-rcpt-to"));
        }
      }
    }
    if (recipient == null) {
      recipient = complained(m);
    }
    if (feedbackType != null) {
      feedbackType = feedbackType.strip().toLowerCase(Locale.ROOT);
    }
    return new Classification.Complaint(feedbackType, recipient);
  }

  private static @Nullable EmailAddress complained(Mail m) {
    for (MimePart e : m.enclosed) {
      EmailAddress to = Addresses.first(e.headers.first("to"));
      if (to != null) {
        return to;
      }
    }
    return null;
  }

  static LocalDate sentDate(Mail m, java.time.Instant receivedAt) {
    java.time.Instant at = m.date != null ? m.date : receivedAt;
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
