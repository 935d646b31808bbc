package dev.nudge.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Splits a message (bytes with LF line endings) into its MIME entities (RFC 2045, 2046). Lenient: a
 * missing closing boundary ends the part at the end of the input, a line that is not a header field
 * ends the header block, and nesting and the number of parts are bounded. Only text and report
 * bodies are decoded; attachments are skipped without decoding.
 */
final class MimeParser {
  private static final int MAX_DEPTH = 12;
  private static final int MAX_PARTS = 500;
  private static final int MAX_FIELDS = 1000;

  private final byte[] data;
  private final int maxTextBytes;
  private int parts;

  private MimeParser(byte[] data, int maxTextBytes) {
    this.data = data;
    this.maxTextBytes = maxTextBytes;
  }

  /** Parses a whole message; {@code lf} must have LF line endings only. */
  static MimePart parse(byte[] lf, int maxTextBytes) {
    return new MimeParser(lf, maxTextBytes).entity(0, lf.length, 0, "text/plain", true);
  }

  /** The header block of a message or body part and where its body starts. */
  private record Block(Headers headers, int bodyStart) {}

  private MimePart entity(int from, int to, int depth, String defaultType, boolean message) {
    parts++;
    Block block = headers(from, to, message);
    Headers h = block.headers();
    String contentType = h.first("content-type");
    String type = contentType == null ? defaultType : Headers.mainValue(contentType);
    if (type.isEmpty() || type.indexOf('/') < 0) {
      type = "text/plain";
    }
    String encoding = h.first("content-transfer-encoding");
    boolean attachment = Headers.mainValue(h.first("content-disposition")).equals("attachment");
    int bodyStart = Math.min(block.bodyStart(), to);
    if (depth > MAX_DEPTH || parts > MAX_PARTS) {
      return new MimePart(h, type, List.of(), null, "", attachment);
    }
    if (type.startsWith("multipart/")) {
      List<MimePart> children =
          multipart(contentType, bodyStart, to, depth, type.equals("multipart/digest"));
      if (children != null) {
        return new MimePart(h, type, children, null, "", attachment);
      }
      type = "text/plain"; // no boundary found: read it as text
    }
    if (type.equals("message/rfc822") || type.equals("message/global")) {
      MimePart inner = enclosed(encoding, bodyStart, to, depth, false);
      return new MimePart(h, type, List.of(), inner, "", attachment);
    }
    if (type.equals("text/rfc822-headers") || type.equals("message/rfc822-headers")) {
      MimePart inner = enclosed(encoding, bodyStart, to, depth, true);
      return new MimePart(h, type, List.of(), inner, "", attachment);
    }
    if (type.startsWith("text/") || type.startsWith("message/")) {
      String charset = Headers.param(contentType, "charset");
      int end = Math.min(to, bodyStart + maxTextBytes);
      byte[] body = Codecs.decodeTransfer(encoding, data, bodyStart, end);
      if (encoding != null && !encoding.isBlank()) {
        body = Codecs.toLf(body);
      }
      return new MimePart(
          h, type, List.of(), null, Codecs.decode(body, 0, body.length, charset), attachment);
    }
    return new MimePart(h, type, List.of(), null, "", attachment);
  }

  private MimePart enclosed(
      @Nullable String encoding, int from, int to, int depth, boolean headersOnly) {
    String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    if (e.equals("base64") || e.equals("quoted-printable")) {
      byte[] decoded = Codecs.toLf(Codecs.decodeTransfer(e, data, from, to));
      MimeParser inner = new MimeParser(decoded, maxTextBytes);
      inner.parts = parts;
      MimePart m =
          headersOnly
              ? inner.headersOnly(0, decoded.length)
              : inner.entity(0, decoded.length, depth + 1, "text/plain", true);
      parts = inner.parts;
      return m;
    }
    return headersOnly ? headersOnly(from, to) : entity(from, to, depth + 1, "text/plain", true);
  }

  private MimePart headersOnly(int from, int to) {
    Block block = headers(from, to, true);
    return new MimePart(block.headers(), "text/plain", List.of(), null, "", false);
  }

