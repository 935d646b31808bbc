package dev.nudge.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The small JSON subset the store writes: objects, arrays, strings, integers, booleans and null.
 * Objects read back as {@link Map}s, arrays as {@link List}s, numbers as {@link Long}s.
 */
final class Json {
  private Json() {}

  /**
   * Writes a value made of maps, lists, strings, numbers, booleans and nulls; map entries keep
   * their order.
   */
  static String write(@Nullable Object value) {
    StringBuilder out = new StringBuilder(1024);
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, @Nullable Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      // a member that is null is left out: reading it back gives null all the same
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, (String) e.getKey());
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName());
    }
  }

  /**
   * Whether a string needs no escape in a JSON literal, and has no surrogate (checked on the slow
   * path for halves of a pair standing alone).
   */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20
          || c == '"'
          || c == '\\'
          || c == 0x2028
          || c == 0x2029
          || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Appends a JSON string literal; half of a surrogate pair standing alone becomes U+FFFD. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    if (plain(s)) {
      out.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            // half of a pair standing alone (a character cut in two, as in a mail's cut text):
            // no database keeps it in JSON, and H2 refuses the row
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Parses a JSON text. */
  static @Nullable Object parse(String text) {
    Reader r = new Reader(text);
    r.space();
    Object value = r.value();
    r.space();
    if (r.at < text.length()) {
      throw r.error("trailing characters");
    }
    return value;
  }

  private static final class Reader {
    private final String s;
    private int at;

    Reader(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("malformed JSON at " + at + ": " + what);
    }

    void space() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }

    @Nullable Object value() {
      if (at >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(at);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", true);
        case 'f' -> literal("false", false);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    private @Nullable Object literal(String word, @Nullable Object value) {
      if (!s.startsWith(word, at)) {
        throw error("expected " + word);
      }
      at += word.length();
      return value;
    }

    private Map<String, @Nullable Object> object() {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      at++;
      space();
      if (peek('}')) {
        at++;
        return map;
      }
      while (true) {
        space();
        String key = string();
        space();
        expect(':');
        space();
        map.put(key, value());
        space();
        if (peek(',')) {
          at++;
          continue;
        }
        expect('}');
        return map;
      }
    }

    private List<@Nullable Object> array() {
      List<@Nullable Object> list = new ArrayList<>();
      at++;
      space();
      if (peek(']')) {
        at++;
        return list;
      }
      while (true) {
        space();
        list.add(value());
        space();
        if (peek(',')) {
          at++;
          continue;
        }
        expect(']');
        return list;
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (at >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    private Long number() {
      int start = at;
      if (peek('-')) {
        at++;
      }
      while (at < s.length() && Character.isDigit(s.charAt(at))) {
        at++;
      }
      if (start == at || (at < s.length() && (s.charAt(at) == '.' || s.charAt(at) == 'e'))) {
        throw error("expected an integer");
      }
      return Long.parseLong(s.substring(start, at));
    }

    private boolean peek(char c) {
      return at < s.length() && s.charAt(at) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      at++;
    }
  }
}
