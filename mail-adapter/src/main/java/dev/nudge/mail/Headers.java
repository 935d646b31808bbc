package dev.nudge.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The header fields of a message or a body part, unfolded, names in lower case, in order. */
final class Headers {
  static final Headers NONE = new Headers(List.of(), List.of());

  private final List<String> names;
  private final List<String> values;

  Headers(List<String> names, List<String> values) {
    this.names = names;
    this.values = values;
  }

  int size() {
    return names.size();
  }

  /** The first value of the field (name in lower case), stripped, or null. */
  @Nullable String first(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(name)) {
        return values.get(i).strip();
      }
    }
    return null;
  }

  /** Every value of the field (name in lower case). */
  List<String> all(String name) {
    List<String> found = null;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(name)) {
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(values.get(i).strip());
      }
    }
    return found == null ? List.of() : found;
  }

  boolean has(String name) {
    return names.contains(name);
  }

  /** The fields as a map of decoded values, for the inbound model. */
  Map<String, List<String>> decodedMap() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      map.computeIfAbsent(names.get(i), k -> new ArrayList<>(1))
          .add(Codecs.decodeWords(values.get(i).strip()));
    }
    return Collections.unmodifiableMap(map);
  }

  /** A structured field value such as {@code text/plain; charset="utf-8"}: its main value. */
  static String mainValue(@Nullable String field) {
    if (field == null) {
      return "";
    }
    int semi = field.indexOf(';');
    String main = semi < 0 ? field : field.substring(0, semi);
    return main.strip().toLowerCase(Locale.ROOT);
  }

  /** A parameter of a structured field value, unquoted, or null. Name in lower case. */
  static @Nullable String param(@Nullable String field, String name) {
    if (field == null) {
      return null;
    }
    int i = field.indexOf(';');
    while (i >= 0 && i < field.length()) {
      int eq = field.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String key = field.substring(i + 1, eq).strip().toLowerCase(Locale.ROOT);
      int start = eq + 1;
      while (start < field.length() && Character.isWhitespace(field.charAt(start))) {
        start++;
      }
      String value;
      int next;
      if (start < field.length() && field.charAt(start) == '"') {
        int close = start + 1;
        StringBuilder sb = new StringBuilder();
        while (close < field.length() && field.charAt(close) != '"') {
          char c = field.charAt(close);
          if (c == '\\' && close + 1 < field.length()) {
            close++;
            c = field.charAt(close);
          }
          sb.append(c);
          close++;
        }
        value = sb.toString();
        next = field.indexOf(';', Math.min(close, field.length()));
      } else {
        int semi = field.indexOf(';', start);
        value = (semi < 0 ? field.substring(start) : field.substring(start, semi)).strip();
        next = semi;
      }
      if (key.equals(name) || key.equals(name + "*") || key.equals(name + "*0")) {
        return value;
      }
      i = next;
    }
    return null;
  }
}
