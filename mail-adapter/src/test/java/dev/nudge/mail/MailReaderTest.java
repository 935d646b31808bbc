package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.BounceReason;
import dev.nudge.BounceType;
import dev.nudge.EmailAddress;
import dev.nudge.InvalidInputException;
import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.inbound.ReadMail;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a read message holds [S19, S20, S21]. */
class MailReaderTest {
  private static final Instant NOW = Instant.parse("2026-09-07T08:00:00Z");
  private final MailReader reader = MailReader.create();

  @Test
  void aReply_carriesItsThreadSenderSubjectAndNewText() {
    byte[] raw =
        RawMails.crlf(
            "From: =?utf-8?Q?Ada_L=C3=B6velace?= <Ada@Example.org>",
            "To: Recruiter <recruiter@acme.example>, other@acme.example",
            "Cc: boss@acme.example",
            "Subject: =?utf-8?B?UmU6IGEgcm9sZSBmb3IgeW91?= =?utf-8?Q?_=E2=80=94_Acme?=",
            "Date: Mon, 7 Sep 2026 09:15:00 +0200",
            "Message-ID: <reply-1@example.org>",
            "In-Reply-To: <step-2@acme.example>",
            "References: <step-1@acme.example>",
            " <step-2@acme.example>",
            "Delivered-To: recruiter@acme.example",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Yes, Thursday works. Gr=C3=BC=C3=9Fe!",
            "",
            "On Mon, Sep 7, 2026 at 9:00 AM Recruiter <recruiter@acme.example> wrote:",
            "> A role for you.");

    ReadMail read = reader.read(raw, NOW);
    InboundMessage m = read.message();

    assertThat(read.classification()).isEqualTo(new Classification.HumanReply());
    assertThat(m.from()).isEqualTo(EmailAddress.of("Ada@example.org"));
    assertThat(m.to())
        .containsExactly(
            EmailAddress.of("recruiter@acme.example"),
            EmailAddress.of("other@acme.example"),
            EmailAddress.of("boss@acme.example"));
    assertThat(m.subject()).isEqualTo("Re: a role for you — Acme");
    assertThat(m.date()).isEqualTo(Instant.parse("2026-09-07T07:15:00Z"));
    assertThat(m.messageId()).isEqualTo("<reply-1@example.org>");
    assertThat(m.inReplyTo()).isEqualTo("<step-2@acme.example>");
    assertThat(m.references()).containsExactly("<step-1@acme.example>", "<step-2@acme.example>");
    assertThat(m.envelopeRecipient()).isEqualTo(EmailAddress.of("recruiter@acme.example"));
    assertThat(m.receivedAt()).isEqualTo(NOW);
    assertThat(m.header("Subject")).isEqualTo("Re: a role for you — Acme");
    assertThat(m.text()).startsWith("Yes, Thursday works. Grüße!");
    assertThat(m.replyText()).isEqualTo("Yes, Thursday works. Grüße!");
    assertThat(m.isBounce()).isFalse();
  }

  @Test
  void theLongestMessageIdTheEngineMakes_isReadBackFromInReplyTo() {
    // 26 random characters on a 253-character domain
    String id =
        "<"
            + "a".repeat(26)
            + "@"
            + ("d".repeat(62) + ".").repeat(3)
            + "e".repeat(56)
            + ".example>";
    byte[] raw =
        RawMails.crlf(
            "From: ada@example.org",
            "To: recruiter@acme.example",
            "Subject: Re: a role",
            "Message-ID: <reply-1@example.org>",
            "In-Reply-To: " + id,
            "",
            "Yes.");

    assertThat(id).hasSize(282);
    assertThat(reader.read(raw, NOW).message().inReplyTo()).isEqualTo(id);
  }

