package dev.nudge.mail;

import dev.nudge.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the human-readable part of a delivery failure notice, as the many MTAs that send no RFC
 * 3464 report write it (qmail, Exim, Sendmail, Exchange, Gmail, Yahoo, ...): the text up to the
 * copy of the returned message, the failed addresses in it, and for each the lines that follow it
 * up to the next failed address, where the status codes and the server's words are.
 */
final class BounceText {
  /** A basic reply code in running text: after a line start, a blank, a colon, {@code <<<}. */
  private static final Pattern REPLY_CODE =
      Pattern.compile(
          "(?:^|[\\s:;(\\[<>'\"=#-])([45][0-5]\\d)(?=[\\s\\-:,)\\]]|$)", Pattern.MULTILINE);

  private static final List<String> COPY_MARKERS =
      List.of(
          "below this line is a copy of the message",
          "this is a copy of the message",
          "copy of the original message",
          "original message follows",
          "----- original message -----",
          "unsent message follows",
          "message headers follow",
          "original message headers",
          "returned message",
          "header of the original message",
          "headers of the original message",
          "original message header",
          "the original message was:",
          "------- original message",
          "--- original message",
          "message text follows",
          "original message is attached",
          "text of the returned message",
          "your message reads",
          "bounced e-mail:",
          "following is a copy of the message");

  private BounceText() {}

  /** The lines about one failed address. */
  record Block(EmailAddress recipient, String text) {}

  /** The text before the copy of the returned message. */
  static String explanation(String notice) {
    String lower = notice.toLowerCase(Locale.ROOT);
    int cut = notice.length();
    for (String marker : COPY_MARKERS) {
      int at = lower.indexOf(marker);
      if (at >= 0 && at < cut) {
        cut = lineStart(lower, at);
      }
    }
    int headers = headerBlock(notice, Math.min(cut, notice.length()));
    return notice.substring(0, Math.min(cut, headers));
  }

  private static int lineStart(String s, int at) {
    int nl = s.lastIndexOf('\n', at);
    return nl < 0 ? 0 : nl;
  }

  private static final Pattern FIELD_LINE = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,40}:(?!//).*");
  private static final Pattern STRONG_FIELD =
      Pattern.compile(
          "^(?:Return-Path|Received|Message-ID|DKIM-Signature|MIME-Version|Content-Type|X-[A-Za-z0-9-]+|ARC-[A-Za-z-]+|Authentication-Results|Delivered-To):.*",
          Pattern.CASE_INSENSITIVE);

  /**
   * Where a copied header block starts: a run of at least two header fields, one of them a field
   * only real messages carry (Received, Message-ID, ...); or {@code limit}.
   */
  private static int headerBlock(String s, int limit) {
    int runStart = -1;
    int fields = 0;
    boolean strong = false;
    int pos = 0;
    while (pos < limit) {
      int eol = s.indexOf('\n', pos);
      if (eol < 0 || eol > limit) {
        eol = limit;
      }
      String line = s.substring(pos, eol);
      boolean continuation =
          runStart >= 0 && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
      if (!continuation) {
        int colon = line.indexOf(':');
        if (colon > 0
            && colon <= 41
            && Character.isLetter(line.charAt(0))
            && FIELD_LINE.matcher(line).matches()) {
          if (runStart < 0) {
            runStart = pos;
            fields = 0;
            strong = false;
          }
          fields++;
          strong |= STRONG_FIELD.matcher(line).matches();
          if (fields >= 2 && strong) {
            return runStart;
          }
        } else {
          runStart = -1;
        }
      }
      pos = eol + 1;
    }
    return limit;
  }

  private static final Pattern SENDER_LINE =
      Pattern.compile(
          "^[\\s>*]*(?:From|MAIL FROM|Sender|Reply-To|Return-Path|Envelope-From|Mail-From|Message-ID|In-Reply-To|References)\\s*:.*",
          Pattern.CASE_INSENSITIVE);

  /**
   * The failed addresses of an explanation and the lines about each. With {@code known} addresses
   * (an {@code X-Failed-Recipients} field) only those are taken; else every address in the text but
   * the {@code excluded} ones (the sender's), those of mail systems and those on sender lines
   * ({@code From:}, {@code MAIL FROM:}). When that leaves none, the sender's own address counts
   * too: a message to oneself bounces.
   */
  static List<Block> blocks(
      String explanation, List<EmailAddress> known, List<EmailAddress> excluded) {
    List<Block> blocks = blocks(explanation, known, excluded, true);
    if (blocks.isEmpty() && known.isEmpty()) {
      blocks = blocks(explanation, known, List.of(), false);
    }
    return blocks;
  }

  private static List<Block> blocks(
      String explanation, List<EmailAddress> known, List<EmailAddress> excluded, boolean strict) {
    List<EmailAddress> found = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    int pos = 0;
    int n = explanation.length();
    while (pos < n) {
      int eol = explanation.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      String line = explanation.substring(pos, eol);
      if (line.indexOf('@') >= 0 && (!known.isEmpty() || !SENDER_LINE.matcher(line).matches())) {
        for (EmailAddress a : Addresses.inText(line)) {
          if (Addresses.contains(found, a)) {
            continue;
          }
          boolean take =
              known.isEmpty()
                  ? !Addresses.contains(excluded, a) && (!strict || !isMailSystem(a))
                  : Addresses.contains(known, a);
          if (take) {
            found.add(a);
            starts.add(pos);
          }
        }
      }
      pos = eol + 1;
    }
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      int start = starts.get(i);
      int end = n;
      for (int j = i + 1; j < found.size(); j++) {
        if (starts.get(j) > start) {
          end = starts.get(j);
          break;
        }
      }
      blocks.add(new Block(found.get(i), explanation.substring(start, Math.max(start, end))));
    }
    for (EmailAddress k : known) {
      if (!Addresses.contains(found, k)) {
        blocks.add(new Block(k, ""));
      }
    }
    return blocks;
  }

  /** Addresses of mail systems that notices name, never a failed recipient. */
  static boolean isMailSystem(EmailAddress a) {
    String local = a.localPart().toLowerCase(Locale.ROOT);
    return local.equals("mailer-daemon")
        || local.equals("postmaster")
        || local.equals("post_master")
        || local.startsWith("no-reply")
        || local.startsWith("noreply")
        || local.startsWith("donotreply")
        || local.startsWith("do-not-reply")
        || local.startsWith("bounce");
  }

  /** The first basic reply code (4xx or 5xx) in the text, or 0. */
  static int replyCode(String text) {
    Matcher m = REPLY_CODE.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The server's words of a block, on one line and at most 500 characters, or null. */
  static @Nullable String diagnostic(String block) {
    String oneLine = block.replaceAll("\\s+", " ").strip();
    if (oneLine.isEmpty()) {
      return null;
    }
    return oneLine.length() > 500 ? oneLine.substring(0, 500) : oneLine;
  }
}
