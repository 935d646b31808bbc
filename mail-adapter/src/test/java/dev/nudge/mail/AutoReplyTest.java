package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.spi.inbound.Classification;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Automatic answers are no replies [S11]: RFC 3834 and vendor header fields first, then subjects
 * and texts in six languages; the return date only when the text states it without ambiguity.
 */
class AutoReplyTest {
  private static final Instant NOW = Instant.parse("2026-09-07T08:00:00Z");
  private final MailReader reader = MailReader.create();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Auto-Submitted: auto-replied
          Auto-Submitted: auto-generated
          X-Autoreply: yes
          X-Autorespond: Out of office
          Precedence: auto_reply
          """)
  void headerFields_markAnAutomaticAnswer(String field) {
    byte[] raw =
        RawMails.crlf(
            "From: ada@example.org",
            "To: recruiter@acme.example",
            "Subject: Re: a role for you",
            field,
            "",
            "Thanks for your message.");

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          X-Auto-Response-Suppress: All
          X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply
          Auto-Submitted: no
          Auto-Submitted: No (written by a person)
          """)
  void headerFieldsOfAPersonsReply_markNoAutomaticAnswer(String field) {
    // an Outlook reply: Exchange asks for no automatic answers to it, it is none itself
    byte[] raw =
        RawMails.crlf(
            "From: Ada Lovelace <ada@example.org>",
            "To: recruiter@acme.example",
            "Subject: RE: a role for you",
            "Date: Mon, 7 Sep 2026 09:15:00 +0000",
            "Message-ID: <AM0PR07MB1234@AM0PR07MB1234.eurprd07.prod.outlook.com>",
            "In-Reply-To: <step-1@acme.example>",
            "References: <step-1@acme.example>",
            "Thread-Topic: a role for you",
            "X-MS-Has-Attach:",
            "X-MS-TNEF-Correlator:",
            field,
            "X-MS-Exchange-Organization-AuthAs: Internal",
            "Content-Type: text/plain; charset=\"us-ascii\"",
            "MIME-Version: 1.0",
            "",
            "Yes, Thursday at 3 works for me.");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"bulk", "junk"})
  void anAnswerInTheThread_markedBulkOrJunk_sayingItsWriterIsAway_isAnAutomaticAnswer(
      String precedence) {
    byte[] raw =
        RawMails.crlf(
            "From: ada@example.org",
            "To: recruiter@acme.example",
            "Subject: Re: a role for you",
            "In-Reply-To: <step-1@acme.example>",
            "Precedence: " + precedence,
            "",
            "Thanks for your message. I am on vacation and will answer it when I am back.");

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"bulk", "junk"})
  void aReplyMarkedBulkOrJunkByACompanyGateway_isAReply(String precedence) {
    byte[] raw =
        RawMails.crlf(
            "From: Ada Lovelace <ada@example.org>",
            "To: recruiter@acme.example",
            "Subject: Re: a role for you",
            "Date: Mon, 7 Sep 2026 09:15:00 +0200",
            "Message-ID: <reply-1@example.org>",
            "In-Reply-To: <step-1@acme.example>",
            "References: <step-1@acme.example>",
            "Precedence: " + precedence,
            "X-Gateway: outbound-relay.example.org",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Yes, let's talk on Thursday.",
            "",
            "On Mon, Sep 7, 2026 at 9:00 AM <recruiter@acme.example> wrote:",
            "> A role for you.");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          en | Out of Office: a role for you          | I am out of the office until 14 September 2026.                           | 2026-09-14
          en | Automatic reply: Re: a role for you    | I'm currently away, back on Monday 14 September 2026.                     | 2026-09-14
          en | Re: a role for you                     | I am out of the office with limited access to email. Back on September 21st. | 2026-09-21
          de | Abwesenheitsnotiz: Re: eine Stelle     | Ich bin bis einschließlich 18.09.2026 nicht im Büro.                      | 2026-09-18
          de | Automatische Antwort: eine Stelle      | Vielen Dank. Ich bin ab dem 21. September wieder im Büro.                  | 2026-09-21
          fr | Réponse automatique : un poste         | Je suis absent du bureau, de retour le 15 septembre 2026.                  | 2026-09-15
          es | Respuesta automática: un puesto        | Estoy fuera de la oficina hasta el 16 de septiembre de 2026.               | 2026-09-16
          pt | Resposta automática: uma vaga          | Estou fora do escritório. Retorno em 17 de setembro.                       | 2026-09-17
          nl | Automatisch antwoord: een vacature     | Ik ben niet op kantoor, terug op 2026-09-22.                               | 2026-09-22
          """)
  void eachLanguage_isAnAutoReply_withItsReturnDate(
      String language, String subject, String text, LocalDate back) {
    byte[] raw = RawMails.reply(subject, text);

    assertThat(reader.read(raw, NOW).classification())
        .as(language)
        .isEqualTo(new Classification.AutoReply(back));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I am out of the office, back on 9/8.
          I am out of the office until 09/08/2026.
          I am out of the office until next week.
          I am out of the office, back on Monday.
          """)
  void aDateThatCouldBeMisread_isNotGuessed(String text) {
    byte[] raw = RawMails.autoReply("Out of office", text);

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.AutoReply(null));
  }

  @Test
  void aDateWithoutYear_isItsNextOccurrenceAfterTheMessage() {
    // the message is of 7 September 2026: "5 January" is in 2027
    byte[] raw = RawMails.autoReply("Out of office", "I am out of the office until 5 January.");

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.AutoReply(LocalDate.of(2027, 1, 5)));
  }

  @Test
  void aSlashedDateWhoseDayIsOver12_isRead() {
    byte[] raw = RawMails.autoReply("Out of office", "Back on 14/09/2026.");

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.AutoReply(LocalDate.of(2026, 9, 14)));
  }

  @Test
  void aPersonSayingTheyWereAway_isAReply() {
    byte[] raw =
        RawMails.reply(
            "Re: a role for you",
            "Sorry for the slow answer, I was on vacation. Yes, I'd like to talk — "
                + "how about Thursday? "
                + "I have a lot of questions about the team, the product, the stack and the"
                + " way you work, so let's take an hour. ".repeat(20));

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Re: a role for you | I'm away next week, but yes, let's talk on the 21st.
          Re: a role for you | Sorry for the delay, I just got back in the office. Yes, I'm interested!
          Re: a role for you | I have limited access to email this week, but yes: call me on Friday.
          Re: a role for you | Yes! I will be traveling on Monday, so Tuesday works better.
          AW: eine Stelle    | Ich war im Urlaub. Ja, gerne telefonieren wir am Donnerstag.
          AW: eine Stelle    | Ich bin bis Freitag sehr beschäftigt, aber nächste Woche gerne.
          AW: eine Stelle    | Morgen bin ich nicht erreichbar, aber Mittwoch passt gut.
          RE: un poste       | Oui, avec plaisir. Je suis de retour le 15, appelez-moi.
          RE: un puesto      | Sí, me interesa. Estoy de vacaciones hasta el lunes, ¿hablamos el martes?
          """)
  void aShortReplyMentioningAnAbsence_isAReply(String subject, String text) {
    byte[] raw = RawMails.reply(subject, text);

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I'm out of the office today but yes, tomorrow works.
          I am out of the office until Friday - yes, I'm interested, let's talk next week.
          I'm currently away, but happy to talk: call me on Thursday.
          Ich bin derzeit nicht im Büro, aber gerne: rufen Sie mich am Donnerstag an.
          Estoy fuera de la oficina hoy, pero sí, mañana me viene bien.
          """)
  void aQuotingAnswerInTheThread_thatSaysItIsOutOfTheOffice_isAReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", RawMails.quoting(text));

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          bottom-posted | Re: a role for you | "On Mon, Sep 7, 2026 at 9:00 AM <recruiter@acme.example> wrote:\\n> A role for you.\\n\\nI'm out of the office today but yes, tomorrow works."
          marked bulk by a gateway | Re: a role for you | "I'm out of the office today but yes, tomorrow works.\\n\\nOn Mon, Sep 7, 2026 at 9:00 AM <recruiter@acme.example> wrote:\\n> A role for you."
          Italian Outlook | RE: a role for you | "I'm out of the office today but yes, tomorrow works.\\n\\nDa: Recruiter <recruiter@acme.example>\\nInviato: lunedì 7 settembre 2026 09:00\\nA: Ada <ada@example.org>\\nOggetto: a role for you\\n\\nA role for you."
          French Outlook | RE : Un poste pour vous | "Je suis absent du bureau aujourd'hui, mais oui, demain me convient.\\n\\nDe : Recruiter <recruiter@acme.example>\\nEnvoyé : lundi 7 septembre 2026 09:00\\nÀ : Ada <ada@example.org>\\n\\nUn poste pour vous."
          Dutch, Antw | Antw: een vacature | "Ik ben niet op kantoor vandaag, maar ja, morgen past.\\n\\nOp ma 7 sep 2026 om 09:00 schreef Recruiter <recruiter@acme.example>:\\n> Een vacature."
          """)
  void aQuotingAnswer_inOtherForms_isAReply(String form, String subject, String text) {
    byte[] raw =
        RawMails.crlf(
            "From: Ada Lovelace <ada@example.org>",
            "To: recruiter@acme.example",
            "Subject: " + subject,
            "Message-ID: <reply-1@example.org>",
            "In-Reply-To: <step-1@acme.example>",
            form.startsWith("marked bulk") ? "Precedence: bulk" : "X-Mailer: test",
            "Content-Type: text/plain; charset=utf-8",
            "",
            text.replace("\\n", "\n"));

    assertThat(reader.read(raw, NOW).classification())
        .as(form)
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "RES:",
        "Vá:",
        "ΑΠ:",
        "答复:",
        "回复：",
        "YNT:",
        "Odg:",
        "Atb:",
        "Antwort:",
        "Re[3]:",
        "RE :"
      })
  void aQuotingAnswer_underTheReplyPrefixOfAnyMailProgram_isAReply(String prefix) {
    byte[] raw =
        RawMails.reply(
            prefix + " a role for you",
            RawMails.quoting("I'm on vacation until Friday, but yes, let's talk Monday."));

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @Test
  void anAnswerAboutBounces_quotingOurMail_isAReply_notABounce() {
    byte[] raw =
        RawMails.reply(
            "RES: Why your emails bounce",
            """
            Yes, interested, call me Thursday.

            On Mon, Sep 7, 2026 at 9:00 AM <recruiter@acme.example> wrote:
            > Half of your mail is not delivered: your emails bounce. Let's fix that.""");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @Test
  void aPortugueseOutlookAnswer_whoseHeaderBlockNamesNoAddress_isAReply() {
    byte[] raw =
        RawMails.reply(
            "RES: a role for you",
            """
            Sim, podemos falar amanhã às 10h.

            De: Recruiter
            Enviada: segunda-feira, 7 de setembro de 2026 09:00
            Para: Ada Lovelace
            Cc: Bob
            Assunto: a role for you

            A role for you at Acme. If you'd rather not hear from me, just reply "unsubscribe".""");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Re: a role for you | I am out of the office until 14 September with limited access to email. Questions? Please contact jane@acme.example.
          a role for you     | I am out of the office until 14 September. Book a time: https://cal.example/book?u=ada
          Re: a role for you | I am out of the office until 14 September. If you are interested in our products, see acme.example.
          Re: a role for you | I am out of the office until 14 September and happy to help when I am back. Let's catch up then!
          Re: a role for you | I am out of the office until 14 September. Our support desk works on weekdays; for urgent matters call me on +44 20 7946 0000.
          Re: a role for you | I am out of the office until 14 September. The office is closed for renovation works.
          Re: a role for you | I am out of the office until 14 September. If urgent, please call me later; my phone still works.
          Re: a role for you | I am out of the office until 14 September and will reply when I return, if that works.
          Re: a role for you | I am out of the office until 14 September. Kind regards, Jane Doe, Acme Works
          Re: a role for you | I am out of the office until 14 September. Tuesday works are planned in the building.
          Re: a role for you | I am out of the office until 14 September. Monday works best for urgent matters.
          Re: a role for you | I am out of the office until 14 September. If urgent, call me later on my mobile.
          Re: a role for you | I am out of the office until 14 September. This address no longer works.
          Re: a role for you | I am out of the office until 14 September. If urgent, call me tomorrow on my mobile.
          Re: a role for you | I am out of the office until 14 September. I hope that works.
          Re: a role for you | I am out of the office until 14 September. Let me know whether that works.
          Re: a role for you | I am out of the office until 14 September. Please suggest a few times that would work for us to meet after my return.
          Re: a role for you | I am out of the office until 14 September. Any time after the 15th should work for a call - please book via https://cal.example/book?u=ada
          Re: a role for you | I am out of the office until 14 September. If urgent, text me - that should work.
          Re: a role for you | I am out of the office until 14 September. Hopefully, that will work.
          Re: a role for you | I am out of the office until 14 September. I hope that this will work.
          Re: a role for you | I am out of the office until 14 September. My colleague Jane Doe will work for me while I am away.
          Re: a role for you | I am out of the office until 14 September and will reply then; hopefully that will work.
          Re: a role for you | I am out of the office until 14 September. I hope this would work.
          Re: a role for you | I am out of the office until 14 September. Let me know whether that would work.
          Re: a role for you | I am out of the office until 14 September. My mobile will work while I am away.
          Re: a role for you | I am out of the office until 14 September. It will work out when I am back.
          Re: a role for you | I am out of the office until 14 September. This should work for urgent matters: call +44 20 7946 0000.
          Re: a role for you | I am out of the office until 14 September. Email will work better than phone.
          Re: a role for you | I am out of the office until 14 September, and that should work for most requests.
          Re: a role for you | I am out of the office until 14 September. That should work, hopefully.
          Re: a role for you | I am out of the office until 14 September. This will work best: call me on +44 20 7946 0000.
          Re: a role for you | I am out of the office until 14 September. My colleague Jane will work on your request in the meantime.
          Re: a role for you | I am out of the office until 14 September. I will work on your request upon my return.
          Re: a role for you | I am out of the office until 14 September. Texting will work best if it is urgent.
          Re: a role for you | I am out of the office until 14 September. Any day after the 15th should work.
          Re: a role for you | I am out of the office until 14 September. Let me know if Monday would work.
          Re: a role for you | I am out of the office until 14 September. Please check my calendar for a time that would work.
          Re: a role for you | I am out of the office until 14 September. It'll work out.
          Re: a role for you | I am out of the office until 14 September. If you are not interested in waiting, contact Jane.
          Re: a role for you | I am out of the office until 14 September. I am in meetings all week after that.
          Re: a role for you | I am out of the office until 14 September. Interested in our products? Visit acme.example.
          Re: a role for you | I am out of the office until 14 September. Monday is a public holiday.
          Re: a role for you | I am out of the office until 14 September. Tomorrow is fine for urgent calls to Jane.
          Re: a role for you | I am out of the office until 14 September. No thanks needed.
          Re: a role for you | I am out of the office until 14 September. Please send me the details again after my return.
          Re: a role for you | I am out of the office until 14 September. Can we talk when I return?
          Re: a role for you | I am out of the office until 14 September. I'm in Paris for a conference.
          Re: a role for you | I am out of the office until 14 September. Thursday is the best day to reach Jane.
          Re: a role for you | I am out of the office until 14 September. This is fine for non-urgent matters.
          Re: a role for you | I am out of the office until 14 September. Let's do lunch when I'm back!
          Re: a role for you | I am out of the office until 14 September. It would be great if you could resend your message then.
          Re: a role for you | I am out of the office until 14 September. That would be best for urgent matters: call Jane.
          Re: a role for you | I am out of the office until 14 September. Monday would be the best day to call.
          Re: a role for you | I am out of the office until 14 September. New supplier? Interested? Visit acme.example.
          Re: a role for you | I am out of the office until 14 September. If your matter is urgent, please text me at 555-0134. That will work best.
          Re: a role for you | I am out of the office until 14 September. If urgent, call the front desk. That'll work best.
          Re: a role for you | I am out of the office until 14 September. Next week would be better for a meeting.
          Re: a role for you | I am out of the office until 14 September. Monday or Tuesday would be best for a call.
          Re: a role for you | I am out of the office until 14 September. If urgent, call Bob at 555-1111; that should work too.
          Re: a role for you | I am out of the office until 14 September. For bookings, any time after 3pm should work - call reception.
          Re: a role for you | I am out of the office until 14 September. Thursday or Friday should be fine for a call.
          Re: a role for you | I am out of the office until 14 September. Any of these times would work for a callback: 9am, 12pm, 3pm.
          Re: a role for you | I am out of the office until 14 September. It's fine - no need to resend.
          Re: a role for you | I am out of the office until 14 September with limited access to email, but that should be fine.
          Re: a role for you | I am out of the office until 14 September with limited access to email. If your message can wait, next week is better.
          Re: a role for you | I am out of the office until 14 September. Please contact Jane or Bob; either will work.
          Re: a role for you | I am out of the office until 14 September. If you would like to arrange a call, Thursday or Friday would work best for a meeting.
          Re: a role for you | I am out of the office until 14 September. For scheduling, Thursday afternoon will work best.
          Re: a role for you | I am out of the office until 14 September. If absolutely necessary, Thursday afternoon could work for an urgent call.
          Re: a role for you | I am out of the office until 14 September. If you need to reschedule, 15 September will work.
          Re: a role for you | I am out of the office until 14 September. If you'd like to reschedule, Tuesday 15 September would work.
          Re: a role for you | I am out of the office until 14 September. Sorry for any inconvenience - Monday afternoon should work for a reply.
          Re: a role for you | I am out of the office until 14 September. If you need to meet, Thursday at 10 could work for a quick call.
          Re: a role for you | I am out of the office until 14 September. If urgent, please call my mobile. It should work fine.
          Re: a role for you | I am out of the office until 14 September. You can reach me on +44 20 7946 0000 or via WhatsApp. Both should work.
          Re: a role for you | I am out of the office until 14 September. Please write to Jane or Bob. Either of them will work.
          Re: a role for you | I am out of the office until 14 September. For urgent matters, call me on Thursday.
          Re: a role for you | I am out of the office until 14 September. If urgent, call me Thursday after lunch on my mobile.
          Re: a role for you | I am out of the office until 14 September. If urgent, please call me tomorrow at 10 on +44 20 7946 0000.
          Re: a role for you | I am out of the office until 14 September. Call me on my mobile.
          Re: a role for you | I am out of the office until 14 September. Talk to Jane on Thursday.
          Re: a role for you | I am out of the office until 14 September. Talk to you when I am back.
          Re: a role for you | I am out of the office until 14 September. Of course, Jane can help.
          Re: a role for you | I am out of the office until 14 September. Sure to reply when I return.
          Re: a role for you | I am out of the office until 14 September. Certainly I will reply upon my return.
          Re: a role for you | I am out of the office until 14 September. Thursday after lunch is best.
          Re: a role for you | I am out of the office until 14 September. Thursday after lunch works best for calls.
          Re: a role for you | I am out of the office until 14 September. Is your question about a job application? Write to hr@acme.example.
          Re: a role for you | I am out of the office until 14 September. Job applications? Please see acme.example/careers.
          Re: a role for you | I am out of the office until 14 September. Have a question about your contract? Contact legal@acme.example.
          Re: a role for you | I am out of the office until 14 September. Support team? Write to support@acme.example.
          Re: a role for you | I am out of the office until 14 September. Do you need help with your contract? Contact legal@acme.example.
          Re: a role for you | I am out of the office until 14 September. Are you looking for a job? Visit acme.example/careers.
          Re: a role for you | I am out of the office until 14 September. Is it urgent? Please call the team on 555-0100.
          Re: a role for you | I am out of the office until 14 September. Who can help in the meantime? My team at team@acme.example.
          Re: a role for you | I am out of the office until 14 September. How to reach our sales team? sales@acme.example.
          Re: a role for you | I am out of the office until 14 September. If this is not the right time, please contact Jane.
          Re: a role for you | I am out of the office until 14 September. Now is not a good time to reach me; please write to Jane.
          Re: a role for you | I am out of the office until 14 September. I am not looking at email while away.
          Re: a role for you | I am out of the office until 14 September. Feel free to contact Jane in the meantime.
          Re: a role for you | I am out of the office until 14 September. Feel free to send your request to jane@acme.example.
          Re: a role for you | I am out of the office until 14 September. You might be interested in our new webinar series.
          Re: a role for you | I am out of the office until 14 September. Urgent? Please call me.
          Re: a role for you | I am out of the office until 14 September. If urgent, please call me.
          Re: a role for you | I am out of the office until 14 September. Please call me on my mobile.
          Re: a role for you | I am out of the office until 14 September. This is not for me to answer; please contact Jane.
          Re: a role for you | I am out of the office until 14 September. I will pass your message to Jane.
          Re: a role for you | I am out of the office until 14 September. I'm happy to help on my return.
          Re: a role for you | I am out of the office until 14 September. Will I reply to your email? Absolutely!
          Re: a role for you | I am out of the office until 14 September. I will reply when I am back – certainly!
          Re: a role for you | I am out of the office until 14 September. Talk next week!
          Re: a role for you | I am out of the office until 14 September. Thanks, speak Thursday.
          Re: a role for you | I am out of the office until 14 September. Urgent? Call me tomorrow.
          Re: a role for you | I am out of the office until 14 September. Call me at 2pm.
          Re: a role for you | I am out of the office until 14 September. Next week would be better for our meeting.
          Re: a role for you | I am out of the office until 14 September. Any time next week would work for our call.
          Re: a role for you | I am out of the office until 14 September. Wednesday after lunch works too.
          Re: a role for you | I am out of the office until 14 September. Keen to help when I am back.
          Re: a role for you | I am out of the office until 14 September. Will I reply? Sure - when I am back.
          Re: a role for you | I am out of the office until 14 September. Tell me more about your request in your reply and I will get back to you on my return. For urgent pricing questions, call +44 20 7946 0000.
          Re: a role for you | I am out of the office until 14 September. Feel free to forward it to support@acme.example if your request is urgent.
          Re: a role for you | I am out of the office until 14 September. Feel free to send the details to my colleague Jane Smith (jane.smith@acme.example), who is covering my accounts.
          Re: a role for you | I am out of the office until 14 September. I am open to discussing your proposal once I am back; until then Jane can help.
          Re: a role for you | I am out of the office until 14 September. I would be glad to learn more about it once I am back. In the meantime, Jane (jane@acme.example) can help.
          Re: a role for you | I am out of the office until 14 September. Send me more details via the support portal (help.acme.example) and I will pick them up when I'm back.
          Re: a role for you | I am out of the office until 14 September. I'm happy in my role here at Acme – and you could be too! See our openings at acme.example/careers.
          Re: a role for you | I am out of the office until 14 September. Sounds interesting? Register for our autumn webinar at acme.example/webinar.
          Re: a role for you | I am out of the office until 14 September. Keen to hear more? Subscribe to our newsletter at acme.example/news.
          Re: a role for you | I am out of the office until 14 September. Open to a call? Book a time directly in my calendar: calendly.com/jdoe
          Re: a role for you | I am out of the office until 14 September. Not looking for a new job? Refer a friend and earn a bonus: acme.example/refer
          Re: a role for you | I am out of the office until 14 September. Already found a new job? Please let us know so we can close your application.
          Re: a role for you | I am out of the office until 14 September. What is the salary for this position? Salaries are listed in every job advert on our careers page.
          Re: a role for you | I am out of the office until 14 September. Is the position remote? Each job advert states the working model.
          Re: a role for you | I am out of the office until 14 September. Remote? Most of our roles are hybrid.
          Re: a role for you | I am out of the office until 14 September. Salary range? It is published in every job ad.
          Re: a role for you | I am out of the office until 14 September. Who is the hiring manager? You will find the name in your interview invitation.
          Re: a role for you | I am out of the office until 14 September. Is relocation support offered? Yes, for all roles abroad.
          Re: a role for you | I am out of the office until 14 September. Please send me more information, such as your order number, and I will look into it on my return.
          Re: a role for you | I am out of the office until 14 September. Can you send more details? Please use the form at acme.example/contact.
          Re: a role for you | I am out of the office until 14 September. Any more details on your order can be found in your account.
          Re: a role for you | I am out of the office until 14 September. Could you send more information about your request to jane@acme.example?
          Re: a role for you | I am out of the office until 14 September. Am I enjoying the sun? Yes. Will I answer your email? Definitely. Just not before the 14th.
          Re: a role for you | I am out of the office until 14 September. Where is my package? Tracking details are in your shipping confirmation email.
          Re: a role for you | I am out of the office until 14 September. When does my package arrive? Orders ship within 2 working days of payment.
          Re: a role for you | I am out of the office until 14 September. What's included in the package? The full list is in the brochure attached to your booking confirmation.
          Re: a role for you | I am out of the office until 14 September. Is the package refundable? Refunds follow the terms in your booking confirmation.
          Re: a role for you | I am out of the office until 14 September. Is the helpdesk full-time? Not during the holidays: until 14 September it is staffed mornings only.
          Re: a role for you | I am out of the office until 14 September. Who does my team report to while I'm away? Jane Smith is acting head of department until then.
          Re: a role for you | I am out of the office until 14 September. New joiners – what is my start date? It is confirmed in your offer letter.
          Re: a role for you | I am out of the office until 14 September. When is the start date of the autumn course? Classes begin on 21 September.
          Re: a role for you | I am out of the office until 14 September. How do I get more information about the conference? The full programme is on the event website.
          Re: a role for you | I am out of the office until 14 September. Urgent? I'd be up for a call: +44 20 7946 0000.
          Re: a role for you | I am out of the office until 14 September. Bad timing, I know – I will reply as soon as I am back.
          Re: a role for you | I am out of the office until 14 September. Reading email? Not right now. I will reply from 15 September.
          Re: a role for you | I am out of the office until 14 September. Partnership proposals? Happy to hear more – please send a one-pager to partners@acme.example.
          Re: a role for you | I am out of the office until 14 September. Refund request? Please send the details: order number, date and amount.
          Re: a role for you | I am out of the office until 14 September. Invoices for August? Send them across: ap@acme.example.
          Re: a role for you | I am out of the office until 14 September. I have recently started a new role – for questions about payroll, please contact Jane Smith.
          Re: a role for you | I am out of the office until 14 September. I've just started a new role - Jane Smith now looks after my former accounts.
          Re: a role for you | I am out of the office until 14 September. The trains are on strike, so I'm staying put.
          Re: a role for you | I am out of the office until 14 September. No longer interested – unsubscribe at acme.example/unsubscribe.
          Re: a role for you | I am out of the office until 14 September. Meeting invitations for this period? I will decline – please reschedule after my return.
          Re: a role for you | I am out of the office until 14 September. This isn't the right time, I know, so please contact Jane Smith for anything urgent.
          Re: a role for you | I am out of the office until 14 September. Now isn't a good time – but Jane Smith can help.
          Re: a role for you | I am out of the office until 14 September. Is this about a job application? Please write to careers@acme.example.
          Re: a role for you | I am out of the office until 14 September. Are you applying for a job? Please use our careers portal at acme.example/careers.
          Re: a role for you | I am out of the office until 14 September. Would you like to speak to someone from my team? Call 555-0100.
          Re: a role for you | I am out of the office until 14 September. How do I reach the HR team? Write to hr@acme.example.
          Re: a role for you | I am out of the office until 14 September. What should clients do in the meantime? Please contact your account manager.
          Re: a role for you | I am out of the office until 14 September. Who is covering my clients? Jane Smith (jane@acme.example) is.
          Re: a role for you | I am out of the office until 14 September. Does it concern a current contract? Please contact contracts@acme.example.
          Re: a role for you | I am out of the office until 14 September. Is the request related to a client project? Please contact the project lead.
          Re: a role for you | I am out of the office until 14 September. Is there an issue with your salary statement? Please contact payroll@acme.example.
          Re: a role for you | I am out of the office until 14 September. Is this about the remote access VPN? Please contact it-helpdesk@acme.example.
          Re: a role for you | I am out of the office until 14 September. Is it a new client enquiry? Please write to newbusiness@agency.example.
          Re: a role for you | I am out of the office until 14 September. Does this concern an ongoing engagement or contract? Please contact my colleague Tom Reed.
          Re: a role for you | I am out of the office until 14 September. Would you like information on our rates? Please see acme.example/pricing.
          Re: a role for you | I am out of the office until 14 September. Who can help with interview scheduling? Please write to recruiting@acme.example.
          Re: a role for you | I am out of the office until 14 September. Are you scheduled for an interview this week? Please contact talent@acme.example.
          Re: a role for you | I am out of the office until 14 September. Can the sales team help? Reach them at sales@acme.example.
          Re: a role for you | I am out of the office until 14 September. What is the best way to reach the team? Email team@acme.example.
          Re: a role for you | I am out of the office until 14 September. Do you have an urgent question about a client account? Please call 555-0100.
          Re: a role for you | I am out of the office until 14 September. Where are we based? Our new address is 1 Main Street, Springfield.
          Re: a role for you | I am out of the office until 14 September. Is this about visa sponsorship or relocation? Please contact mobility@acme.example.
          Re: a role for you | I am out of the office until 14 September. Who is the hiring manager for your role? Please ask recruiting@acme.example.
          Re: a role for you | I am out of the office until 14 September. Is it about billing, your contract or a renewal? Please contact accounts@acme.example.
          Re: a role for you | I am out of the office until 14 September. Is the matter related to a client? Please contact clientservices@acme.example.
          Re: a role for you | I am out of the office until 14 September. Full-time? Part-time? We have roles for everyone.
          """)
  void aResponderNotice_withWordsOrQuestionsOfItsOwn_isStillAnAutoReply(
      String subject, String text) {
    byte[] raw = RawMails.reply(subject, text);

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.AutoReply(LocalDate.of(2026, 9, 14)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Je suis absent du bureau jusqu'au 14 septembre. Si le jeudi vous convient, contactez Jane.",
        "Je suis absent du bureau jusqu'au 14 septembre. Cela ne me convient pas de lire mes mails.",
        "Estoy fuera de la oficina hasta el 14 de septiembre. Si le viene bien, llame a Jane.",
        "Estou fora do escritório até 14 de setembro. Isso funciona só para urgências: ligue a Jane.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Ab dem 15. passt es mir wieder.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Wenn es Ihnen passt, rufen Sie Jane an.",
        "I am out of the office until 14 September with limited access to email. How can our support team help? Write to support@acme.example.",
        "I am currently out of the office until 14 September. Are you an agency or recruiter? We do not work with agencies.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Ist Ihre Frage zu einer offenen Stelle? Bitte wenden Sie sich an jobs@acme.example.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Wer ist in der Firma Ihr Ansprechpartner? Frau Meier, meier@acme.example.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Wie erreichen Sie das Team? Unter team@acme.example.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Können Sie nicht warten? Mein Team hilft gerne: team@acme.example.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Gibt es Fragen zu Ihrem Kunde-Konto? Bitte an support@acme.example.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Wo finde ich eine offene Stelle? Unter acme.example/karriere."
      })
  void aResponderNoticeInAnotherLanguage_sayingWhatSuitsItsReader_isStillAnAutoReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I am out of the office Thursday and Friday. If it can wait, Monday would be better.",
        "I'm out of the office on Friday, back Monday. Monday morning is best.",
        "I am out of the office Tuesday and Wednesday. Thursday is best for the quickest response.",
        "I am out of the office this week. Next week would be best for the follow-up.",
        "I am out of the office until Friday. Friday is fine for the invoices, otherwise please contact accounts@acme.com.",
        "I am out of the office this morning for an appointment. After 1pm is best.",
        "I am out of the office until 2pm today. After 2pm would be better.",
        "I am out of the office this morning for a medical appointment. I'm free after 1pm - call me on my mobile.",
        "I am currently out of the office at our annual conference - looking forward to it!",
        "I am out of the office today. I'm in & out of meetings tomorrow.",
        "I am out of the office at our offsite this week. Interested, please contact sales@acme.com.",
        "Ich bin derzeit nicht im Büro. Nächste Woche passt es besser.",
        "Ich bin derzeit nicht im Büro. Morgen passt mir besser, dann rufe ich zurück.",
        "I am out of the office this week at a conference. If you'd like to meet, next week would work better."
      })
  void aResponderNotice_pointingToAnotherTimeOrSayingWhatItDoes_isStillAnAutoReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }

  @Test
  void aQuotingAnswer_underASubjectWithAResponderWordBeforeRe_isAReply() {
    byte[] raw =
        RawMails.reply(
            "Vacation plans? Re: a role for you",
            RawMails.quoting("I'm out of the office today, but yes, tomorrow works."));

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @Test
  void anAbsenceNotice_givingItsDatesAsFromAndTo_isAnAutoReply() {
    byte[] raw =
        RawMails.reply(
            "Re: a role for you",
            "I am out of the office.\nFrom: Monday 7 September 2026\nTo: Friday 11 September 2026");

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }

  @Test
  void aQuotingAnswerInTheThread_thatCallsItselfAutomatic_isAnAutoReply() {
    byte[] raw =
        RawMails.reply(
            "Re: a role for you",
            RawMails.quoting(
                "This is an automatic reply. I am out of the office until 14 September 2026."));

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.AutoReply(LocalDate.of(2026, 9, 14)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          I'm out of the office today but yes, tomorrow works.
          I am currently away - yes, I'm interested. Let's talk on Monday.
          Ich bin derzeit nicht im Büro, aber ja, gerne am Montag.
          Je suis absent du bureau aujourd'hui, mais oui, demain me convient.
          Estoy fuera de la oficina hoy, pero sí, mañana me viene bien.
          I'm out of the office this week, but happy to chat next Tuesday. Does 10am work?
          I'm out of the office today, but let's talk tomorrow.
          Yes - I'm out of the office today but tomorrow works.
          Sure! I'm out of the office today but tomorrow works.
          Je suis actuellement absent, mais ça m'intéresse. Appelez-moi jeudi.
          I'm out of the office today. Tomorrow at 10 works.
          I am out of the office this week. Thursday works better for me.
          I'm currently out of the country. Friday at 3pm works for us!
          I'm out of the office today. Thursday at 10 works for me :)
          I'm out of the office today. Tomorrow works for me too.
          I'm out of the office until noon. 2pm works.
          I'm out of the office today, but tomorrow works - what time suits you?
          I'm out of the office today. Tomorrow works for a quick call.
          I'm out of the office today. Thursday works too.
          I'm out of the office today. Monday works? Or Tuesday?
          I'm out of the office today. Friday 3pm works 👍
          I'm out of the office today. That works, thanks!
          I'm out of the office today. Tomorrow at 10:30 works.
          I'm out of the office today. 14:00 works.
          I'm out of the office today. Thursday 14:00 works.
          I'm out of the office today. Tomorrow at 10.30 works.
          I'm out of the office today. That works.
          I'm out of the office today. 3pm ET works.
          I'm out of the office today. Thursday 2:00 PM EST works.
          I'm out of the office today. Noon works.
          I'm out of the office today. Any time after 3 works.
          I'm out of the office today. Later this week works.
          I'm out of the office today. The 15th works.
          I'm out of the office today. That would work.
          I'm out of the office today. That will work, thanks!
          I'm out of the office this week. Thursday should work.
          I'm out of the office today. Tomorrow at 10 would work for me.
          I'm out of the office today, but that would work for me.
          I'm out of the office today. It would work for us next week.
          I'm out of the office today. That'll work.
          I'm out of the office today. That'd work.
          I'm out of the office today. That would work well.
          I'm out of the office today. That should work fine.
          I'm out of the office today. That would work :)
          I'm out of the office this week. Either day would work.
          I'm out of the office today. Tomorrow would also work.
          I'm out of the office today. Sept 15 would work.
          I'm out of the office today. 15 September would work for me.
          I'm out of the office today. That could work.
          I'm out of the office today. Tuesday or Wednesday would work.
          I'm out of the office today. Thanks, that would work.
          I'm on leave this week. Next Tuesday would work.
          I'm out of the office today. Any of those times would work.
          I'm out of the office today. Either works.
          I'm out of the office today. Yes that would work.
          I'm out of the office today. Great - that would work.
          I'm out of the office today. Thurs at 3 would work.
          I'm out of the office today. 10am tomorrow would work.
          I'm out of the office today. 9/15 would work.
          I'm out of the office today. I think Thursday would work.
          I'm out of the office today. That time would work.
          I'm out of the office today. Would work for me!
          I'm out of the office today. Thursday is fine.
          I'm out of the office today. Thursday is good for me.
          I'm out of the office today. Tomorrow at 10 is perfect.
          I'm out of the office today. That's fine.
          I'm out of the office today. That is fine with me.
          I'm out of the office today. Fine by me.
          I'm out of the office today. Ok, Thursday then.
          I'm out of the office today. Happy to.
          I'm out of the office today. Count me in.
          I'm out of the office today. Please send me more details.
          I'm out of the office today. Can we do Thursday?
          I'm out of the office today. Not interested.
          I'm out of the office today. Not interested, sorry.
          I'm out of the office today. No thanks!
          I'm out of the office today. Thursday it is.
          I'm out of the office today. Let's do Thursday.
          I'm out of the office today. Sounds great!
          I'm out of the office today. Looking forward to it.
          I'm out of the office today. I'm in.
          I'm out of the office today. Definitely interested.
          I'm out of the office today. Send me the job description.
          I'm out of the office today. Thursday suits me.
          I'm out of the office today. Thursday is better.
          I'm out of the office today. That would be great.
          I'm out of the office today. Thursday would be better.
          I'm out of the office today. Tomorrow at 10 would be perfect for me.
          I'm out of the office today. That would be fine.
          I'm out of the office today. That should be fine.
          I'm out of the office today. That's ideal.
          I'm out of the office today. It would be fine for me.
          I'm out of the office today. Either of those would work.
          I'm out of the office today. Anytime on Thursday would work.
          I'm out of the office today. Thursday would work just fine.
          I'm out of the office today. Thursday would work👍
          I'm out of the office today. That would work:)
          I'm out of the office today. Thanks Sam, that would work.
          I'm out of the office today. No problem, that would work.
          I'm out of the office today. Sure thing, that'll work.
          I'm out of the office today. Yes please, that would work.
          I'm out of the office today. Those times would work for me.
          I'm out of the office today. Both of those would work.
          I'm out of the office today. Thursday or Friday would both work.
          I'm out of the office today. Would Thursday work for you?
          I'm out of the office today. Does Thursday work?
          I'm out of the office this week. Monday, Sept 16 would work.
          I'm out of the office until Friday. Sept 16 at 10am would work.
          I'm out of the office today. 10am on Thursday would work.
          I'm out of the office this week. Tuesday, Wednesday or Thursday would work.
          I'm out of the office today. Either Tuesday or Wednesday would work.
          I'm out of the office until next week. Any time Thursday would work.
          I'm out of the office until Wed. Early next week would work.
          I'm out of the office today. Thursday would work as well.
          I'm out of the office today. Thursday 2pm would work if you're free.
          I'm out of the office until Monday. Thursday should work, I think.
          I'm out of the office today. Thursday would suit me.
          I'm out of the office today. Thursday may work.
          I'm out of the office until Monday. Thursday would be a good day.
          I'm out of the office this week - I can do Thursday at 10.
          I'm out of the office until Wednesday. I'm free Thursday afternoon.
          I'm out of the office, Thursday would work.
          Thx, I'm out of the office until Tues. Weds would work.
          I'm out of the office today. Thursday at 10:30 am EST would be perfect.
          I'm out of the office until the 15th; Sept 16 would work for me.
          I'm out of the office until 9/14. 9/15 at 11 would work.
          I'm out of the office until Wed, so Thursday would work.
          Hi Sam, I'm out of the office this week. Thursday would work for me though.
          I'm out of the office until Monday. Thursday at 10 or 11 would work.
          I'm out of the office until Monday. Thursday 9/18 would work for me.
          I'm out of the office this week. Monday the 16th would work.
          Je suis absent du bureau, mais jeudi 14h me convient.
          Je suis absent du bureau cette semaine. Parfait, jeudi me convient.
          Je suis absent du bureau jusqu'à mardi. Mardi prochain me convient.
          Je suis absent du bureau aujourd'hui, jeudi c'est parfait.
          Je suis absent du bureau cette semaine. Jeudi, ça me va.
          Estoy fuera de la oficina, pero el jueves me viene bien.
          Estoy fuera de la oficina esta semana. El jueves 18 me viene bien.
          Estoy fuera de la oficina. El jueves funciona para mí.
          Estoy fuera de la oficina. El próximo martes me viene bien.
          Estou fora do escritório. Pode ser quinta às 10h.
          Estou fora do escritório esta semana. Quinta está ótimo para mim.
          Ich bin derzeit nicht im Büro. Donnerstag 10 Uhr passt mir.
          Ich bin derzeit nicht im Büro. Am Donnerstag passt es mir gut.
          Ich bin derzeit nicht im Büro. Donnerstag geht bei mir.
          Ich bin derzeit nicht im Büro. Dienstag um 10 Uhr wäre gut.
          Je suis absent du bureau aujourd'hui. Jeudi me convient.
          Je suis absent du bureau aujourd'hui. Demain à 10h me convient.
          Je suis absent du bureau aujourd'hui. Ça me va très bien.
          Estoy fuera de la oficina hoy. El jueves me viene bien.
          Estoy fuera de la oficina hoy. Mañana a las 10 me va bien.
          Estoy fuera de la oficina hoy. Me parece bien.
          Estou fora do escritório hoje. Quinta-feira funciona para mim.
          Estou fora do escritório hoje. Amanhã às 10h está bom para mim.
          Ich bin derzeit nicht im Büro. Donnerstag passt mir.
          Ich bin derzeit nicht im Büro. Morgen um 10 Uhr passt.
          I'm out of the office today. Absolutely.
          I'm out of the office today. Sure.
          I'm out of the office today. Of course!
          I'm out of the office today. What's the salary range?
          I'm out of the office today. Is it remote?
          I'm out of the office today. Also, is the role remote or hybrid?
          I'm out of the office today. Which company is this for?
          I'm out of the office today. Who's the client?
          I'm out of the office today. Can you tell me more about the role?
          I'm out of the office today. How did you get my email?
          I'm out of the office this week. Could you send the job description?
          I'm out of the office this week. Is this a contract or permanent position?
          Ich bin derzeit nicht im Büro. Wie hoch ist das Gehalt?
          Je suis absent du bureau aujourd'hui. Quel est le salaire ?
          Estoy fuera de la oficina hoy. ¿Cuál es el salario?
          I'm out of the office today. Salary range?
          I'm out of the office today. Remote?
          I'm out of the office today. Open to remote?
          I'm out of the office today, is the role remote?
          I'm out of the office today. Is it a permanent role?
          I'm out of the office today. Can you send me the spec?
          I'm out of the office today. How did you find me?
          Estoy fuera de la oficina hoy. ¿El puesto es remoto?
          Estou fora do escritório hoje. É remoto?
          Ik ben niet op kantoor vandaag. Welk bedrijf is het?
          I'm out of the office today. Sure thing.
          I'm out of the office today. Absolutely 👍
          I'm out of the office today. Sure :)
          I'm out of the office today. Certainly - send over the JD.
          I'm out of the office today. Definitely keen.
          I'm out of the office today. Interesting, tell me more.
          I'm out of the office today. Sounds promising.
          I'm out of the office today. Would be great to hear more.
          I'm out of the office today. Yes please, send it over.
          I'm out of the office today. Not interested at this stage, thanks.
          I'm out of the office today. I'm not looking for anything new.
          I'm out of the office today. I'm not open to new roles right now.
          I'm out of the office today. This isn't the right time for me.
          I'm out of the office today. I've just started a new role, thanks though.
          I'm out of the office today. I recently accepted an offer elsewhere.
          I'm out of the office today. I'll have to decline.
          Ich bin derzeit nicht im Büro. Kein Interesse, danke.
          Je suis absent du bureau aujourd'hui. Pas intéressé, merci.
          Estoy fuera de la oficina hoy. Suena interesante, cuéntame más.
          I'm out of the office today. Interested, tell me more.
          I'm out of the office today. Intriguing – tell me more!
          I'm out of the office today. Sounds very promising.
          I'm out of the office today. Please send it over.
          I'm out of the office today. Send over the details.
          I'm out of the office today. Timing's not right for me.
          I'm out of the office today. The timing is not right.
          I'm out of the office today. I just started a new job.
          I'm out of the office today. I'm going to have to decline.
          Ich bin derzeit nicht im Büro. Nicht interessiert, danke.
          I'm out of the office today. Absolutely, go ahead.
          I'm out of the office today. Yes absolutely.
          I'm out of the office today. Any more details?
          I'm out of the office today. Could you share more details?
          Ich bin derzeit nicht im Büro. Klingt spannend!
          Ich bin derzeit nicht im Büro. Gerne mehr Infos per Mail.
          Je suis absent du bureau aujourd'hui. Ça a l'air intéressant.
          I'm out of the office until the 14th, but I'd like to learn more.
          I'm out of the office today. Keen to hear more.
          I'm out of the office today. I'd be keen to learn more.
          I'm out of the office today. Sounds interesting, tell me more.
          I'm out of the office today. I'm open to it.
          I'm out of the office today. Open to a chat.
          I'm out of the office today but I'm open to hearing more.
          I'm out of the office today. I might be interested.
          I'm out of the office this week, but feel free to send over the details.
          I'm out of the office this week. Please send more info.
          I'm out of the office this week. This sounds great.
          I'm out of the office this week. Thanks for thinking of me.
          I'm out of the office today. Not the right time for me, sorry.
          I'm out of the office today. Not looking right now, thanks.
          I'm out of the office today. I'm not looking to move.
          I'm out of the office this week. I'm no longer looking.
          I'm out of the office today. I'm happy where I am.
          I'm out of the office this week. Already found a new job, thanks.
          I'm out of the office today. It's not for me, thanks.
          I'm out of the office today. Go ahead and send the JD.
          I'm out of the office today. What's the package like?
          I'm out of the office today. Is it full-time?
          I'm out of the office today. Is the role full-time or part-time?
          I'm out of the office today. Perm or contract?
          """)
  void anAnswerInTheThread_withoutAQuote_thatAlsoAnswers_isAReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I am out of the office until 14 September. If this is\nnot the right time, please contact"
            + " Jane.",
        "I am out of the office until 14 September. For questions about the\nrole you applied for?"
            + " Contact hr@acme.example.",
        "I am out of the office until 14 September.\n\nWill I read your email?\n\nOf course.\n\nJust"
            + " not before 14 September."
      })
  void aNoticeWrappedByHand_isNotReadAsAnAnswerStartingOnItsNextLine(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.AutoReply(LocalDate.of(2026, 9, 14)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I'm out of the office today.\n\nSure!",
        "Hi Sam,\n\nI'm out of the office today.\nAbsolutely.",
        "I'm out of the office today.\nWhat's the salary range?",
        "I'm out of the office today.\n\nNot the right time for me, sorry."
      })
  void anAnswerOnALineOfItsOwn_afterAnAbsence_isAReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I'm out of the office today. Tomorrow at 10 works\n\nBest,\nAda",
        "I'm out of the office today. Tuesday works for me\n\nBest,\nAda",
        "I'm out of the office today.\nThat would work for me\n\nBest,\nAda",
        "I'm out of the office today.\u00a0Thursday would work.\n\nBest,\nAda"
      })
  void anAnswerWithoutAQuote_offeringATime_beforeItsSignature_isAReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I'm out of the office today. Please call me Thursday at 10am.",
        "I'm currently away, but call me on Thursday.",
        "I'm currently away, but call me Thursday.",
        "I'm out of the office, but please call me tomorrow.",
        "I am out of the office this week. Call me next Monday.",
        "I'm currently away but you can call me on Thursday.",
        "I'm out of the office today. Give me a ring tomorrow afternoon.",
        "I'm out of the office today.\n\nCall me Thursday\n\nBest,\nAda\nMobile +44 7700 900123",
        "Ich bin derzeit nicht im Büro. Rufen Sie mich gerne am Donnerstag an.",
        "Estoy fuera de la oficina, llámame el jueves.",
        "Je suis actuellement absent. Appelez-moi jeudi.",
        "Ik ben niet op kantoor, maar bel me donderdag gerust.",
        "Estou fora do escritório hoje, liga-me amanhã.",
        "I'm out of the office today, but please call\nme on Thursday at 10am.",
        "I'm out of the office today, but if you have a moment, please call\r\nme on Thursday.\r\n",
        "I'm out of the office today. Call me Thursday between 14.00 - 15.30.",
        "I'm out of the office today. Call me Thursday (2026-09-10) at 10:30.",
        "I'm out of the office today. Call me Thursday\nAda\n+44 7700 900123",
        "Hi Anders,\n\nI'm out of the office today. Please call me Thursday.",
        "I'm out of the office today. Call me Thurs at 10.",
        "Je suis absent aujourd'hui. Pouvez-vous m'appeler jeudi ?",
        "Estoy fuera de la oficina hoy. ¿Puedes llamarme el jueves?",
        "Ik ben vandaag niet op kantoor. Kun je me donderdag bellen?",
        "I'm out of the office today. Please call me on Thursday\n--\nAda Lovelace\nMobile: +44 7700"
            + " 900123",
        "I'm away this week. Call me tomorrow, you've got my number.",
        "I'm out of the office today. Feel free to call Thursday.",
        "Ich bin diese Woche nicht im Büro. Sie können mich am Donnerstag anrufen."
      })
  void anAnswerAfterAnAbsence_askingToBeCalledOnADay_isAReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "I am out of the office until 14 September. If urgent, call me tomorrow.",
        "I am out of the office until 14 September. Urgent? Call me Thursday.",
        "I am out of the office until 14 September. If urgent,\ncall me on Thursday.",
        "I am out of the office until 14 September. Call me Thursday on my mobile.",
        "I am out of the office until 14 September. Call me on Thursday on 020 7946 0000.",
        "I am out of the office until 14 September. In emergencies, give me a ring tomorrow.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. In dringenden Fällen rufen Sie"
            + " mich am Montag an.",
        "Estoy fuera de la oficina hasta el 14 de septiembre. Para urgencias, llámame el lunes.",
        "I am out of the office until 14 September. If it's important, call me tomorrow.",
        "I am out of the office until 14 September. For anything that can't wait, ring me"
            + " tomorrow.",
        "I am out of the office until 14 September. If urgent (e.g. a client issue), call me"
            + " tomorrow.",
        "I am out of the office until 14 September. Call me Thursday on 020.7946.0000.",
        "I am out of the office until 14 September. Call me Thursday on ext. 4567.",
        "I am out of the office until 14 September. For urgent matters contact jane@acme.example."
            + " Otherwise call me on Monday.",
        "Ich bin derzeit nicht im Büro, bis zum 14. September. Ich melde mich am Montag.",
        "I am out of the office until 14 September. If urgent,\n\ncall me tomorrow.",
        "I am out of the office until 14 September. Urgent?\n\nCall me tomorrow.",
        "I am out of the office until 14 September. Call me on Teams on Monday.",
        "I am out of the office until 14 September. Call me Monday on x4567.",
        "I am out of the office until 14 September. For urgent matters contact Jane Doe. For"
            + " everything else, call me on Monday.",
        "I am out of the office until 14 September. Need to reach me? Call me on Monday.",
        "I am out of the office until 14 September. Feel free to call the office on Monday.",
        "I am out of the office until 14 September. Please don't call me today."
      })
  void aNotice_askingToBeCalledOnADay_ifUrgentOrOnANumber_isStillAnAutoReply(String text) {
    byte[] raw = RawMails.reply("Re: a role for you", text);

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.AutoReply.class);
  }

  @Test
  void aLongRunOfFiguresAfterARequestForACall_isClassified_withoutOverflowingTheStack() {
    String figures = "120 340 560 780 910\n".repeat(150);
    byte[] raw =
        RawMails.reply(
            "Re: a role for you",
            "I'm out of the office today. Call me Thursday about these figures:\n" + figures);

    assertThat(reader.read(raw, NOW).classification())
        .isNotInstanceOf(Classification.Unreadable.class);
  }

  @Test
  void aResponderPhraseUnderRe_withoutAQuote_isStillAnAutoReply() {
    // responders do not quote: without the quote, the fixed phrase still marks an automatic answer
    byte[] raw =
        RawMails.reply(
            "Re: a role for you", "I'm out of the office until 14 September 2026. Thank you.");

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.AutoReply(LocalDate.of(2026, 9, 14)));
  }

  @Test
  void aNoticeOfAbsenceUnderASubjectOfItsOwn_isAnAutoReply_withoutAnyHeaderField() {
    byte[] raw =
        RawMails.reply(
            "Thank you for your email",
            "I am on holiday until 14 September 2026 and will answer when I am back.");

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.AutoReply(LocalDate.of(2026, 9, 14)));
  }

  @Test
  void aPersonWritingAboveAForwardedAutoReply_underItsSubject_isAReply() {
    byte[] raw =
        RawMails.reply(
            "Automatic reply: a role for you",
            """
            Yes, I'm interested - my colleague Bob, whom you wrote too, is out (see below).
            Can we talk on Thursday?

            -----Original Message-----
            From: Bob Example <bob@example.org>
            Sent: Monday, September 7, 2026 9:05 AM
            To: Ada Lovelace <ada@example.org>
            Subject: Automatic reply: a role for you

            I am out of the office until 14 September with no access to email.""");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @Test
  void aPersonQuotingAnAutoReplyWithMarks_underItsSubject_isAReply() {
    byte[] raw =
        RawMails.reply(
            "Automatic reply: a role for you",
            """
            Yes, I'm interested - Bob is out, as he says below. Can we talk on Thursday?

            On Mon, Sep 7, 2026 at 9:05 AM Bob Example <bob@example.org> wrote:
            > I am out of the office until 14 September with no access to email.""");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @Test
  void aReplyWhoseSubjectMentionsVacation_isAReply() {
    byte[] raw = RawMails.reply("Re: vacation policy", "Sounds great, let's talk on Friday.");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }
}
