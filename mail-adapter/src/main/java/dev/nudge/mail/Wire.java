package dev.nudge.mail;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What one SMTP connection said, read from the bytes as they pass its socket: the verb of each
 * command written, each reply read, and whether the end of the message data ({@code CRLF.CRLF}) was
 * completely written. Jakarta Mail's exceptions do not tell reliably in which phase a conversation
 * broke; these facts do. Only command verbs and the server's replies are kept — never arguments,
 * message data or credentials.
 *
 * <p>One thread at a time uses a connection (handed over through the pool's lock), so the state
 * needs no locking.
 */
final class Wire {
  /** The command a reply answers. */
  enum Verb {
    GREETING,
    EHLO,
    HELO,
    STARTTLS,
    AUTH,
    MAIL,
    RCPT,
    DATA,
    END_OF_DATA,
    RSET,
    NOOP,
    QUIT,
    /** Anything else, such as an authentication continuation line (never stored). */
    OTHER
  }

  /**
   * A complete reply of the server.
   *
   * @param to the command it answers
   * @param code the reply code, or -1 when the reply did not start with one
   * @param text the reply's lines, joined with a space
   */
  record Reply(Verb to, int code, String text) {}

  private static final long END_OF_DATA = 0x0D0A2E0D0AL; // CR LF . CR LF
  private static final long FIVE_BYTES = 0xFF_FFFF_FFFFL;
  private static final int MAX_REPLY = 2_000;
  private static final int MAX_VERB = 8;

  // ---- what was written
  private Verb current = Verb.GREETING;
  private final byte[] verb = new byte[MAX_VERB];
  private int verbLength;
  private boolean verbDone;
  private boolean awaitingGo;
  private boolean inData;
  private long window;
  private boolean endPending;

  // ---- what was read
  private final StringBuilder line = new StringBuilder();
  private final StringBuilder reply = new StringBuilder();

  // ---- the facts of the current phase (a connect, a send)
  private boolean endOfDataWritten;
  private @Nullable Reply lastReply;
  private @Nullable Reply lastRefusal;
  private boolean saw;
  private final EnumSet<Verb> wrote = EnumSet.noneOf(Verb.class);

  /** Forgets the facts of the previous phase; the conversation state goes on. */
  void begin() {
    endOfDataWritten = false;
    lastReply = null;
    lastRefusal = null;
    saw = false;
    wrote.clear();
  }

  /** Whether the end of the message data was completely written in this phase. */
  boolean endOfDataWritten() {
    return endOfDataWritten;
  }

  /** The last reply read in this phase, or null. */
  @Nullable Reply lastReply() {
    return lastReply;
  }

  /**
   * The last refusal (4xx or 5xx) read in this phase, other than to RSET, NOOP or QUIT, or null.
   */
  @Nullable Reply lastRefusal() {
    return lastRefusal;
  }

  /** Whether the server answered anything in this phase. */
  boolean sawReply() {
    return saw;
  }

  /** Whether a command was written in this phase. */
  boolean wrote(Verb command) {
    return wrote.contains(command);
  }

  /** Whether the last reply was a successful RSET: the session is clean for another message. */
  boolean resetCleanly() {
    Reply r = lastReply;
    return r != null && r.to() == Verb.RSET && r.code() == 250 && !inData && !awaitingGo;
  }

  // ---- output side

  /** Reads bytes about to be written; {@link #written()} confirms the write. */
  void writing(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      writing(b[i]);
    }
  }

  /** Reads one byte about to be written. */
  void writing(int b) {
    if (inData) {
      window = ((window << 8) | (b & 0xFF)) & FIVE_BYTES;
      if (window == END_OF_DATA) {
        inData = false;
        current = Verb.END_OF_DATA;
        wrote.add(current);
        endPending = true;
        newLine();
      }
      return;
    }
    if (b == '\n') {
      commandEnded();
      return;
    }
    if (verbDone || b == '\r') {
      return;
    }
    if (b == ' ' || b == ':') {
      verbDone = true;
    } else if (verbLength < MAX_VERB) {
      verb[verbLength++] = (byte) b;
    } else {
      verbLength = MAX_VERB + 1; // too long for a verb
      verbDone = true;
    }
  }

  /** The bytes read by {@link #writing} went out completely. */
  void written() {
    if (endPending) {
      endPending = false;
      endOfDataWritten = true;
    }
  }

  private void commandEnded() {
    Verb v = verbLength > MAX_VERB ? Verb.OTHER : verbOf(verb, verbLength);
    // an authentication exchange goes on with lines that are no commands
    current = v == Verb.OTHER && current == Verb.AUTH ? Verb.AUTH : v;
    wrote.add(current);
    if (current == Verb.DATA) {
      awaitingGo = true;
    }
    newLine();
  }

  private void newLine() {
    verbLength = 0;
    verbDone = false;
  }

  private static Verb verbOf(byte[] b, int len) {
    String v = new String(b, 0, len, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
    return switch (v) {
      case "EHLO" -> Verb.EHLO;
      case "HELO" -> Verb.HELO;
      case "STARTTLS" -> Verb.STARTTLS;
      case "AUTH" -> Verb.AUTH;
      case "MAIL" -> Verb.MAIL;
      case "RCPT" -> Verb.RCPT;
      case "DATA" -> Verb.DATA;
      case "RSET" -> Verb.RSET;
      case "NOOP" -> Verb.NOOP;
      case "QUIT" -> Verb.QUIT;
      default -> Verb.OTHER;
    };
  }

  // ---- input side

  /** Reads bytes the server sent. */
  void read(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      read(b[i]);
    }
  }

  /** Reads one byte the server sent. */
  void read(int b) {
    if (b == '\n') {
      lineEnded();
    } else if (b != '\r' && line.length() < MAX_REPLY) {
      line.append((char) (b & 0xFF));
    }
  }

  private void lineEnded() {
    String l = line.toString();
    line.setLength(0);
    int code = code(l);
    boolean more = code > 0 && l.length() > 3 && l.charAt(3) == '-';
    if (reply.length() == 0) {
      reply.append(more ? l.substring(0, 3) + " " + l.substring(4) : l);
    } else if (reply.length() < MAX_REPLY) {
      // a further line: its repeated code is left out
      reply.append(' ').append(code > 0 ? l.substring(Math.min(4, l.length())) : l);
    }
    if (more) {
      return;
    }
    Reply r = new Reply(current, code, reply.toString().strip());
    reply.setLength(0);
    replied(r);
  }

  private void replied(Reply r) {
    saw = true;
    lastReply = r;
    if (awaitingGo) {
      awaitingGo = false;
      if (r.code() == 354) {
        inData = true;
        window = 0x0D0A; // the data starts at the beginning of a line
      }
    }
    if (r.code() >= 400 && r.to() != Verb.RSET && r.to() != Verb.NOOP && r.to() != Verb.QUIT) {
      lastRefusal = r;
    }
  }

  private static int code(String l) {
    if (l.length() < 3) {
      return -1;
    }
    for (int i = 0; i < 3; i++) {
      if (l.charAt(i) < '0' || l.charAt(i) > '9') {
        return -1;
      }
    }
    if (l.length() > 3 && l.charAt(3) != ' ' && l.charAt(3) != '-') {
      return -1;
    }
    return Integer.parseInt(l.substring(0, 3));
  }
}
