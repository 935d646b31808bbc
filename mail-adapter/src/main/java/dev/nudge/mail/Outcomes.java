package dev.nudge.mail;

import dev.nudge.spi.transport.SendResult;
import dev.nudge.spi.transport.SendResult.MailboxRejected.Kind;
import dev.nudge.spi.transport.SmtpStatus;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * Reads what happened on a connection into the engine's {@link SendResult}, by the phase the
 * conversation was in ({@link Wire}) and the server's words ({@link SmtpStatus}):
 *
 * <ul>
 *   <li>a refusal of the login, of {@code MAIL FROM}, or one the words put on the sender (policy,
 *       blocklist, SPF/DKIM/DMARC, throttling) refuses the sender: its mailbox is held and nobody
 *       bounces;
 *   <li>a 5xx to {@code RCPT}, {@code DATA} or the message data about the recipient is a permanent
 *       failure of the recipient; a 4xx is transient;
 *   <li>a connection lost or timed out before the end of the data was written is transient; after
 *       it and before the server's answer, the delivery is unknown.
 * </ul>
 */
final class Outcomes {
  private static final Pattern RETRY_AFTER =
      Pattern.compile(
          "(?:try(?: again)?|retry|wait|come back)\\D{0,24}?(\\d{1,6})\\s*"
              + "(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\\b");

  private Outcomes() {}

  /** The result of a send that threw, from what was said on the connection. */
  static SendResult ofSend(Wire wire, Exception e, String server) {
    Wire.Reply refusal = wire.lastRefusal();
    if (refusal != null) {
      return refused(refusal);
    }
    if (wire.endOfDataWritten()) {
      return new SendResult.Unknown(
          "the message data was sent to "
              + server
              + " but its answer never came ("
              + cause(e)
              + "); it may or may not have been delivered");
    }
    return new SendResult.TransientFailure(
        null,
        "the connection to " + server + " was lost before the message was sent (" + cause(e) + ")",
        null);
  }

  /** The result of a connection or login that failed. */
  static SendResult ofConnect(
      Wire wire, Exception e, String server, TlsMode tls, boolean loginRefused) {
    Wire.Reply refusal = wire.lastRefusal();
    if (loginRefused) {
      Wire.Reply r = wire.lastReply();
      if (r != null && r.code() >= 400 && r.code() < 500) {
        return refused(r); // a passing trouble of the login service, or throttling
      }
      String words = r == null ? "no answer" : r.text();
      return new SendResult.MailboxRejected(
          Kind.AUTHENTICATION,
          r == null ? null : status(r.code(), r.text()),
          "the login to " + server + " was refused: " + shortReason(words));
    }
    if (refusal != null) {
      return refused(refusal);
    }
    if (has(e, CertificateException.class) || has(e, SSLPeerUnverifiedException.class)) {
      // a person must fix the trust or the host name, as with a refused password
      return new SendResult.MailboxRejected(
          Kind.AUTHENTICATION,
          null,
          "the TLS certificate of " + server + " was not accepted (" + cause(e) + ")");
    }
    if (tls == TlsMode.STARTTLS
        && wire.sawReply()
        && wire.wrote(Wire.Verb.EHLO)
        && !wire.wrote(Wire.Verb.STARTTLS)
        && !has(e, IOException.class)) {
      return new SendResult.MailboxRejected(
          Kind.AUTHENTICATION,
          null,
          server + " does not offer STARTTLS, which its route requires: nothing was sent");
    }
    if (!has(e, IOException.class) && e instanceof jakarta.mail.AuthenticationFailedException) {
      // no login mechanism in common, or no login offered at all
      return new SendResult.MailboxRejected(
          Kind.AUTHENTICATION, null, "cannot log in to " + server + ": " + e.getMessage());
    }
    return new SendResult.TransientFailure(
        null, "could not connect to " + server + " (" + cause(e) + ")", null);
  }

