package dev.nudge.internal;

import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import dev.nudge.spi.inbound.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Tells the engine's own mail from mail to it, and finds who wrote mail a list delivered.
 *
 * <p>Mail from a sender mailbox is the engine's own (a note to self, the recruiter's own follow-up
 * kept in the inbox) — its Reply-To does not change that, since a mail client may set Reply-To to
 * an alias or a tracking system's address. The exception is mail a mailing list delivered (it has
 * list headers): a list used as the sender mailbox, such as a Google Group, rewrites From to its
 * own address, and the writer is named in {@code X-Original-From}, {@code X-Original-Sender} or
 * Reply-To. Such mail is read as the writer's; when it names no writer it is matched by its thread
 * alone, never dropped as the engine's own.
 */
final class OwnMail {
  /** Headers only a mailing list or a group adds to the mail it delivers. */
  private static final List<String> LIST_HEADERS =
      List.of(
          "list-id",
          "list-post",
          "mailing-list",
          "x-google-group-id",
          "x-original-from",
          "x-original-sender");

  /** What is known of a mail's author: the mail to match, and why it is the engine's own. */
  record Verdict(InboundMessage message, @Nullable String own) {}

  private OwnMail() {}

  /**
   * Decides whether {@code m} is the engine's own mail; when a list delivered it on behalf of
   * someone else, the returned message is from that person.
   */
  static Verdict judge(
      InboundMessage m, boolean copyOfSent, Predicate<EmailAddress> isSenderMailbox) {
    if (copyOfSent) {
      return new Verdict(m, "a copy of an email this engine sent: no answer to a step");
    }
    EmailAddress from = m.from();
    if (from == null || !isSenderMailbox.test(from)) {
      return new Verdict(m, null);
    }
    if (!fromAList(m)) {
      return new Verdict(m, "sent from a sender mailbox: no answer to a step");
    }
    EmailAddress writer = writerOf(m, isSenderMailbox);
    if (writer == null) {
      // the list hid who wrote: the thread alone can tell which step this answers
      return new Verdict(m, null);
    }
    if (isSenderMailbox.test(writer)) {
      return new Verdict(m, "written from a sender mailbox through a list: no answer to a step");
    }
    return new Verdict(m.withFrom(writer), null);
  }

  static boolean fromAList(InboundMessage m) {
    for (String name : LIST_HEADERS) {
      if (m.header(name) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The writer a list named: {@code X-Original-From} when it holds an address; else the first
   * address of {@code X-Original-Sender}, then of Reply-To, that is no sender mailbox (a list
   * nested in another names the inner list there; a list that takes replies names itself in
   * Reply-To). A sender mailbox when {@code X-Original-Sender} names only sender mailboxes; {@code
   * null} when no writer is named.
   */
  private static @Nullable EmailAddress writerOf(
      InboundMessage m, Predicate<EmailAddress> isSenderMailbox) {
    List<EmailAddress> originalFrom = addressesIn(m.headers().get("x-original-from"));
    if (!originalFrom.isEmpty()) {
      return originalFrom.get(0);
    }
    List<EmailAddress> originalSender = addressesIn(m.headers().get("x-original-sender"));
    List<EmailAddress> replyTo = addressesIn(m.headers().get("reply-to"));
    if (replyTo.isEmpty() && m.replyTo() != null) {
      replyTo = List.of(m.replyTo());
    }
    List<EmailAddress> named = new ArrayList<>(originalSender);
    named.addAll(replyTo);
    for (EmailAddress a : named) {
      if (!isSenderMailbox.test(a)) {
        return a;
      }
    }
    // Reply-To naming the list says nothing of who wrote; X-Original-Sender naming it does
    return originalSender.isEmpty() ? null : originalSender.get(0);
  }

  private static List<EmailAddress> addressesIn(@Nullable List<String> values) {
    List<EmailAddress> found = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        found.addAll(addressesIn(value));
      }
    }
    return found;
  }

  /**
   * The addresses in a decoded address-list header, in order, skipping what is no valid address:
   * display names (quoted, with escapes), comments (nested, dropped), angle addresses and bare
   * ones, and groups ({@code Team: a@x.org, b@y.org;}).
   */
  static List<EmailAddress> addressesIn(String value) {
    List<EmailAddress> found = new ArrayList<>();
    if (!read(value, found)) {
      // an open quote or comment that never closes (decoding turned a name's text into syntax):
      // read the text plainly, by commas and angle brackets
      found.clear();
      for (String part : value.split(",", -1)) {
        // the first angle address: a comment that follows may name another
        int open = part.indexOf('<');
        int close = open < 0 ? -1 : part.indexOf('>', open);
        addAddress(close < 0 ? part : part.substring(open, close + 1), found);
      }
    }
    return found;
  }

  /** Reads the addresses into {@code found}; false when a quote or a comment is left open. */
  private static boolean read(String value, List<EmailAddress> found) {
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    int comment = 0;
    int angle = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && (quoted || comment > 0) && i + 1 < value.length()) {
        i++;
        if (comment == 0) {
          part.append(c).append(value.charAt(i));
        }
        continue;
      }
      if (comment > 0) {
        if (c == '(') {
          comment++;
        } else if (c == ')') {
          comment--;
        }
        continue; // a comment says nothing of the address
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        comment = 1;
        part.append(' ');
        continue;
      } else if (!quoted && c == '<') {
        angle++;
      } else if (!quoted && c == '>' && angle > 0) {
        angle--;
      } else if (!quoted && angle == 0 && (c == ',' || c == ';')) {
        addAddress(part.toString(), found);
        part.setLength(0);
        continue;
      } else if (!quoted && angle == 0 && c == ':') {
        part.setLength(0); // the name of a group: its members follow
        continue;
      }
      part.append(c);
    }
    if (quoted || comment > 0) {
      return false;
    }
    addAddress(part.toString(), found);
    return true;
  }

  /** The text with every quoted string (escapes and all) left as an empty {@code ""}. */
  private static String withoutQuotedText(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\') {
        i++; // the escaped character is part of the quoted text
      } else if (c == '"') {
        quoted = !quoted;
        out.append(c);
      } else if (!quoted) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void addAddress(String mailbox, List<EmailAddress> found) {
    // a display name may hold anything, "<bob@y.org>" too: look for the address outside it
    String s = withoutQuotedText(mailbox).strip();
    int close = s.lastIndexOf('>');
    int open = close < 0 ? -1 : s.lastIndexOf('<', close);
    if (open >= 0) {
      s = s.substring(open + 1, close).strip();
    } else {
      s = s.replace("\"\"", "").strip();
      if (s.indexOf('"') >= 0) {
        return; // a display name without an address
      }
    }
    if (s.isEmpty()) {
      return;
    }
    try {
      found.add(EmailAddress.of("address", s));
    } catch (InvalidInputException e) {
      // not an address this engine could have written to: skipped
    }
  }
}