  @Test
  void aReplyThroughAGoogleGroup_namesTheWriterInReplyTo() {
    byte[] raw =
        RawMails.crlf(
            "From: \"'Ada Lovelace' via Recruiting\" <recruiting@acme.example>",
            "Reply-To: Ada Lovelace <Ada@Example.org>",
            "X-Original-Sender: ada@example.org",
            "To: Recruiting <recruiting@acme.example>",
            "Subject: Re: a role",
            "Message-ID: <group-1@example.org>",
            "In-Reply-To: <step-1@acme.example>",
            "",
            "Happy to talk.");

    InboundMessage m = reader.read(raw, NOW).message();

    assertThat(m.from()).isEqualTo(EmailAddress.of("recruiting@acme.example"));
    assertThat(m.replyTo()).isEqualTo(EmailAddress.of("Ada@example.org"));
    InboundMessage fromTheWriter = m.withFrom(EmailAddress.of("ada@example.org"));
    assertThat(fromTheWriter.from()).isEqualTo(EmailAddress.of("ada@example.org"));
    assertThat(fromTheWriter.inReplyTo()).isEqualTo("<step-1@acme.example>");
    assertThat(fromTheWriter.replyTo()).isEqualTo(m.replyTo());
  }

  @Test
  void anHtmlOnlyReply_hasPlainTextWithoutTheQuote() {
    byte[] raw =
        RawMails.crlf(
            "From: ada@example.org",
            "To: recruiter@acme.example",
            "Subject: Re: a role",
            "Content-Type: text/html; charset=utf-8",
            "",
            "<html><head><style>p{color:red}</style></head><body>",
            "<div>Happy to talk &amp; learn more.</div><br>",
            "<div class=\"gmail_quote\">On Mon, Sep 7, 2026 Recruiter wrote:",
            "<blockquote>A role for you.</blockquote></div></body></html>");

    InboundMessage m = reader.read(raw, NOW).message();

    assertThat(m.text()).contains("Happy to talk & learn more.").contains("> A role for you.");
    assertThat(m.replyText()).isEqualTo("Happy to talk & learn more.");
  }

  @Test
  void aReplyWhoseTextPartIsEmpty_takesItsTextFromTheHtml() {
    // a mobile client sends an empty text/plain alternative; only the HTML holds the answer
    byte[] raw =
        RawMails.crlf(
            "From: ada@example.org",
            "To: recruiter@acme.example",
            "Subject: Re: a role",
            "In-Reply-To: <step-1@acme.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"alt\"",
            "",
            "--alt",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "",
            "--alt",
            "Content-Type: text/html; charset=utf-8",
            "",
            "<div dir=\"ltr\">Unsubscribe please.</div><br>",
            "<div class=\"gmail_quote\">On Mon, Sep 7, 2026 Recruiter wrote:",
            "<blockquote>A role for you.</blockquote></div>",
            "--alt--");

    ReadMail read = reader.read(raw, NOW);

    assertThat(read.message().replyText()).isEqualTo("Unsubscribe please.");
    assertThat(read.classification()).isInstanceOf(Classification.UnsubscribeRequest.class);
  }

  @Test
  void aReadReceipt_isNoReply() {
    // Outlook's receipt when the candidate opens the email (RFC 8098): she has answered nothing
    byte[] raw =
        RawMails.crlf(
            "From: Ada Lovelace <ada@example.org>",
            "To: recruiter@acme.example",
            "Subject: Read: a role for you",
            "Date: Mon, 7 Sep 2026 09:15:00 +0000",
            "Message-ID: <mdn-1@example.org>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=disposition-notification;",
            "\tboundary=\"mdn\"",
            "",
            "--mdn",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Your message",
            "",
            "  To: Ada Lovelace",
            "  Subject: a role for you",
            "  Sent: Monday, September 7, 2026 9:00:00 AM (UTC+00:00)",
            "",
            "was read on Monday, September 7, 2026 9:15:00 AM (UTC+00:00).",
            "--mdn",
            "Content-Type: message/disposition-notification",
            "",
            "Reporting-UA: mail.example.org; Microsoft Exchange Server",
            "Final-Recipient: rfc822;ada@example.org",
            "Original-Message-ID: <step-1@acme.example>",
            "Disposition: automatic-action/MDN-sent-automatically; displayed",
            "--mdn--");

    assertThat(reader.read(raw, NOW).classification()).isInstanceOf(Classification.Unrelated.class);
  }

