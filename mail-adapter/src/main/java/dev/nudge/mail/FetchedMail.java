package dev.nudge.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * A message downloaded from an IMAP folder: its raw bytes as the server keeps them, or — when it is
 * larger than the limit — only its header, so that it can be logged without being read.
 */
final class FetchedMail {
  private final byte @Nullable [] raw;
  private final byte[] header;
  private final long size;
  private final Instant receivedAt;

  private FetchedMail(byte @Nullable [] raw, byte[] header, long size, Instant receivedAt) {
    this.raw = raw;
    this.header = header;
    this.size = size;
    this.receivedAt = receivedAt;
  }

  /**
   * Downloads a message (with {@code BODY.PEEK[]} when the session peeks), or its header alone when
   * the server states, or the download shows, more than {@code maxBytes} bytes.
   */
  static FetchedMail of(Message m, int maxBytes) throws MessagingException, IOException {
    long size = m.getSize();
    Instant at = m.getReceivedDate() == null ? Instant.now() : m.getReceivedDate().toInstant();
    if (size <= maxBytes) {
      Bounded out = new Bounded(maxBytes, size);
      m.writeTo(out);
      if (!out.overflowed) {
        return new FetchedMail(out.toByteArray(), new byte[0], out.size(), at);
      }
      size = Math.max(size, out.total);
    }
    return new FetchedMail(null, header(m), size, at);
  }

  /** The header of a message, as the server keeps it, with the blank line that ends it. */
  static byte[] header(Message m) throws MessagingException {
    StringBuilder s = new StringBuilder();
    Enumeration<String> lines = ((MimeMessage) m).getAllHeaderLines();
    while (lines.hasMoreElements()) {
      s.append(lines.nextElement()).append("\r\n");
    }
    return s.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The message as the server keeps it, or null when it is too large. */
  byte @Nullable [] raw() {
    return raw;
  }

  /** The header of a message too large to download; empty otherwise. */
  byte[] header() {
    return header;
  }

  /** The message's size in bytes. */
  long size() {
    return size;
  }

  /** When the server received it. */
  Instant receivedAt() {
    return receivedAt;
  }

  /** Collects up to a limit and notes whether more came; a larger message is not kept. */
  private static final class Bounded extends OutputStream {
    private final ByteArrayOutputStream bytes;
    private final int limit;
    private long total;
    private boolean overflowed;

    Bounded(int limit, long expected) {
      this.limit = limit;
      this.bytes = new ByteArrayOutputStream((int) Math.min(Math.max(expected, 256), limit));
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      total += len;
      if (total > limit) {
        overflowed = true;
        bytes.reset();
      } else {
        bytes.write(b, off, len);
      }
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }

    int size() {
      return bytes.size();
    }
  }
}
