package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.ReadMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives is read without an exception [S27]: line endings and transfer encodings do not
 * change the reading, and malformed, truncated, garbage and huge input give a classification.
 */
class RobustnessTest {
  private static final Instant NOW = Instant.parse("2026-09-07T08:00:00Z");
  private final MailReader reader = MailReader.create();

  private static final String BOUNCE =
      """
      From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
      To: recruiter@acme.example
      Subject: Undelivered Mail Returned to Sender
      Date: Mon, 7 Sep 2026 09:15:00 +0200
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

      --B1
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: ENCODING

      BODY
      --B1
      Content-Type: message/delivery-status

      Reporting-MTA: dns; mx.example.org

      Final-Recipient: rfc822; ada@example.org
      Action: failed
      Status: 5.1.1
      Diagnostic-Code: smtp; 550 5.1.1 <ada@example.org>: Recipient address rejected: User unknown

      --B1
      Content-Type: text/rfc822-headers

      From: recruiter@acme.example
      To: ada@example.org
      Subject: Größe matters — a role for you
      Message-ID: <step-1@acme.example>

      --B1--
      """;

  private static final String NOTICE =
      "Ihre Nachricht konnte nicht zugestellt werden — your message could not be delivered to"
          + " ada@example.org.\nThis is a permanent error.\n";

  private static String bounce(String encoding, String body) {
    return BOUNCE.replace("ENCODING", encoding).replace("BODY", body);
  }

  @Test
  void lineEndings_doNotChangeTheReading() {
    String lf = bounce("8bit", NOTICE);
    ReadMail a = read(lf);
    ReadMail b = read(lf.replace("\n", "\r\n"));
    ReadMail c = read(lf.replace("\n", "\r"));

    assertThat(a.classification()).isInstanceOf(Classification.Bounce.class);
    assertThat(b.classification()).isEqualTo(a.classification());
    assertThat(c.classification()).isEqualTo(a.classification());
    assertThat(c.message().returnedMessageIds()).containsExactly("<step-1@acme.example>");
    assertThat(c.message().text()).isEqualTo(a.message().text());
  }

  @Test
  void transferEncodings_doNotChangeTheReading() {
    byte[] utf8 = NOTICE.getBytes(StandardCharsets.UTF_8);
    String base64 =
        Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(utf8);
    ReadMail plain = read(bounce("8bit", NOTICE));
    ReadMail qp = read(bounce("quoted-printable", quotedPrintable(utf8)));
    ReadMail b64 = read(bounce("base64", base64));

    assertThat(qp.classification()).isEqualTo(plain.classification());
    assertThat(b64.classification()).isEqualTo(plain.classification());
    assertThat(qp.message().text()).isEqualTo(plain.message().text());
    assertThat(b64.message().text()).isEqualTo(plain.message().text());
  }

  @Test
  void aTruncatedMessage_isReadAsFarAsItGoes() {
    String whole = bounce("8bit", NOTICE);
    for (int cut = 0; cut < whole.length(); cut += 7) {
      String part = whole.substring(0, cut);
      assertThatCode(() -> read(part)).as("cut at %d", cut).doesNotThrowAnyException();
    }
    ReadMail cutInTheReport = read(whole.substring(0, whole.indexOf("Status: 5.1.1") + 13));
    assertThat(cutInTheReport.classification()).isInstanceOf(Classification.Bounce.class);
  }

