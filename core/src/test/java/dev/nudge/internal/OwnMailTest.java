package dev.nudge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.spi.inbound.InboundMessage;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which received mail is the engine's own, and whose mail a list delivered. */
class OwnMailTest {
  private static final EmailAddress SENDER = EmailAddress.of("recruiting@acme.example");
  private static final Predicate<EmailAddress> IS_SENDER = SENDER::sameMailbox;

  private static InboundMessage.Builder fromTheSender() {
    return InboundMessage.builder(Instant.EPOCH).from(SENDER);
  }

  @Test
  void addressesIn_readsDisplayNamesWithCommas_comments_andSkipsWhatIsNoAddress() {
    assertThat(
            OwnMail.addressesIn(
                "\"Lovelace, Ada\" <Ada@Example.org>, bob@x.example (Bob), \"no address\","
                    + " <not an address>, carol@y.example"))
        .containsExactly(
            EmailAddress.of("Ada@example.org"),
            EmailAddress.of("bob@x.example"),
            EmailAddress.of("carol@y.example"));
    assertThat(OwnMail.addressesIn("")).isEmpty();
  }

  @Test
  void addressesIn_dropsComments_readsGroups_andHonoursEscapes() {
    assertThat(OwnMail.addressesIn("ada@x.example (Lovelace, Ada)"))
        .containsExactly(EmailAddress.of("ada@x.example"));
    assertThat(OwnMail.addressesIn("ada@x.example (via (nested) <jobs@co.example>), b@y.example"))
        .containsExactly(EmailAddress.of("ada@x.example"), EmailAddress.of("b@y.example"));
    assertThat(
            OwnMail.addressesIn(
                "Team: a@x.example, \"B, \\\"Bee\\\"\" <b@y.example>;, c@z.example"))
        .containsExactly(
            EmailAddress.of("a@x.example"),
            EmailAddress.of("b@y.example"),
            EmailAddress.of("c@z.example"));
    assertThat(OwnMail.addressesIn("undisclosed-recipients:;")).isEmpty();
  }

  @Test
  void addressesIn_readsPlainly_whenAQuoteOrCommentIsLeftOpen() {
    for (String odd :
        new String[] {
          "Ada (she/her <ada@x.example>",
          "Ada :( <ada@x.example>",
          "Ada \\(x <ada@x.example>",
          "\"Ada <ada@x.example>",
          "\"Bob <bob@y.example>\" ada@x.example",
          "Ada (she/her <ada@x.example> (via <recruiting@acme.example>)"
        }) {
      assertThat(OwnMail.addressesIn(odd))
          .as(odd)
          .containsExactly(EmailAddress.of("ada@x.example"));
    }
  }

  @Test
  void addressesIn_readsLongQuotedNames_withoutRunningOutOfStack() {
    String name = "\"" + "Ada \\\" Lovelace ".repeat(5_000) + "\" <ada@x.example>";

    assertThat(OwnMail.addressesIn(name)).containsExactly(EmailAddress.of("ada@x.example"));
    assertThat(OwnMail.addressesIn("\"" + "x".repeat(50_000) + " <ada@x.example>"))
        .containsExactly(EmailAddress.of("ada@x.example"));
  }

  @Test
  void listMail_whoseReplyToNamesOnlyTheList_isMatchedByItsThread_notOwn() {
    InboundMessage m =
        fromTheSender()
            .header("List-Id", "<recruiting.acme.example>")
            .header("Reply-To", "Recruiting <recruiting@acme.example>")
            .replyTo(SENDER)
            .build();

    OwnMail.Verdict v = OwnMail.judge(m, false, IS_SENDER);

    assertThat(v.own()).isNull();
    assertThat(v.message().from()).isEqualTo(SENDER);
  }

  @Test
  void aListInsideAList_isSkippedInXOriginalSender_forTheReplyToWriter() {
    InboundMessage m =
        fromTheSender()
            .header("List-Id", "<recruiting.acme.example>")
            .header("X-Original-Sender", "recruiting@acme.example")
            .header("Reply-To", "Ada <ada@example.org>")
            .build();

    OwnMail.Verdict v = OwnMail.judge(m, false, IS_SENDER);

    assertThat(v.own()).isNull();
    assertThat(v.message().from()).isEqualTo(EmailAddress.of("ada@example.org"));
  }

  @Test
  void mailFromSomeoneElse_isNotOwn_andKeepsItsSender() {
    InboundMessage m =
        InboundMessage.builder(Instant.EPOCH).from(EmailAddress.of("ada@example.org")).build();

    OwnMail.Verdict v = OwnMail.judge(m, false, IS_SENDER);

    assertThat(v.own()).isNull();
    assertThat(v.message()).isSameAs(m);
  }

  @Test
  void aCopyOfSentMail_isOwn_whoeverItIsFrom() {
    InboundMessage m =
        InboundMessage.builder(Instant.EPOCH).from(EmailAddress.of("ada@example.org")).build();

    assertThat(OwnMail.judge(m, true, IS_SENDER).own()).contains("copy");
  }

  @Test
  void mailFromTheSenderMailbox_withoutListHeaders_isOwn_whateverItsReplyTo() {
    InboundMessage m =
        fromTheSender()
            .replyTo(EmailAddress.of("inbound@ats.example"))
            .header("Reply-To", "inbound@ats.example")
            .build();

    assertThat(OwnMail.judge(m, false, IS_SENDER).own()).contains("sender mailbox");
  }

  @Test
  void listMail_takesTheWriterFromXOriginalFrom_beforeReplyTo() {
    InboundMessage m =
        fromTheSender()
            .header("List-Id", "<recruiting.acme.example>")
            .header("Reply-To", "Recruiting <recruiting@acme.example>")
            .header("X-Original-From", "\"Lovelace, Ada\" <ada@example.org>")
            .build();

    OwnMail.Verdict v = OwnMail.judge(m, false, IS_SENDER);

    assertThat(v.own()).isNull();
    assertThat(v.message().from()).isEqualTo(EmailAddress.of("ada@example.org"));
  }

  @Test
  void listMail_takesTheFirstReplyToAddressThatIsNoSenderMailbox() {
    InboundMessage m =
        fromTheSender()
            .header("X-Google-Group-Id", "42")
            .header("Reply-To", "recruiting@acme.example, \"Ada\" <ada@example.org>")
            .build();

    assertThat(OwnMail.judge(m, false, IS_SENDER).message().from())
        .isEqualTo(EmailAddress.of("ada@example.org"));
  }

  @Test
  void listMail_namingNoWriter_isNotOwn_andKeepsTheListAsSender() {
    InboundMessage m = fromTheSender().header("List-Id", "<recruiting.acme.example>").build();

    OwnMail.Verdict v = OwnMail.judge(m, false, IS_SENDER);

    assertThat(v.own()).isNull();
    assertThat(v.message().from()).isEqualTo(SENDER);
  }

  @Test
  void listMail_writtenFromASenderMailbox_isOwn() {
    InboundMessage m =
        fromTheSender()
            .header("List-Id", "<recruiting.acme.example>")
            .header("X-Original-Sender", "Recruiting@acme.example")
            .build();

    assertThat(OwnMail.judge(m, false, IS_SENDER).own()).contains("through a list");
  }
}
