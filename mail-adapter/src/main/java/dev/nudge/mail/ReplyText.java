package dev.nudge.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The new text of a reply, without quoted history and signature [S21]. The text is read from the
 * bottom up into fragments of quoted lines ({@code >}), signatures (below a {@code --} or {@code
 * __} line, or a "Sent from my ..." line) and the rest; quoted and signature fragments below the
 * lowest fragment of the writer's own text are hidden, as is everything below an Outlook-style
 * header block ("From: ... Sent: ...") or an "-----Original Message-----" line. "On ... wrote:"
 * lines above a quote belong to the quote, also when a client broke them over several lines, and in
 * English, German, French, Spanish, Portuguese and Dutch. Every step is linear in the text.
 */
final class ReplyText {
  private static final int MAX_CHARS = 200_000;

  private static final Pattern QUOTE_HEADER =
      Pattern.compile(
          "^(?:On|Am|Le|El|Em|Op|Il)\\s.{0,300}(?:wrote|schrieb|a écrit|escribió|escreveu|schreef|ha scritto)\\s?:$");
  private static final Pattern HEADER_START =
      Pattern.compile("^\\*?(?:From|Von|De|Van|Da|Fra|Från|Od)\\s?:\\*?\\s.*");

  /** A header block's sent or subject line: below a "From:" line, it starts a header block. */
  private static final Pattern HEADER_SENT =
      Pattern.compile(
          "^\\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Enviada|Verzonden|Data|Fecha|Skickat|Sendt|Inviato|Wysłano|Subject|Betreff|Objet|Asunto|Assunto|Onderwerp|Oggetto|Temat|Emne|Ämne)(?: el| le| em)?\\s?:\\*?(?:\\s.*)?");

  /**
   * A header block's recipient line: it starts a header block only below a "From:" line that holds
   * an address, as "From: Monday / To: Friday" in an absence notice is no header block.
   */
  private static final Pattern HEADER_TO =
      Pattern.compile("^\\*?(?:To|An|À|Para|Aan|Cc|A|Do|Til|Till)\\s?:\\*?(?:\\s.*)?");

  private static final Pattern ORIGINAL_MESSAGE =
      Pattern.compile(
          "^\\s*-{2,}\\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Mensagem original|Oorspronkelijk bericht|Originalnachricht)\\s*-{2,}\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SENT_FROM_MY =
      Pattern.compile("^Sent from my(?:\\s*[A-Za-z0-9_]+){1,3}$");

  private ReplyText() {}

  /** One run of lines with the same nature. */
  static final class Fragment {
    final boolean quoted;
    boolean signature;
    boolean hidden;
    final List<String> lines = new ArrayList<>(); // bottom-up while reading
    String content = "";

    Fragment(boolean quoted, String first) {
      this.quoted = quoted;
      lines.add(first);
    }

    String lastAdded() {
      return lines.get(lines.size() - 1);
    }
  }

  /**
   * A text read once.
   *
   * @param visible the fragments that are not hidden, joined, without trailing blanks
   * @param hasHistory whether the text carries history: quoted lines, above or below the writer's
   *     own text, or a message below an Outlook-style header block or an "-----Original
   *     Message-----" line
   */
  record Reading(String visible, boolean hasHistory) {}

  /** The visible text: the fragments that are not hidden, joined, without trailing blanks. */
  static String of(String text) {
    return read(text).visible();
  }

  /** Reads the text: its visible part, and whether it carries history. */
  static Reading read(String text) {
    String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    String own = cutHistory(t);
    boolean history = own.length() < t.length();
    StringBuilder out = new StringBuilder();
    for (Fragment f : fragments(own)) {
      history |= f.quoted;
      if (!f.hidden) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(f.content);
      }
    }
    return new Reading(out.toString().stripTrailing(), history);
  }

