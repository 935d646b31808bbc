package dev.nudge.mail;

import java.util.Locale;

/**
 * Plain text of an HTML body: tags dropped, blocks on lines of their own, entities decoded, the
 * content of {@code <blockquote>} quoted with {@code >} so that quoted history can be told apart. A
 * single pass; unclosed tags and comments end the text.
 */
final class HtmlText {
  private HtmlText() {}

  static String of(String html) {
    StringBuilder out = new StringBuilder(html.length() / 2);
    int quote = 0;
    boolean lineStart = true;
    boolean space = false;
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        if (html.startsWith("<!--", i)) {
          int end = html.indexOf("-->", i + 4);
          i = end < 0 ? n : end + 3;
          continue;
        }
        int end = html.indexOf('>', i + 1);
        if (end < 0) {
          break;
        }
        String tag = tagName(html, i + 1, end);
        boolean closing = i + 1 < n && html.charAt(i + 1) == '/';
        i = end + 1;
        if (!closing
            && (tag.equals("script")
                || tag.equals("style")
                || tag.equals("head")
                || tag.equals("title"))) {
          int close = indexOfIgnoreCase(html, "</" + tag, i);
          i = close < 0 ? n : close;
          continue;
        }
        if (tag.equals("blockquote")) {
          quote = Math.max(0, quote + (closing ? -1 : 1));
          newline(out, quote);
          lineStart = true;
          space = false;
        } else if (tag.equals("br")
            || tag.equals("p")
            || tag.equals("div")
            || tag.equals("tr")
            || tag.equals("li")
            || tag.equals("table")
            || tag.equals("hr")
            || (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1)))) {
          if (tag.equals("br") || !lineStart) {
            newline(out, quote);
          }
          lineStart = true;
          space = false;
        } else if (tag.equals("td") || tag.equals("th")) {
          space = !lineStart;
        }
        continue;
      }
      if (c == '&') {
        int semi = html.indexOf(';', i);
        if (semi > i && semi - i <= 10) {
          String decoded = entity(html.substring(i + 1, semi));
          if (decoded != null) {
            if (space) {
              out.append(' ');
              space = false;
            }
            out.append(decoded);
            lineStart = false;
            i = semi + 1;
            continue;
          }
        }
      }
      if (Character.isWhitespace(c)) {
        space = !lineStart;
        i++;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
      lineStart = false;
      i++;
    }
    return out.toString().strip();
  }

  private static void newline(StringBuilder out, int quote) {
    out.append('\n');
    for (int q = 0; q < quote; q++) {
      out.append("> ");
    }
  }

  private static String tagName(String html, int from, int end) {
    int i = from;
    if (i < end && html.charAt(i) == '/') {
      i++;
    }
    int start = i;
    while (i < end && Character.isLetterOrDigit(html.charAt(i))) {
      i++;
    }
    return html.substring(start, i).toLowerCase(Locale.ROOT);
  }

  private static int indexOfIgnoreCase(String s, String needle, int from) {
    int max = s.length() - needle.length();
    for (int i = from; i <= max; i++) {
      if (s.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  private static @org.jspecify.annotations.Nullable String entity(String name) {
    String named =
        switch (name) {
          case "amp" -> "&";
          case "lt" -> "<";
          case "gt" -> ">";
          case "quot" -> "\"";
          case "apos" -> "'";
          case "nbsp" -> " ";
          default -> null;
        };
    if (named != null) {
      return named;
    }
    if (name.startsWith("#")) {
      try {
        int cp =
            name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                ? Integer.parseInt(name.substring(2), 16)
                : Integer.parseInt(name.substring(1));
        return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