  @Test
  void aDeliveryStatusNotification_isABouncePerRecipient_withTheReturnedMessageId() {
    byte[] raw =
        RawMails.crlf(
            "From: MAILER-DAEMON@mx.example.org",
            "To: recruiter@acme.example",
            "Subject: Undelivered Mail Returned to Sender",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"",
            "",
            "--B",
            "Content-Type: text/plain",
            "",
            "Your message could not be delivered.",
            "--B",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.example.org",
            "",
            "Final-Recipient: rfc822; ada@example.org",
            "Action: failed",
            "Status: 5.1.1",
            "Diagnostic-Code: smtp; 550 5.1.1 <ada@example.org>: User unknown",
            "",
            "Final-Recipient: rfc822; bob@example.org",
            "Action: failed",
            "Status: 4.2.2",
            "Diagnostic-Code: smtp; 452 4.2.2 Mailbox full",
            "",
            "Final-Recipient: rfc822; eve@example.org",
            "Action: delivered",
            "Status: 2.0.0",
            "",
            "--B",
            "Content-Type: message/rfc822",
            "",
            "From: recruiter@acme.example",
            "Message-ID: <step-1@acme.example>",
            "",
            "A role for you.",
            "--B--");

    ReadMail read = reader.read(raw, NOW);

    assertThat(read.classification())
        .isEqualTo(
            new Classification.Bounce(
                java.util.List.of(
                    new Classification.BouncedRecipient(
                        EmailAddress.of("ada@example.org"),
                        "5.1.1",
                        550,
                        BounceType.HARD,
                        BounceReason.INVALID_ADDRESS,
                        "550 5.1.1 <ada@example.org>: User unknown"),
                    new Classification.BouncedRecipient(
                        EmailAddress.of("bob@example.org"),
                        "4.2.2",
                        452,
                        BounceType.SOFT,
                        BounceReason.MAILBOX_FULL,
                        "452 4.2.2 Mailbox full"))));
    assertThat(read.message().dsnRecipients())
        .extracting(r -> r.recipient().value() + " " + r.action() + " " + r.status())
        .containsExactly(
            "ada@example.org failed 5.1.1",
            "bob@example.org failed 4.2.2",
            "eve@example.org delivered 2.0.0");
    assertThat(read.message().returnedMessageIds()).containsExactly("<step-1@acme.example>");
    assertThat(read.message().isBounce()).isTrue();
  }

  @Test
  void aDelayedReport_isNoFailure() {
    byte[] raw =
        RawMails.crlf(
            "From: MAILER-DAEMON@mx.example.org",
            "To: recruiter@acme.example",
            "Subject: Delayed Mail (still being retried)",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"",
            "",
            "--B",
            "Content-Type: message/delivery-status",
            "",
            "Final-Recipient: rfc822; ada@example.org",
            "Action: delayed",
            "Status: 4.4.1",
            "--B--");

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(
            new Classification.DeliveryReport(
                "delayed", java.util.List.of(EmailAddress.of("ada@example.org"))));
  }

