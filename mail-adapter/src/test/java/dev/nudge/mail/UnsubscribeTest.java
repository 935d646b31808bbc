package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.spi.inbound.Classification;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests to stop, in words of six languages or by mail to the unsubscribe mailbox [S12]. */
class UnsubscribeTest {
  private static final Instant NOW = Instant.parse("2026-09-07T08:00:00Z");
  private final MailReader reader = MailReader.create();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          en | Please remove me from your list.
          en | unsubscribe
          en | Not interested, please stop emailing me.
          de | Bitte melden Sie mich ab. Abmelden.
          de | Bitte keine weiteren E-Mails.
          fr | Merci de me désabonner de cette liste.
          fr | Je souhaite ne plus recevoir vos messages.
          es | Quiero darme de baja, gracias.
          es | Por favor, no me contacte más.
          pt | Gostaria de me descadastrar.
          pt | Não quero receber mais e-mails.
          nl | Graag afmelden voor deze mails.
          nl | Verwijder mij alstublieft uit uw bestand.
          """)
  void aRequestInWords_isAnUnsubscribeRequest(String language, String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification())
        .as(language)
        .isInstanceOf(Classification.UnsubscribeRequest.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"Unsubscribe", "RE : unsubscribe", "Re[2]: Re: remove me", "回复：unsubscribe"})
  void aRequestInTheSubject_isAnUnsubscribeRequest(String subject) {
    byte[] raw = RawMails.reply(subject, "");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.UnsubscribeRequest.class);
  }

  @Test
  void mailToTheUnsubscribeMailbox_isARequest_whateverItSays() {
    MailReader withMailbox =
        MailReader.builder()
            .unsubscribeMailbox(EmailAddress.of("unsubscribe@acme.example"))
            .build();
    byte[] raw =
        RawMails.crlf(
            "From: ada@example.org",
            "To: <unsubscribe+c81f2@acme.example>",
            "Subject: list",
            "",
            "");

    assertThat(withMailbox.read(raw, NOW).classification())
        .isInstanceOf(Classification.UnsubscribeRequest.class);
    assertThat(reader.read(raw, NOW).classification())
        .isNotInstanceOf(Classification.UnsubscribeRequest.class);
  }

  @Test
  void quotedHistoryMentioningUnsubscribe_isNoRequest() {
    byte[] raw =
        RawMails.reply(
            "Re: a role for you",
            """
            Yes, happy to talk on Thursday.

            On Mon, 7 Sep 2026, Recruiter wrote:
            > A role for you.
            > To unsubscribe, reply with unsubscribe.
            """);

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @Test
  void aPersonWhoSaysSheIsAwayAndAsksToStop_isAnUnsubscribeRequest() {
    // no reply prefix: "I'm away" alone would read as an automatic answer
    byte[] raw =
        RawMails.reply(
            "Your message",
            "I'm away this week, and in any case: please remove me from your list.");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.UnsubscribeRequest.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I'm out of the office today. Please remove me from your list.",
        "I am out of the office until 14 September. Please take me off your mailing list.",
        "I'm out of the office this week, but stop emailing me about roles.",
        "Je suis absent du bureau aujourd'hui. Ne me contactez plus.",
        "Estoy fuera de la oficina hoy. No quiero recibir más correos."
      })
  void anAnswerInTheThread_sayingItsWriterIsAway_andAskingToStop_isAnUnsubscribeRequest(
      String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.UnsubscribeRequest.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I am out of the office until 14 September. Please do not contact me during my leave.",
        "I am out of the office until 14 September and will read no more emails until then.",
        "I am out of the office until 14 September. Please stop sending large attachments.",
        "I am out of the office until 4 March. Please remove me from cc on routine emails and"
            + " contact Jane Doe instead.",
        "I am out of the office until 4 March. Feel free to take me off the thread while I am"
            + " away.",
        "I am out of the office until 4 March. Please don't remove me from the project list.",
        "I am out of the office until 4 March. Jane will remove meetings from my calendar.",
        "Ik ben niet op kantoor. Mijn adres is gewijzigd: verwijder mijn oude adres uit uw"
            + " adresboek."
      })
  void anOutOfOfficeNoticeInTheThread_askingForQuietWhileAway_staysAnAutoReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }

  @Test
  void anOutOfOfficeNoticeInTheThread_withAnUnsubscribeFooter_staysAnAutoReply() {
    byte[] raw =
        RawMails.reply(
            "Re: a role for you",
            """
            I am out of the office until 14 September with no access to email.

            --
            Acme Corp newsletter: to unsubscribe, reply with unsubscribe, or opt out at acme.example.
            """);

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }

  @Test
  void anOutOfOfficeAnswerWithAnUnsubscribeFooter_staysAnAutoReply() {
    byte[] raw =
        RawMails.reply(
            "Out of Office",
            """
            I am out of the office until 14 September with no access to email.

            --
            Acme Corp newsletter: to unsubscribe, reply with unsubscribe.
            """);

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }
}
