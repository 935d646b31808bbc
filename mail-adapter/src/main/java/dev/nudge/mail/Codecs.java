package dev.nudge.mail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Byte-level decoding, lenient everywhere: line endings, transfer encodings (RFC 2045), charsets
 * and encoded words (RFC 2047). Nothing here throws for what a message holds.
 */
final class Codecs {
  private static final Charset WINDOWS_1252 = charsetOrLatin1("windows-1252");

  private Codecs() {}

  /** The bytes with every CRLF and lone CR turned into LF; the same array when there is no CR. */
  static byte[] toLf(byte[] raw) {
    int cr = -1;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\r') {
        cr = i;
        break;
      }
    }
    if (cr < 0) {
      return raw;
    }
    byte[] out = new byte[raw.length];
    System.arraycopy(raw, 0, out, 0, cr);
    int n = cr;
    for (int i = cr; i < raw.length; i++) {
      byte b = raw[i];
      if (b == '\r') {
        out[n++] = '\n';
        if (i + 1 < raw.length && raw[i + 1] == '\n') {
          i++;
        }
      } else {
        out[n++] = b;
      }
    }
    byte[] trimmed = new byte[n];
    System.arraycopy(out, 0, trimmed, 0, n);
    return trimmed;
  }

  /** Undoes a Content-Transfer-Encoding; unknown encodings are taken as they are. */
  static byte[] decodeTransfer(@Nullable String encoding, byte[] data, int from, int to) {
    String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    if (e.equals("base64")) {
      return base64(data, from, to);
    }
    if (e.equals("quoted-printable")) {
      return quotedPrintable(data, from, to, false);
    }
    byte[] out = new byte[to - from];
    System.arraycopy(data, from, out, 0, to - from);
    return out;
  }

  /** Base64, skipping anything outside the alphabet and stopping at the first padding. */
  static byte[] base64(byte[] data, int from, int to) {
    byte[] out = new byte[(to - from) * 3 / 4 + 3];
    int n = 0;
    int acc = 0;
    int bits = 0;
    for (int i = from; i < to; i++) {
      int v = base64Value(data[i]);
      if (v == -2) {
        break;
      }
      if (v < 0) {
        continue;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (acc >> bits);
        acc &= (1 << bits) - 1;
      }
    }
    byte[] trimmed = new byte[n];
    System.arraycopy(out, 0, trimmed, 0, n);
    return trimmed;
  }

  private static int base64Value(byte b) {
    if (b >= 'A' && b <= 'Z') {
      return b - 'A';
    }
    if (b >= 'a' && b <= 'z') {
      return b - 'a' + 26;
    }
    if (b >= '0' && b <= '9') {
      return b - '0' + 52;
    }
    if (b == '+' || b == '-') {
      return 62;
    }
    if (b == '/' || b == '_') {
      return 63;
    }
    return b == '=' ? -2 : -1;
  }

  /**
   * Quoted-printable; a malformed escape is kept as it is. In encoded words ({@code header}) an
   * underscore is a space.
   */
  static byte[] quotedPrintable(byte[] data, int from, int to, boolean header) {
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (b == '=') {
        if (i + 1 < to && data[i + 1] == '\n') {
          i++; // soft line break
          continue;
        }
        int j = i + 1;
        while (j < to && (data[j] == ' ' || data[j] == '\t')) {
          j++;
        }
        if (j < to && data[j] == '\n' && j > i + 1) {
          i = j; // soft line break with trailing blanks
          continue;
        }
        if (i + 2 < to) {
          int hi = Character.digit(data[i + 1], 16);
          int lo = Character.digit(data[i + 2], 16);
          if (hi >= 0 && lo >= 0) {
            out[n++] = (byte) (hi * 16 + lo);
            i += 2;
            continue;
          }
        }
        out[n++] = b;
      } else if (header && b == '_') {
        out[n++] = ' ';
      } else {
        out[n++] = b;
      }
    }
    byte[] trimmed = new byte[n];
    System.arraycopy(out, 0, trimmed, 0, n);
    return trimmed;
  }

  /** The charset of that name, or null when Java does not know it. */
  static @Nullable Charset charset(@Nullable String name) {
    if (name == null) {
      return null;
    }
    String n = name.strip().replace("\"", "").replace("'", "");
    if (n.isEmpty()) {
      return null;
    }
    String lower = n.toLowerCase(Locale.ROOT);
    if (lower.equals("us-ascii") || lower.equals("ascii") || lower.equals("utf8")) {
      return StandardCharsets.UTF_8; // a superset, for the many mislabelled messages
    }
    if (lower.equals("iso-8859-1") || lower.equals("latin1")) {
      return WINDOWS_1252;
    }
    try {
      return Charset.isSupported(n) ? Charset.forName(n) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Text of the bytes in the named charset: UTF-8 when valid, else Windows-1252, when unknown. */
  static String decode(byte[] data, int from, int to, @Nullable String charsetName) {
    Charset cs = charset(charsetName);
    if (cs == null || cs.equals(StandardCharsets.UTF_8)) {
      return utf8OrLatin(data, from, to);
    }
    return new String(data, from, to - from, cs);
  }

  /** UTF-8 when the bytes are valid UTF-8, Windows-1252 otherwise. */
  static String utf8OrLatin(byte[] data, int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (data[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = d.decode(ByteBuffer.wrap(data, from, to - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return new String(data, from, to - from, WINDOWS_1252);
    }
  }

  /**
   * Decodes RFC 2047 encoded words ({@code =?charset?Q?...?=}); whitespace between two encoded
   * words is dropped. A malformed word is kept as it is.
   */
  static String decodeWords(String value) {
    if (!value.contains("=?")) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    boolean afterWord = false;
    while (i < value.length()) {
      int start = value.indexOf("=?", i);
      if (start < 0) {
        out.append(value, i, value.length());
        break;
      }
      int q1 = value.indexOf('?', start + 2);
      int q2 = q1 < 0 ? -1 : value.indexOf('?', q1 + 1);
      int end = q2 < 0 ? -1 : value.indexOf("?=", q2 + 1);
      if (q1 < 0 || q2 != q1 + 2 || end < 0) {
        out.append(value, i, value.length());
        break;
      }
      String between = value.substring(i, start);
      if (!afterWord || !between.isBlank()) {
        out.append(between); // whitespace between two encoded words disappears
      }
      String cs = value.substring(start + 2, q1);
      int star = cs.indexOf('*'); // RFC 2231 language
      if (star >= 0) {
        cs = cs.substring(0, star);
      }
      char enc = Character.toUpperCase(value.charAt(q1 + 1));
      byte[] bytes = value.substring(q2 + 1, end).getBytes(StandardCharsets.ISO_8859_1);
      byte[] decoded =
          enc == 'B'
              ? base64(bytes, 0, bytes.length)
              : quotedPrintable(bytes, 0, bytes.length, true);
      out.append(decode(decoded, 0, decoded.length, cs));
      i = end + 2;
      afterWord = true;
    }
    return out.toString();
  }

  private static Charset charsetOrLatin1(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }
}