  @Test
  void aBounceQuotingTheOriginalInItsText_namesTheRecipientAndTheMessageId() {
    byte[] raw =
        RawMails.crlf(
            "From: MAILER-DAEMON@mx.example.org",
            "To: recruiter@acme.example",
            "Subject: failure notice",
            "",
            "Hi. This is the qmail-send program at mx.example.org.",
            "I'm afraid I wasn't able to deliver your message to the following addresses.",
            "This is a permanent error; I've given up. Sorry it didn't work out.",
            "",
            "<ada@example.org>:",
            "Sorry, no mailbox here by that name. (#5.1.1)",
            "",
            "--- Below this line is a copy of the message.",
            "",
            "Return-Path: <recruiter@acme.example>",
            "Message-ID: <step-1@acme.example>",
            "From: recruiter@acme.example",
            "To: ada@example.org",
            "",
            "A role for you.");

    ReadMail read = reader.read(raw, NOW);

    assertThat(read.classification()).isInstanceOf(Classification.Bounce.class);
    Classification.BouncedRecipient r =
        ((Classification.Bounce) read.classification()).recipients().get(0);
    assertThat(r.recipient()).isEqualTo(EmailAddress.of("ada@example.org"));
    assertThat(r.status()).isEqualTo("5.1.1");
    assertThat(r.type()).isEqualTo(BounceType.HARD);
    assertThat(read.message().returnedMessageIds()).containsExactly("<step-1@acme.example>");
  }

  @Test
  void aNoticeWithoutEnvelopeField_isDeliveredToItsTo_theReturnPath() {
    byte[] raw =
        RawMails.crlf(
            "From: MAILER-DAEMON@mx.example.org",
            "To: bounces+step-1=acme.example@acme.example",
            "Subject: failure notice",
            "X-Failed-Recipients: ada@example.org",
            "",
            "ada@example.org: 550 5.1.1 User unknown");

    ReadMail read = reader.read(raw, NOW);

    assertThat(read.classification()).isInstanceOf(Classification.Bounce.class);
    assertThat(read.message().envelopeRecipient())
        .isEqualTo(EmailAddress.of("bounces+step-1=acme.example@acme.example"));
  }

  @Test
  void aComplaint_carriesItsFeedbackTypeAndRecipient() {
    byte[] raw =
        RawMails.crlf(
            "From: feedback@isp.example",
            "To: abuse@acme.example",
            "Subject: FW: a role",
            "Content-Type: multipart/report; report-type=feedback-report; boundary=\"B\"",
            "",
            "--B",
            "Content-Type: text/plain",
            "",
            "This is an abuse report.",
            "--B",
            "Content-Type: message/feedback-report",
            "",
            "Feedback-Type: abuse",
            "User-Agent: isp/1.0",
            "Version: 1",
            "Original-Rcpt-To: ada@example.org",
            "--B--");

    assertThat(reader.read(raw, NOW).classification())
        .isEqualTo(new Classification.Complaint("abuse", EmailAddress.of("ada@example.org")));
  }

  @Test
  void mailWithoutSender_orFromAList_isUnrelated() {
    byte[] noSender = RawMails.crlf("Subject: hello", "", "text");
    byte[] newsletter =
        RawMails.crlf(
            "From: news@shop.example",
            "Subject: Deals of the week",
            "List-Id: <deals.shop.example>",
            "Precedence: bulk",
            "",
            "Deals.");

    assertThat(reader.read(noSender, NOW).classification())
        .isInstanceOf(Classification.Unrelated.class);
    assertThat(reader.read(newsletter, NOW).classification())
        .isInstanceOf(Classification.Unrelated.class);
  }

