package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.EnrollmentId;
import dev.nudge.StepRef;
import dev.nudge.spi.transport.OutboundEmail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The MIME message is built from the outbound email alone, and reads back as it was meant. */
class MessagesTest {
  private static final Session SESSION = Session.getInstance(new Properties());

  private static OutboundEmail email(
      @Nullable String html, @Nullable URI unsubscribe, @Nullable URI mailto) {
    return new OutboundEmail(
        new StepRef(EnrollmentId.random(), 2),
        "<stored-1@acme.example>",
        EmailAddress.of("alice@acme.example"),
        "Zoë Ångström",
        EmailAddress.of("ada@example.com"),
        "Ada Lovelace",
        "Re: Grüße aus Köln",
        "Hi Ada,\nstill interested?",
        html,
        "<first@acme.example>",
        List.of("<first@acme.example>"),
        unsubscribe,
        mailto,
        null,
        EmailAddress.of("bounces+abc=example.com@acme.example"),
        Instant.parse("2026-03-04T15:30:00Z"));
  }

  /** Writes the message out and parses it again, as a receiver would. */
  private static MimeMessage roundTrip(OutboundEmail e) throws Exception {
    Messages.Outgoing out = Messages.build(SESSION, e);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    out.message().writeTo(bytes);
    return new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void storedMessageId_isSentAsItIs() throws Exception {
    MimeMessage m = roundTrip(email(null, null, null));

    assertThat(m.getMessageID()).isEqualTo("<stored-1@acme.example>");
  }

  @Test
  void textOnly_isTextPlainInUtf8_withEncodedSubjectAndNames() throws Exception {
    MimeMessage m = roundTrip(email(null, null, null));

    assertThat(m.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
    assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(m.getSubject()).isEqualTo("Re: Grüße aus Köln");
    assertThat(m.getFrom()[0].toString()).startsWith("=?UTF-8?");
    assertThat(((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getPersonal())
        .isEqualTo("Zoë Ångström");
    assertThat(m.getContent().toString().replace("\r\n", "\n"))
        .isEqualTo("Hi Ada,\nstill interested?");
  }

  @Test
  void withHtml_isMultipartAlternative_textFirst() throws Exception {
    MimeMessage m = roundTrip(email("<p>Hi <b>Ada</b></p>", null, null));

    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(parts.getBodyPart(1).getContent().toString()).isEqualTo("<p>Hi <b>Ada</b></p>");
  }

  @Test
  void threadingHeadersAndDate_comeFromTheEmail() throws Exception {
    MimeMessage m = roundTrip(email(null, null, null));

    assertThat(m.getHeader("In-Reply-To")).containsExactly("<first@acme.example>");
    assertThat(m.getHeader("References")).containsExactly("<first@acme.example>");
    assertThat(m.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-03-04T15:30:00Z"));
  }

  @Test
  void oneClickUnsubscribe_offersTheUrlAndTheMailto_withThePostHeader() throws Exception {
    MimeMessage m =
        roundTrip(
            email(
                null,
                URI.create("https://t.example.com/u/tok"),
                URI.create("mailto:unsubscribe@acme.example?subject=tok")));

    assertThat(m.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "))
        .isEqualTo("<https://t.example.com/u/tok>, <mailto:unsubscribe@acme.example?subject=tok>");
    assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
  }

  @Test
  void mailtoOnly_hasNoOneClickPost() throws Exception {
    MimeMessage m = roundTrip(email(null, null, URI.create("mailto:unsubscribe@acme.example")));

    assertThat(m.getHeader("List-Unsubscribe"))
        .containsExactly("<mailto:unsubscribe@acme.example>");
    assertThat(m.getHeader("List-Unsubscribe-Post")).isNull();
  }

  @Test
  void envelopeSender_isTheReturnPath_whenThereIsOne() throws Exception {
    assertThat(Messages.build(SESSION, email(null, null, null)).envelopeFrom())
        .isEqualTo("bounces+abc=example.com@acme.example");
    assertThat(Messages.build(SESSION, Emails.to("ada@example.com")).envelopeFrom())
        .isEqualTo(Emails.SENDER);
  }
}
