package dev.nudge;

import org.jspecify.annotations.Nullable;

/** Checks of text that stores keep, so that every database keeps it as it came. */
final class Texts {
  private Texts() {}

  /**
   * Refuses a NUL character, which PostgreSQL keeps in no text column, and half of a surrogate pair
   * standing alone (a character cut in two), which UTF-8 cannot encode: databases would keep a
   * {@code ?} in its place or refuse the row.
   *
   * @throws InvalidInputException naming {@code field}
   */
  static void storable(String field, @Nullable String value) {
    if (value == null) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        throw new InvalidInputException(field, "contains a NUL character");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(
            field, "contains half of a surrogate pair standing alone (a character cut in two)");
      }
    }
  }

  /**
   * The text with each control character as a space: for text that quotes a server or a mail (a
   * reason, a detail), which is kept rather than refused. Returns the text itself when it has none.
   */
  static String controlsAsSpaces(String value) {
    if (value.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      return value;
    }
    char[] chars = value.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] < 0x20 || chars[i] == 0x7f) {
        chars[i] = ' ';
      }
    }
    return new String(chars);
  }
}
