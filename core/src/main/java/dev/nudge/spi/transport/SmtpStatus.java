package dev.nudge.spi.transport;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an SMTP reply, or the status of a delivery status notification, says about a delivery: whose
 * problem it is (the recipient's address, or the sender being refused), whether it is final for the
 * address, and a reason bucket. One table for the SMTP transport, the bounce parser and the engine:
 * the enhanced status code (RFC 3463) decides first, the basic reply code and the server's words
 * where the code is missing or ambiguous (a 5.7.1 may refuse the sender or the recipient).
 */
public final class SmtpStatus {
  private static final Pattern ENHANCED =
      Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
  private static final Pattern REPLY = Pattern.compile("^\\s*([245]\\d\\d)(?![\\d.])");

  private static final List<String> AUTHENTICATION =
      List.of(
          "authentication",
          "authenticate",
          "auth failed",
          "password",
          "credentials",
          "invalid login",
          "username and password",
          "xoauth2",
          "oauth");
  private static final List<String> RATE =
      List.of(
          "rate limit",
          "ratelimit",
          "rate-limit",
          "too many",
          "throttl",
          "try again later",
          "temporarily deferred",
          "exceeded the rate",
          "sending limit",
          "sending quota",
          "daily limit",
          "slow down",
          "excessive");
  private static final List<String> SENDER =
      List.of(
          "spf",
          "dkim",
          "dmarc",
          "spamhaus",
          "spamcop",
          "barracuda",
          "blacklist",
          "black list",
          "blocklist",
          "block list",
          "blocked",
          "denylist",
          "rbl",
          "dnsbl",
          "listed",
          "reputation",
          "spam",
          "junk",
          "unsolicited",
          "bulk mail",
          "sender address rejected",
          "sender denied",
          "sender rejected",
          "sender not",
          "sender verify",
          "sender domain",
          "from address",
          "not authorized to send",
          "not permitted to send",
          "reverse dns",
          "ptr record",
          "rdns",
          "client host",
          "your ip",
          "ip address",
          "connection refused",
          "policy",
          "prohibited",
          "content",
          "virus",
          "malware",
          "phish");
  private static final List<String> RECIPIENT_UNKNOWN =
      List.of(
          "user unknown",
          "unknown user",
          "no such user",
          "no such mailbox",
          "no such recipient",
          "no such address",
          "unknown recipient",
          "recipient unknown",
          "unknown address",
          "invalid recipient",
          "invalid mailbox",
          "invalid address",
          "does not exist",
          "doesn't exist",
          "not exist",
          "mailbox unavailable",
          "mailbox not found",
          "address rejected",
          "recipient rejected",
          "user not found",
          "not found",
          "no mailbox",
          "unrouteable",
          "unroutable",
          "host unknown",
          "domain not found",
          "no mx",
          "disabled",
          "deactivated",
          "inactive",
          "suspended",
          "account has been",
          "account is",
          "moved",
          "not our customer",
          "unknown local part",
          "undeliverable address",
          "name is not recognized",
          "not listed in",
          "doesn't have a",
          "address is possibly incorrect");
  private static final List<String> FULL =
      List.of(
          "full",
          "quota",
          "over the limit",
          "storage",
          "insufficient space",
          "too large",
          "mailbox exceeds",
          "exceeded the local limit");

  /** A delivery that ran out of time or could not reach a server: not final for the address. */
  private static final List<String> EXPIRED =
      List.of(
          "expired",
          "retry timeout",
          "timed out",
          "timeout exceeded",
          "could not deliver for",
          "failing for a long time",
          "did not accept our requests to connect",
          "unable to connect",
          "try again",
          "routing loop",
          "hop count");

  private SmtpStatus() {}

  /** Whose problem a refusal is. */
  public enum Concern {
    /** The recipient's address: a bounce of that address. */
    RECIPIENT,
    /** The receiving side refused the sender: policy, reputation, SPF/DKIM/DMARC, spam. */
    SENDER_POLICY,
    /** The sender's own server refused its credentials. */
    SENDER_AUTHENTICATION,
    /** The sender is sending too fast or too much for the receiving side. */
    SENDER_RATE,
    /** A passing problem of the servers or the network; nobody's fault. */
    TRANSIENT
  }

  /**
   * The reading of a status.
   *
   * @param concern whose problem it is
   * @param type whether it is final for the address ({@code HARD}) or may pass ({@code SOFT}); only
   *     a recipient concern is ever hard
   * @param reason the reason bucket
   */
  public record Verdict(Concern concern, BounceType type, BounceReason reason) {
    /** Checks the components. */
    public Verdict {
      Objects.requireNonNull(concern, "concern");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(reason, "reason");
    }

    /** Whether the refusal is about the sender, so that no recipient is bounced by it. */
    public boolean aboutSender() {
      return concern == Concern.SENDER_POLICY
          || concern == Concern.SENDER_AUTHENTICATION
          || concern == Concern.SENDER_RATE;
    }
  }

  /** The enhanced status code (such as {@code 5.1.1}) in a reply or diagnostic text, or null. */
  public static @Nullable String enhancedStatus(@Nullable String text) {
    if (text == null) {
      return null;
    }
    Matcher m = ENHANCED.matcher(text);
    return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
  }

  /** The basic reply code (such as {@code 550}) a reply or diagnostic text starts with, or 0. */
  public static int replyCode(@Nullable String text) {
    if (text == null) {
      return 0;
    }
    Matcher m = REPLY.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * Reads a refusal.
   *
   * @param replyCode the basic SMTP reply code, 0 when unknown
   * @param enhanced the enhanced status code, or null (then it is looked for in {@code text})
   * @param text the server's words, or null
   */
  public static Verdict classify(int replyCode, @Nullable String enhanced, @Nullable String text) {
    String words = text == null ? "" : text.toLowerCase(Locale.ROOT);
    String status = enhanced != null ? enhanced : enhancedStatus(text);
    int code = replyCode != 0 ? replyCode : replyCode(text);
    int klass = status != null ? status.charAt(0) - '0' : code / 100;
    int subject = -1;
    int detail = -1;
    if (status != null) {
      String[] parts = status.split("\\.", -1);
      subject = Integer.parseInt(parts[1]);
      detail = Integer.parseInt(parts[2]);
    }
    boolean permanent = klass == 5;

    if (code == 535
        || code == 534
        || code == 530
        || (subject == 7 && (detail == 8 || detail == 9))
        || (code == 454 && any(words, AUTHENTICATION))) {
      return new Verdict(Concern.SENDER_AUTHENTICATION, BounceType.SOFT, BounceReason.BLOCKED);
    }
    if (!permanent) {
      if ((subject == 7 || code == 421 || code == 450 || code == 451) && any(words, RATE)) {
        return new Verdict(Concern.SENDER_RATE, BounceType.SOFT, BounceReason.BLOCKED);
      }
      if (subject == 7 && any(words, SENDER)) {
        return new Verdict(Concern.SENDER_POLICY, BounceType.SOFT, BounceReason.BLOCKED);
      }
      if ((subject == 2 && detail == 2) || code == 452 || any(words, FULL)) {
        return new Verdict(Concern.RECIPIENT, BounceType.SOFT, BounceReason.MAILBOX_FULL);
      }
      return new Verdict(Concern.TRANSIENT, BounceType.SOFT, BounceReason.TRANSIENT);
    }
    // permanent
    if (subject == 7 && any(words, RATE) && !any(words, RECIPIENT_UNKNOWN)) {
      return new Verdict(Concern.SENDER_RATE, BounceType.SOFT, BounceReason.BLOCKED);
    }
    if (subject == 1 && (detail == 7 || detail == 8)) {
      // the sender's own address or domain is refused
      return new Verdict(Concern.SENDER_POLICY, BounceType.SOFT, BounceReason.BLOCKED);
    }
    if (subject == 1) {
      return new Verdict(Concern.RECIPIENT, BounceType.HARD, BounceReason.INVALID_ADDRESS);
    }
    if (subject == 2) {
      if (detail == 1) {
        return new Verdict(Concern.RECIPIENT, BounceType.HARD, BounceReason.INVALID_ADDRESS);
      }
      if (detail == 2 || any(words, FULL)) {
        return new Verdict(Concern.RECIPIENT, BounceType.SOFT, BounceReason.MAILBOX_FULL);
      }
      return new Verdict(Concern.RECIPIENT, BounceType.SOFT, BounceReason.OTHER);
    }
    if (subject == 3) {
      return new Verdict(Concern.RECIPIENT, BounceType.SOFT, BounceReason.TRANSIENT);
    }
    if (subject == 4) {
      if (detail == 4 || ((detail == 0 || detail == 1) && any(words, RECIPIENT_UNKNOWN))) {
        return new Verdict(Concern.RECIPIENT, BounceType.HARD, BounceReason.INVALID_ADDRESS);
      }
      return new Verdict(Concern.RECIPIENT, BounceType.SOFT, BounceReason.TRANSIENT);
    }
    if (subject == 6) {
      return new Verdict(Concern.SENDER_POLICY, BounceType.SOFT, BounceReason.BLOCKED);
    }
    if (subject == 7) {
      boolean denied = any(words, List.of("denied", "not allowed", "not authorized", "relay"));
      if (any(words, RECIPIENT_UNKNOWN) && !denied && !any(words, SENDER)) {
        return new Verdict(Concern.RECIPIENT, BounceType.HARD, BounceReason.INVALID_ADDRESS);
      }
      if (detail == 1 && !any(words, SENDER) && any(words, List.of("recipient", "relay"))) {
        // refused for this recipient (relaying denied, not allowed to receive from outside)
        return new Verdict(Concern.RECIPIENT, BounceType.HARD, BounceReason.BLOCKED);
      }
      return new Verdict(Concern.SENDER_POLICY, BounceType.SOFT, BounceReason.BLOCKED);
    }
    // 5.0.0, 5.5.x or no enhanced code: the words decide
    if (any(words, RATE) && !any(words, RECIPIENT_UNKNOWN)) {
      return new Verdict(Concern.SENDER_RATE, BounceType.SOFT, BounceReason.BLOCKED);
    }
    if (any(words, EXPIRED)) {
      return new Verdict(Concern.TRANSIENT, BounceType.SOFT, BounceReason.TRANSIENT);
    }
    if (any(words, FULL) || code == 552) {
      return new Verdict(Concern.RECIPIENT, BounceType.SOFT, BounceReason.MAILBOX_FULL);
    }
    if (any(words, RECIPIENT_UNKNOWN)) {
      return new Verdict(Concern.RECIPIENT, BounceType.HARD, BounceReason.INVALID_ADDRESS);
    }
    if (any(words, SENDER)) {
      return new Verdict(Concern.SENDER_POLICY, BounceType.SOFT, BounceReason.BLOCKED);
    }
    return new Verdict(Concern.RECIPIENT, BounceType.HARD, BounceReason.OTHER);
  }

  private static boolean any(String words, List<String> needles) {
    for (String n : needles) {
      if (words.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
