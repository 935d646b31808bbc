package dev.nudge.mail;

import dev.nudge.EmailAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a message without an RFC 3464 report is a delivery notice, and of which kind. */
final class BounceSignals {
  private static final List<String> SUBJECTS =
      List.of(
          "undeliver",
          "undelivered",
          "delivery status notification",
          "delivery failure",
          "delivery failed",
          "delivery has failed",
          "delivery notification",
          "delivery problem",
          "failure notice",
          "failure delivery",
          "returned mail",
          "return mail",
          "returned to sender",
          "mail delivery failed",
          "mail delivery system",
          "mail delivery error",
          "mail system error",
          "mail could not be delivered",
          "could not be delivered",
          "could not deliver",
          "non remis",
          "non délivré",
          "nicht zustellbar",
          "unzustellbar",
          "no se pudo entregar",
          "no entregado",
          "não entregue",
          "onbestelbaar",
          "bounce",
          "nondeliverable",
          "non-deliverable",
          "rejected",
          "message not delivered",
          "mail failure",
          "warning: could not send",
          "delivery report",
          "error sending message",
          "not delivered",
          "mail failed",
          "returning to sender");

  private static final List<String> PHRASES =
      List.of(
          "could not be delivered",
          "couldn't be delivered",
          "could not deliver",
          "wasn't able to deliver",
          "was not able to deliver",
          "unable to deliver",
          "not be delivered",
          "failed permanently",
          "permanent error",
          "permanent failure",
          "fatal error",
          "delivery to the following recipient",
          "delivery has failed",
          "delivery failed",
          "the following address",
          "following recipient",
          "did not reach",
          "undeliverable",
          "undelivered",
          "user unknown",
          "unknown user",
          "no such user",
          "mailbox unavailable",
          "mailbox full",
          "rejected",
          "returned to sender",
          "returned mail",
          "delivery error",
          "error delivering",
          "occurred while attempting to deliver",
          "transcript of session",
          "remote host said",
          "smtp error",
          "does not exist",
          "not delivered",
          "failed recipient",
          "message was not sent",
          "could not send",
          "delivery failure",
          "delivery notification",
          "failed addresses",
          "no valid recipients",
          "unknown host",
          "host unknown");

  private static final List<String> TEMPORARY =
      List.of(
          "temporary",
          "temporarily",
          "will retry",
          "will be retried",
          "will try again",
          "still trying",
          "continue to try",
          "continue trying",
          "keep trying",
          "deferred",
          "delayed");

  private BounceSignals() {}

  /** A notice of a mail system about a delivery, rather than a person's message. */
  static boolean isNotice(Mail m) {
    String subject = m.subjectLower();
    boolean replyOrForward = Subjects.isReplyOrForward(subject);
    if (fromMailSystem(m) || m.headers.has("x-failed-recipients")) {
      return true;
    }
    String returnPath = m.headers.first("return-path");
    boolean nullPath = returnPath != null && returnPath.replace(" ", "").equals("<>");
    boolean subjectSays = !replyOrForward && containsAny(subject, SUBJECTS);
    if (!nullPath && !subjectSays) {
      return false;
    }
    String text = m.notice.length() > 20_000 ? m.notice.substring(0, 20_000) : m.notice;
    String lower = text.toLowerCase(Locale.ROOT);
    return containsAny(lower, PHRASES);
  }