  @Test
  void aPersonsMailOnANewThread_stampedBulkByAGateway_isAReply() {
    byte[] raw =
        RawMails.crlf(
            "From: Ada Lovelace <ada@example.org>",
            "To: recruiter@acme.example",
            "Subject: The role you wrote about",
            "Message-ID: <new-2@example.org>",
            "Precedence: bulk",
            "X-Gateway: outbound-relay.example.org",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Hello, I am interested: can we talk on Thursday?");
    byte[] newsletter =
        RawMails.crlf(
            "From: Ada Lovelace <ada@example.org>",
            "To: recruiter@acme.example",
            "Subject: Ada's monthly notes",
            "Precedence: bulk",
            "List-Unsubscribe: <https://notes.example.org/unsubscribe>",
            "",
            "This month: engines.");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
    assertThat(reader.read(newsletter, NOW).classification())
        .isEqualTo(new Classification.Unrelated("automatic or bulk mail"));
  }

  @Test
  void aNotificationFromANoReplySender_namingAnAddress_isNoBounce() {
    byte[] raw =
        RawMails.crlf(
            "From: Acme Accounts <no-reply@accounts.example>",
            "To: ada@example.org",
            "Subject: Your account is ready",
            "",
            "Welcome! Your account ada@example.org is ready. Questions? help@accounts.example");

    assertThat(reader.read(raw, NOW).classification())
        .isNotInstanceOf(Classification.Bounce.class)
        .isNotInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Ana Postmaster <ana.postmaster@example.org>",
        "Mx Postmaster <ana.postmaster@example.org>",
        "Mail Postmaster <ana@example.org>",
        "\"J.R Postmaster\" <jr@example.org>",
        "\"St.John Postmaster\" <sj@example.org>",
        "\"mx.example.net Postmaster\" <ana@example.org>",
        "Mx Postmaster <ana@mail.com>",
        "\"Shop.co.uk Postmaster\" <ana@bakery.co.uk>",
        "\"co.uk Postmaster\" <ana@bakery.co.uk>",
        "Mx Postmaster <alex@mail.mcgill.ca>",
        "\"Postmaster, Ana\" <ana@example.org>",
        "Mailer Ana <ana@example.org>",
        "Jane Doe (Royal Mail Delivery) <jane@royalmail.example>",
        "\"ana.postmaster@example.org via Acme Forms\" <forms@acme.example>"
      })
  void aPersonWhoseNameSaysPostmaster_writingOnANewThread_isAReply(String from) {
    byte[] raw =
        RawMails.crlf(
            "From: " + from,
            "To: recruiter@acme.example",
            "Subject: The role you wrote about",
            "Message-ID: <new-1@example.org>",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Hello, my earlier answer may not have been delivered (my mail was down).",
            "I am interested: can we talk on Thursday? ana@example.org");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOf(Classification.HumanReply.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Mail Delivery System <MAILER-DAEMON@mx.example.net>",
        "MAILER-DAEMON (Mail Delivery System)",
        "Postmaster <bounces@mx.example.net>",
        "postmaster@mx.example.net",
        "Mail Router <mx-postmaster@mx.example.net>",
        "\"Postmaster at mx.example.net\" <notify@mx.example.net>",
        "=?us-ascii?Q?Postmaster?= <notify@mx.example.net>",
        "\"postmaster@mx.example.net\" <notify@mx.example.net>",
        "MX Postmaster <notify@mx.example.net>",
        "SMTP Postmaster <notify@smtp2.example.net>",
        "\"mx.example.net Postmaster\" <notify@mx.example.net>",
        "\"mx1.example.net Postmaster\" <notify@mx2.example.net>",
        "System Postmaster <notify@mail3.example.net>"
      })
  void aMailSystem_byItsAddressOrName_sendsANotice(String from) {
    byte[] raw =
        RawMails.crlf(
            "From: " + from,
            "To: recruiter@acme.example",
            "Subject: Your message to ada@example.org",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "This is the mail system at host mx.example.net.",
            "",
            "I'm sorry to have to inform you that your message could not",
            "be delivered to one or more recipients.",
            "",
            "<ada@example.org>: host mx.example.org said: 550 5.1.1 User unknown");

    assertThat(reader.read(raw, NOW).classification())
        .isInstanceOfSatisfying(
            Classification.Bounce.class,
            b ->
                assertThat(b.recipients())
                    .singleElement()
                    .satisfies(
                        r -> {
                          assertThat(r.recipient()).isEqualTo(EmailAddress.of("ada@example.org"));
                          assertThat(r.type()).isEqualTo(BounceType.HARD);
                        }));
  }

  @Test
  void theBuilder_refusesASettingTwice() {
    MailReader.Builder b = MailReader.builder().maxMessageBytes(2048);

    assertThatThrownBy(() -> b.maxMessageBytes(4096))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxMessageBytes");
    assertThatThrownBy(() -> MailReader.builder().maxTextBytes(10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxTextBytes");
  }
}