  @Test
  void garbageBytes_areUnreadable_neverAnException() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[random.nextInt(4000)];
      random.nextBytes(junk);
      ReadMail read = reader.read(junk, NOW);
      assertThat(read.classification()).isNotNull();
    }
    byte[] zeros = new byte[10_000];
    assertThat(reader.read(zeros, NOW).classification())
        .isInstanceOf(Classification.Unreadable.class);
    assertThat(reader.read(new byte[0], NOW).classification())
        .isInstanceOf(Classification.Unreadable.class);
  }

  @Test
  void malformedStructure_isReadWithoutAnException() {
    String[] broken = {
      "Content-Type: multipart/mixed; boundary=\"x\"\n\n--x\n--x\n--x--",
      "From: a@b.example\nContent-Type: multipart/mixed\n\nno boundary at all",
      "From: a@b.example\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n!!!!",
      "From: =?utf-8?B?broken?= <a@b.example>\nSubject: =?x-unknown?Q?=FF=FE?=\n\nhi",
      "From: a@b.example\nContent-Type: text/plain; charset=\"no-such-charset\"\n\n\u00ff\u00fe",
      "From: a@b.example\nContent-Transfer-Encoding: quoted-printable\n\n=ZZ=4=\n=",
      "From: a@b.example\nDate: Tue, 99 Foo 2026 99:99:99 +9999\n\nhi",
      "From: a@b.example\n" + "Content-Type: multipart/mixed; boundary=a\n\n--a\n".repeat(1),
      "X: " + "y".repeat(100_000),
    };
    for (String message : broken) {
      assertThatCode(() -> read(message)).as(message).doesNotThrowAnyException();
    }
    StringBuilder nested = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      nested
          .append("Content-Type: multipart/mixed; boundary=b")
          .append(i)
          .append("\n\n--b")
          .append(i)
          .append('\n');
    }
    assertThatCode(() -> read(nested.toString())).doesNotThrowAnyException();
  }

  @Test
  void aHugeMessage_isReadWithoutAnException() {
    byte[] head =
        RawMails.crlf(
            "From: Ada Lovelace <ada@example.org>",
            "To: recruiter@acme.example",
            "Subject: my portfolio",
            "In-Reply-To: <step-1@acme.example>",
            "Content-Type: multipart/mixed; boundary=\"P\"",
            "",
            "--P",
            "Content-Type: text/plain",
            "",
            "Here is my portfolio, happy to talk.",
            "--P",
            "Content-Type: application/pdf",
            "Content-Transfer-Encoding: base64",
            "",
            "");
    byte[] huge = Arrays.copyOf(head, 25 * 1024 * 1024);
    byte[] line =
        "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = head.length; i < huge.length; i++) {
      huge[i] = line[(i - head.length) % line.length];
    }

    ReadMail read = reader.read(huge, NOW);
    ReadMail small = MailReader.builder().maxMessageBytes(1024 * 1024).build().read(huge, NOW);

    assertThat(read.classification()).isInstanceOf(Classification.HumanReply.class);
    assertThat(read.message().text()).isEqualTo("Here is my portfolio, happy to talk.");
    assertThat(small.classification()).isInstanceOf(Classification.Unreadable.class);
    assertThat(small.message().inReplyTo()).isEqualTo("<step-1@acme.example>");
  }

  @Test
  void aMessageOfOneMegabyte_isReadWellUnderASecond() {
    StringBuilder text = new StringBuilder();
    while (text.length() < 1024 * 1024) {
      text.append(
          "> Thanks for reaching out about the role, I would like to hear more about it.\n");
    }
    byte[] message = RawMails.reply("Re: a role", "Sounds good, let's talk.\n\n" + text);
    for (int i = 0; i < 5; i++) {
      reader.read(message, NOW); // warm up
    }
    long start = System.nanoTime();
    ReadMail read = reader.read(message, NOW);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(read.classification()).isInstanceOf(Classification.HumanReply.class);
    assertThat(read.message().replyText()).isEqualTo("Sounds good, let's talk.");
    assertThat(took).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void everySisimaiFile_withMixedLineEndings_readsLikeTheOriginal() throws IOException {
    var dir = Corpora.root().resolve("sisimai").resolve("maildir").resolve("bsd");
    try (var files = Files.list(dir)) {
      for (var f : files.sorted().toList()) {
        byte[] raw = Files.readAllBytes(f);
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        byte[] crlf = text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reader.read(crlf, NOW).classification())
            .as(f.getFileName().toString())
            .isEqualTo(
                reader.read(text.getBytes(StandardCharsets.ISO_8859_1), NOW).classification());
      }
    }
  }

  private ReadMail read(String message) {
    return reader.read(message.getBytes(StandardCharsets.UTF_8), NOW);
  }

  private static String quotedPrintable(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (byte b : bytes) {
      int v = b & 0xff;
      String piece =
          v == '\n'
              ? "\n"
              : (v >= 33 && v <= 126 && v != '=') || v == ' '
                  ? String.valueOf((char) v)
                  : String.format("=%02X", v);
      if (column + piece.length() > 72 && v != '\n') {
        out.append("=\n");
        column = 0;
      }
      out.append(piece);
      column = v == '\n' ? 0 : column + piece.length();
    }
    return out.toString();
  }
}