  /**
   * Sent by a mail system: MAILER-DAEMON or postmaster as the address, the null sender, or a name
   * such as "Mail Delivery System". Where the field holds an address, the name counts only when it
   * is a mail system's: a person called "Ana Postmaster" writes as a person.
   */
  static boolean fromMailSystem(Mail m) {
    String raw = m.headers.first("from");
    if (raw == null) {
      return false;
    }
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.contains("<>")) {
      return true;
    }
    EmailAddress from = m.from;
    if (from == null) {
      // "MAILER-DAEMON (Mail Delivery System)": no address to read, so the words decide
      return lower.contains("mailer-daemon")
          || lower.contains("mail delivery")
          || lower.contains("postmaster")
          || lower.contains("post_master");
    }
    String local = from.localPart().toLowerCase(Locale.ROOT);
    if (local.contains("mailer-daemon") || SYSTEM_LOCAL_PART.matcher(local).find()) {
      return true;
    }
    String decoded = Codecs.decodeWords(raw);
    String name =
        decoded
            .toLowerCase(Locale.ROOT)
            .replace(from.value().toLowerCase(Locale.ROOT), " ")
            .replaceAll("[\"<>()]", " ")
            .strip();
    return name.contains("mailer-daemon")
        || SYSTEM_ADDRESS_IN_NAME.matcher(name).find()
        || SYSTEM_NAME.matcher(name).matches()
        || mailHostPostmaster(
            name, from.domain().toLowerCase(Locale.ROOT), MX_IN_CAPITALS.matcher(decoded).find());
  }

  /** "MX" as a word in capitals: the mail exchanger, not the honorific "Mx". */
  private static final Pattern MX_IN_CAPITALS = Pattern.compile("(?<![\\w.])MX\\d*(?![\\w.])");

  /**
   * "MX Postmaster" from an address at a mail host ({@code notify@mx.example.net}: a host name of
   * three labels or more whose first says mail), or "mx1.example.net Postmaster" from an address at
   * that host, a host under it or above it, or a sibling host. A person's name before "Postmaster"
   * ("Mx Postmaster", the honorific, "J.R Postmaster", "co.uk Postmaster") does not count: the
   * sender's own address has to say it is a mail host's.
   */
  private static boolean mailHostPostmaster(String name, String domain, boolean mxInCapitals) {
    Matcher m = PREFIXED_POSTMASTER.matcher(name);
    if (!m.matches()) {
      return false;
    }
    String prefix = m.group(1);
    if (prefix.contains(".")) {
      return labels(prefix) >= 3
          && (domain.equals(prefix)
              || domain.endsWith("." + prefix)
              || prefix.endsWith("." + domain)
              || siblings(prefix, domain));
    }
    return labels(domain) >= 3
        && MAIL_HOST_WORD.matcher(prefix).matches()
        && (!prefix.startsWith("mx") || mxInCapitals)
        && MAIL_HOST_WORD.matcher(domain.substring(0, domain.indexOf('.'))).matches();
  }

  private static int labels(String host) {
    return host.split("\\.", -1).length;
  }

  /**
   * Hosts under one parent domain ({@code mx1.example.net}, {@code mx2.example.net}); not two
   * domains under a public suffix such as {@code co.uk}.
   */
  private static boolean siblings(String a, String b) {
    String parent = a.substring(a.indexOf('.') + 1);
    return parent.equals(b.substring(b.indexOf('.') + 1))
        && labels(parent) >= 2
        && !PUBLIC_SECOND_LEVEL.matcher(parent.substring(0, parent.indexOf('.'))).matches();
  }

  /** Second-level labels of public suffixes: co.uk, com.au, ac.jp, gov.br, ... */
  private static final Pattern PUBLIC_SECOND_LEVEL =
      Pattern.compile("co|com|net|org|ac|gov|edu|ne|or|go|ltd|plc|gob|nic|mil");

  /** One word or host name, then "postmaster", perhaps "at" a host. */
  private static final Pattern PREFIXED_POSTMASTER =
      Pattern.compile("([\\w-]+(?:\\.[\\w-]+)*)\\s+post_?master(?:\\s+(?:at|of|for|on)\\s.*)?");

  /** "mx", "mx1", "smtp", "mta", "mail", "e-mail", "relay", "system": a mail host's word. */
  private static final Pattern MAIL_HOST_WORD =
      Pattern.compile(
          "(?:mx|mta|smtp|e-?mail|mail|mailhost|relay|gateway|exchange|system|server)-?\\d*");

  /** "postmaster", "mx-postmaster", "post_master": not "ana.postmaster", a person's address. */
  private static final Pattern SYSTEM_LOCAL_PART =
      Pattern.compile("(?:^|[-_+])post_?master(?:$|[-_+.\\d])");

  /** "postmaster@mx.example.net" as a name: not "ana.postmaster@example.org via Acme Forms". */
  private static final Pattern SYSTEM_ADDRESS_IN_NAME =
      Pattern.compile("(?:^|[\\s'])post_?master@");

  /**
   * "Postmaster", "Postmaster at mx.example.net", "Mail Delivery System": not "Ana Postmaster",
   * "Postmaster, Ana" or "Jane Doe (Royal Mail Delivery)".
   */
  private static final Pattern SYSTEM_NAME =
      Pattern.compile(
          "post_?master(?:\\s+(?:at|of|for|on)\\s.*)?"
              + "|mail delivery(?:\\s+(?:system|subsystem|service|agent))?(?:\\s+(?:at|of|on)\\s.*)?");

  /** A notice that delivery is delayed and still being tried: not a failure. */
  static boolean isDelay(Mail m, String explanation) {
    String subject = m.subjectLower();
    String lower = explanation.toLowerCase(Locale.ROOT);
    boolean says =
        subject.contains("(delay)")
            || subject.contains("delayed mail")
            || subject.contains("delivery delayed")
            || lower.contains("this is only a warning")
            || lower.contains("no action is required on your part")
            || lower.contains("will continue to try")
            || lower.contains("will keep trying");
    return says
        && !lower.contains("permanent")
        && !lower.contains("giving up")
        && !lower.contains("gave up")
        && !lower.contains("given up");
  }

  /** Words that say a failure may pass. */
  static boolean isTemporary(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return containsAny(lower, TEMPORARY) && !lower.contains("permanent");
  }

  /**
   * The first {@code limit} characters of a text in lower case, with typographic apostrophes made
   * plain ("I’m" reads as "i'm"): what the phrase lists and patterns are matched against.
   */
  static String lowerHead(String text, int limit) {
    String head = text.length() > limit ? text.substring(0, limit) : text;
    return head.toLowerCase(Locale.ROOT).replace('’', '\'');
  }

  static boolean containsAny(String haystack, List<String> needles) {
    for (String n : needles) {
      if (haystack.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