  /** A refusal the server stated, read by the command it answered. */
  static SendResult refused(Wire.Reply r) {
    String text = r.text();
    int code = r.code() > 0 ? r.code() : SmtpStatus.replyCode(text);
    String enhanced = SmtpStatus.enhancedStatus(text);
    String status = status(code, text);
    SmtpStatus.Verdict v = SmtpStatus.classify(code, enhanced, text);
    boolean permanent = code >= 500 && code < 600;
    if (!permanent) {
      return switch (v.concern()) {
        case SENDER_RATE -> new SendResult.MailboxRejected(Kind.RATE, status, text);
        case SENDER_AUTHENTICATION ->
            new SendResult.MailboxRejected(Kind.AUTHENTICATION, status, text);
        case RECIPIENT, SENDER_POLICY, TRANSIENT ->
            new SendResult.TransientFailure(status, text, retryAfter(text));
      };
    }
    return switch (r.to()) {
      case AUTH -> new SendResult.MailboxRejected(Kind.AUTHENTICATION, status, text);
      case RCPT, DATA, END_OF_DATA ->
          switch (v.concern()) {
            case RECIPIENT -> new SendResult.PermanentFailure(status, text);
            case SENDER_RATE -> new SendResult.MailboxRejected(Kind.RATE, status, text);
            case SENDER_AUTHENTICATION ->
                new SendResult.MailboxRejected(Kind.AUTHENTICATION, status, text);
            case SENDER_POLICY -> new SendResult.MailboxRejected(Kind.POLICY, status, text);
            case TRANSIENT -> new SendResult.TransientFailure(status, text, retryAfter(text));
          };
      // MAIL FROM, the greeting, EHLO, STARTTLS: whatever the words, it is the sender refused
      default ->
          switch (v.concern()) {
            case SENDER_RATE -> new SendResult.MailboxRejected(Kind.RATE, status, text);
            case SENDER_AUTHENTICATION ->
                new SendResult.MailboxRejected(Kind.AUTHENTICATION, status, text);
            case RECIPIENT, SENDER_POLICY, TRANSIENT ->
                new SendResult.MailboxRejected(Kind.POLICY, status, text);
          };
    };
  }

  /** The enhanced status code in a reply, else its reply code, else null. */
  static @Nullable String status(int code, String text) {
    String enhanced = SmtpStatus.enhancedStatus(text);
    if (enhanced != null) {
      return enhanced;
    }
    return code > 0 ? String.valueOf(code) : null;
  }

  /** How long the server asked to wait ("try again in 5 minutes"), or null. */
  static @Nullable Duration retryAfter(String text) {
    Matcher m = RETRY_AFTER.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.find()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    char unit = m.group(2).charAt(0);
    Duration d =
        switch (unit) {
          case 'h' -> Duration.ofHours(n);
          case 'm' -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        };
    return d.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : d;
  }

  /** Whether a cause of this type is in the chain. */
  static boolean has(Throwable e, Class<? extends Throwable> type) {
    return has(e, type::isInstance);
  }

  /** Whether a cause in the chain (causes and next exceptions) is such a one. */
  static boolean has(Throwable e, Predicate<Throwable> such) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (such.test(t)) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause, as {@code Type: message}, for a reason text. */
  static String cause(Throwable e) {
    Throwable last = e;
    for (Throwable t = e; t != null; t = next(t)) {
      last = t;
    }
    String message = last.getMessage();
    String type = last.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + shortReason(message);
  }

  private static @Nullable Throwable next(Throwable t) {
    Throwable c = t.getCause();
    if (c == null && t instanceof jakarta.mail.MessagingException m) {
      c = m.getNextException();
    }
    return c == t ? null : c;
  }

  private static String shortReason(String s) {
    String one = s.replace('\r', ' ').replace('\n', ' ').strip();
    return one.length() > 300 ? one.substring(0, 300) + "..." : one;
  }
}
