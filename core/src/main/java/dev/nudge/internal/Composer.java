package dev.nudge.internal;

import dev.nudge.Candidate;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.SendAttempt;
import dev.nudge.SenderMailbox;
import dev.nudge.StepExecution;
import dev.nudge.StepRef;
import dev.nudge.StepType;
import dev.nudge.Template;
import dev.nudge.Tracking;
import dev.nudge.spi.transport.OutboundEmail;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds the outbound model of an email step: rendered subject and bodies, a fresh Message-ID,
 * threading headers from the earlier steps of the thread, tracking and unsubscribe URLs, and the
 * return path.
 */
final class Composer {
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final Tokens tokens;
  private final Tracking tracking;
  private final IdSource ids;

  Composer(Tokens tokens, Tracking tracking, IdSource ids) {
    this.tokens = tokens;
    this.tracking = tracking;
    this.ids = ids;
  }

  /**
   * A new Message-ID on the sender's domain: 128 random bits in base32. It is ASCII, as RFC 5322
   * has it and as stores index it: an internationalized domain is written in its ASCII form ({@code
   * xn--}), and a domain that has none, or whose ASCII form is longer than {@value #MAX_DOMAIN}
   * characters, gives way to {@code nudge.invalid} (the random part alone makes the id unique). So
   * no Message-ID is longer than {@value #MAX_MESSAGE_ID} characters.
   */
  String newMessageId(EmailAddress from) {
    String domain = asciiDomain(from.domain());
    char[] out = new char[1 + 26 + 1 + domain.length() + 1];
    out[0] = '<';
    encode(ids.nextLong(), out, 1);
    encode(ids.nextLong(), out, 14);
    out[27] = '@';
    domain.getChars(0, domain.length(), out, 28);
    out[out.length - 1] = '>';
    return new String(out);
  }

  /** Longest right-hand side of a Message-ID: a domain name's limit. */
  static final int MAX_DOMAIN = 253;

  /** Longest Message-ID made here: brackets, 26 characters, {@code @} and the domain. */
  static final int MAX_MESSAGE_ID = 29 + MAX_DOMAIN;

  private static String asciiDomain(String domain) {
    String ascii;
    try {
      ascii = java.net.IDN.toASCII(domain, java.net.IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      return "nudge.invalid";
    }
    // letters, digits, hyphens and dots only: nothing a reader of the id or a VERP address refuses
    return ascii.isEmpty()
            || ascii.length() > MAX_DOMAIN
            || !ascii
                .chars()
                .allMatch(
                    ch -> ch < 0x80 && (Character.isLetterOrDigit(ch) || ch == '-' || ch == '.'))
        ? "nudge.invalid"
        : ascii;
  }

  private static void encode(long bits, char[] out, int at) {
    for (int i = 12; i >= 0; i--) {
      out[at + i] = BASE32[(int) (bits & 31)];
      bits >>>= 5;
    }
  }

  OutboundEmail compose(
      SenderMailbox mailbox,
      Compiled compiled,
      Enrollment e,
      int step,
      String messageId,
      Instant at) {
    Candidate c = e.candidate();
    Function<String, @Nullable String> values = v -> c.variable(v).orElse(null);
    Compiled.StepTemplates t = compiled.step(step);
    List<String> thread =
        compiled.step(step).replyInThread() ? thread(compiled, e, step) : List.of();
    String subject = subject(compiled, step, values, !thread.isEmpty());
    String text = t.body.render(values, false);
    StepRef ref = new StepRef(e.id(), step);
    URI pixel =
        tracking.openPixelBase() == null
            ? null
            : URI.create(tracking.openPixelBase() + tokens.sign(Tokens.Purpose.OPEN, ref));
    URI unsubscribe =
        tracking.unsubscribeBase() == null
            ? null
            : URI.create(tracking.unsubscribeBase() + tokens.sign(Tokens.Purpose.UNSUBSCRIBE, ref));
    EmailAddress unsubscribeMailbox = tracking.unsubscribeMailbox();
    URI mailto =
        unsubscribeMailbox == null
            ? null
            : URI.create(
                "mailto:"
                    + unsubscribeMailbox.value()
                    + "?subject=unsubscribe%20"
                    + tokens.sign(Tokens.Purpose.UNSUBSCRIBE, ref));
    String html = t.html == null ? null : withPixel(t.html.render(values, true), pixel);
    return new OutboundEmail(
        ref,
        messageId,
        mailbox.address(),
        mailbox.displayName(),
        e.address(),
        c.name(),
        subject,
        text,
        html,
        thread.isEmpty() ? null : thread.get(thread.size() - 1),
        thread,
        unsubscribe,
        mailto,
        html == null ? null : pixel,
        returnPath(messageId),
        at);
  }

  /**
   * The subject: a new-thread step renders its own; a reply in thread renders its own if it has
   * one, else answers the thread's first subject with {@code Re:}.
   */
  private static String subject(
      Compiled compiled, int step, Function<String, @Nullable String> values, boolean inThread) {
    Compiled.StepTemplates t = compiled.step(step);
    Template own = t.subject;
    if (own != null && !own.source().isBlank()) {
      return own.render(values, false);
    }
    int root = step;
    while (compiled.step(root).replyInThread() || compiled.step(root).subject == null) {
      root--;
    }
    Template rootSubject = compiled.step(root).subject;
    String s = rootSubject == null ? "" : rootSubject.render(values, false);
    if (!inThread || s.toLowerCase(Locale.ROOT).startsWith("re:")) {
      return s;
    }
    return "Re: " + s;
  }

  /**
   * Message-IDs of the thread a reply-in-thread step continues: the delivered attempt of each
   * earlier email step, back to the step that opened the thread, oldest first.
   */
  private static List<String> thread(Compiled compiled, Enrollment e, int step) {
    List<String> ids = new ArrayList<>();
    for (int n = step - 1; n >= 1; n--) {
      StepExecution s = e.step(n);
      if (s.type() != StepType.AUTO_EMAIL) {
        continue;
      }
      String delivered = null;
      for (SendAttempt a : s.attempts()) {
        if (a.outcome() == SendAttempt.Outcome.ACCEPTED
            || a.outcome() == SendAttempt.Outcome.UNKNOWN) {
          delivered = a.messageId();
        }
      }
      if (delivered != null) {
        ids.add(0, delivered);
      }
      if (!compiled.step(n).replyInThread()) {
        break;
      }
    }
    return ids;
  }

  private static String withPixel(String html, @Nullable URI pixel) {
    if (pixel == null) {
      return html;
    }
    String img =
        "<img src=\""
            + Template.escapeHtml(pixel.toString())
            + "\" width=\"1\" height=\"1\" alt=\"\">";
    int body = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
    return body < 0 ? html + img : html.substring(0, body) + img + html.substring(body);
  }

  /** A VERP return path {@code local+unique=domain@host}, when a bounce mailbox is configured. */
  private @Nullable EmailAddress returnPath(String messageId) {
    EmailAddress bounce = tracking.bounceMailbox();
    if (bounce == null) {
      return null;
    }
    String inner = messageId.substring(1, messageId.length() - 1).replace('@', '=');
    String local = bounce.localPart() + "+" + inner;
    return local.length() <= 64
        ? EmailAddress.of("returnPath", local + "@" + bounce.domain())
        : bounce;
  }
}