  /** The fragments of the text, top-down. */
  static List<Fragment> fragments(String text) {
    String[] lines = joinQuoteHeaders(text.replace("\r\n", "\n").split("\n", -1));
    List<Fragment> fragments = new ArrayList<>();
    Fragment current = null;
    boolean foundVisible = false;
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i];
      if (!isSignatureLine(line)) {
        line = line.stripTrailing();
      }
      boolean quoted = line.startsWith(">");
      if (current != null && line.isEmpty() && isSignatureLine(current.lastAdded())) {
        current.signature = true;
        foundVisible = finish(current, fragments, foundVisible);
        current = null;
      }
      if (current != null
          && (current.quoted == quoted
              || (current.quoted && (isQuoteHeader(line) || line.isEmpty())))) {
        current.lines.add(line);
      } else {
        if (current != null) {
          foundVisible = finish(current, fragments, foundVisible);
        }
        current = new Fragment(quoted, line);
      }
    }
    if (current != null) {
      finish(current, fragments, foundVisible);
    }
    List<Fragment> topDown = new ArrayList<>(fragments.size());
    for (int i = fragments.size() - 1; i >= 0; i--) {
      topDown.add(fragments.get(i));
    }
    return topDown;
  }

  private static boolean finish(Fragment f, List<Fragment> done, boolean foundVisible) {
    StringBuilder sb = new StringBuilder();
    for (int i = f.lines.size() - 1; i >= 0; i--) {
      sb.append(f.lines.get(i));
      if (i > 0) {
        sb.append('\n');
      }
    }
    f.content = sb.toString();
    boolean visible = foundVisible;
    if (!foundVisible) {
      if (f.quoted || f.signature || f.content.isBlank()) {
        f.hidden = true;
      } else {
        visible = true;
      }
    }
    done.add(f);
    return visible;
  }

  /** A signature delimiter: a line with {@code --} or {@code __}, "-word", "Sent from my ...". */
  static boolean isSignatureLine(String line) {
    if (line.contains("--") || line.contains("__")) {
      return true;
    }
    if (line.length() > 1 && line.charAt(0) == '-' && isWordChar(line.charAt(1))) {
      return true;
    }
    return line.startsWith("Sent from my") && SENT_FROM_MY.matcher(line).matches();
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean isQuoteHeader(String line) {
    return line.length() < 400 && QUOTE_HEADER.matcher(line).matches();
  }

  /** Joins an "On ... wrote:" header that a client broke over up to four lines. */
  private static String[] joinQuoteHeaders(String[] lines) {
    for (int i = 0; i < lines.length; i++) {
      String first = lines[i];
      if (!startsQuoteHeader(first) || isQuoteHeader(first.stripTrailing())) {
        continue;
      }
      StringBuilder joined = new StringBuilder(first.strip());
      for (int j = i + 1; j < lines.length && j <= i + 3; j++) {
        if (lines[j].isBlank() || lines[j].startsWith(">")) {
          break;
        }
        joined.append(' ').append(lines[j].strip());
        if (isQuoteHeader(joined.toString())) {
          List<String> out = new ArrayList<>(lines.length);
          for (int k = 0; k < i; k++) {
            out.add(lines[k]);
          }
          out.add(joined.toString());
          for (int k = j + 1; k < lines.length; k++) {
            out.add(lines[k]);
          }
          return out.toArray(new String[0]);
        }
      }
    }
    return lines;
  }

  private static boolean startsQuoteHeader(String line) {
    return line.length() > 3
        && line.length() < 300
        && (line.startsWith("On ")
            || line.startsWith("Am ")
            || line.startsWith("Le ")
            || line.startsWith("El ")
            || line.startsWith("Em ")
            || line.startsWith("Op ")
            || line.startsWith("Il "));
  }

  /**
   * The text above the first Outlook-style header block, "Original Message" line, or quote header
   * that is not followed by quoted lines; the whole text when there is none or nothing above it.
   */
  static String cutHistory(String text) {
    String[] lines = text.split("\n", -1);
    boolean ownText = false;
    int offset = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      if (ownText && startsHistory(lines, i, line)) {
        // a separator line (____, -----) above the history belongs to it
        int cut = offset;
        for (int j = i - 1; j >= 0 && (lines[j].isBlank() || isSeparator(lines[j])); j--) {
          cut -= lines[j].length() + 1;
        }
        return text.substring(0, Math.max(0, cut));
      }
      if (!line.isBlank() && !line.startsWith(">")) {
        ownText = true;
      }
      offset += lines[i].length() + 1;
    }
    return text;
  }

  private static boolean isSeparator(String line) {
    String s = line.strip();
    if (s.length() < 5) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '_' && c != '-' && c != '=' && c != '*') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsHistory(String[] lines, int i, String line) {
    if (line.length() < 4 || line.charAt(0) == '>') {
      return false;
    }
    if (line.contains("--") && ORIGINAL_MESSAGE.matcher(line).matches()) {
      return true;
    }
    int colon = line.indexOf(':');
    if (colon > 0 && colon < 8 && HEADER_START.matcher(line).matches()) {
      boolean address = line.indexOf('@') > 0;
      for (int j = i + 1; j < lines.length && j <= i + 3; j++) {
        String next = lines[j].stripTrailing();
        if (HEADER_SENT.matcher(next).matches() || (address && HEADER_TO.matcher(next).matches())) {
          return true;
        }
      }
      return false;
    }
    if (startsQuoteHeader(line) && isQuoteHeader(line)) {
      for (int j = i + 1; j < lines.length; j++) {
        if (!lines[j].isBlank()) {
          return !lines[j].startsWith(">");
        }
      }
    }
    return false;
  }
}