  private @Nullable List<MimePart> multipart(
      @Nullable String contentType, int from, int to, int depth, boolean digest) {
    String boundary = Headers.param(contentType, "boundary");
    if (boundary == null || boundary.isEmpty()) {
      boundary = guessBoundary(from, to);
      if (boundary == null) {
        return null;
      }
    }
    byte[] delimiter = ("--" + boundary).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    List<MimePart> children = new ArrayList<>();
    int partStart = -1;
    boolean found = false;
    int pos = from;
    while (pos < to) {
      int eol = lineEnd(pos, to);
      if (startsWith(pos, eol, delimiter)) {
        int after = pos + delimiter.length;
        boolean close = after + 1 < eol && data[after] == '-' && data[after + 1] == '-';
        if (close || blank(after, eol)) {
          found = true;
          if (partStart >= 0) {
            children.add(child(partStart, Math.max(partStart, pos - 1), depth, digest));
          }
          if (close) {
            partStart = -1;
            break;
          }
          partStart = Math.min(eol + 1, to);
        }
      }
      pos = eol + 1;
    }
    if (partStart >= 0 && partStart < to) {
      children.add(child(partStart, to, depth, digest));
    }
    return found ? children : null;
  }

  private MimePart child(int from, int to, int depth, boolean digest) {
    return entity(from, to, depth + 1, digest ? "message/rfc822" : "text/plain", false);
  }

  private @Nullable String guessBoundary(int from, int to) {
    int pos = from;
    int lines = 0;
    while (pos < to && lines++ < 50) {
      int eol = lineEnd(pos, to);
      if (eol - pos > 4 && data[pos] == '-' && data[pos + 1] == '-') {
        String line =
            new String(data, pos + 2, eol - pos - 2, java.nio.charset.StandardCharsets.ISO_8859_1)
                .strip();
        if (!line.isEmpty() && line.indexOf(' ') < 0) {
          return line;
        }
      }
      pos = eol + 1;
    }
    return null;
  }

  private Block headers(int from, int to, boolean message) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    int pos = from;
    if (message) {
      // leading blank lines and an mbox "From " line are no header fields
      while (pos < to) {
        int eol = lineEnd(pos, to);
        if (blank(pos, eol) || startsWith(pos, eol, MBOX_FROM)) {
          pos = eol + 1;
        } else {
          break;
        }
      }
    }
    StringBuilder current = null;
    while (pos < to) {
      int eol = lineEnd(pos, to);
      if (eol == pos) {
        pos = eol + 1;
        break; // the empty line that ends the header block
      }
      byte first = data[pos];
      if (first == ' ' || first == '\t') {
        if (current != null) {
          current.append(Codecs.utf8OrLatin(data, pos, eol));
          pos = eol + 1;
          continue;
        }
        if (names.isEmpty()) {
          pos = eol + 1; // stray continuation before any field
          continue;
        }
      }
      int colon = fieldName(pos, eol);
      if (colon < 0) {
        break; // not a header field: the body starts here
      }
      if (current != null) {
        values.add(current.toString());
      }
      if (names.size() >= MAX_FIELDS) {
        current = null;
        pos = eol + 1;
        continue;
      }
      names.add(
          new String(data, pos, colon - pos, java.nio.charset.StandardCharsets.ISO_8859_1)
              .strip()
              .toLowerCase(Locale.ROOT));
      current = new StringBuilder(Codecs.utf8OrLatin(data, colon + 1, eol));
      pos = eol + 1;
    }
    if (current != null) {
      values.add(current.toString());
    }
    if (names.size() > values.size()) {
      names = names.subList(0, values.size());
    }
    return new Block(names.isEmpty() ? Headers.NONE : new Headers(names, values), pos);
  }

  private static final byte[] MBOX_FROM = {'F', 'r', 'o', 'm', ' '};

  /** The position of the colon after a field name on this line, or -1. */
  private int fieldName(int from, int eol) {
    for (int i = from; i < eol && i < from + 100; i++) {
      byte b = data[i];
      if (b == ':') {
        return i > from ? i : -1;
      }
      if (b <= 32 || b >= 127) {
        // "Subject :" is tolerated: blanks before the colon only
        int j = i;
        while (j < eol && (data[j] == ' ' || data[j] == '\t')) {
          j++;
        }
        return j < eol && data[j] == ':' && j > from && i > from ? j : -1;
      }
    }
    return -1;
  }

  private int lineEnd(int pos, int to) {
    for (int i = pos; i < to; i++) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return to;
  }

  private boolean startsWith(int pos, int eol, byte[] prefix) {
    if (eol - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean blank(int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] != ' ' && data[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
