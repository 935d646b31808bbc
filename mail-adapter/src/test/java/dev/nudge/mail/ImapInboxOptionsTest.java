package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import dev.nudge.CompletionReason;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InvalidInputException;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an inbox may be told to do beyond reading [S19]: move bounces to a folder of their own (and
 * only then open the inbox read-write), or leave the mail already there unread on the first poll.
 */
class ImapInboxOptionsTest {
  private static final String ADA = "Ada Lovelace";
  private static final String ALAN = "Alan Turing";

  private final ImapWorld world = new ImapWorld();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void moveBouncesTo_movesOnlyTheBounce_andMarksNothingSeen() {
    ImapWorld.Sent sent = world.sentStepOne(ADA, ALAN);
    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));
    world.deliver(Mails.dsnBounce(sent.address(ALAN), sent.messageId(ALAN)));
    ImapInboxPoller poller = world.poller(world.inbox().moveBouncesTo("Bounces").build());

    ImapInboxPoller.Report report = poller.pollOnce();

    assertThat(report.recorded()).isEqualTo(2);
    assertThat(world.nudge.enrollment(sent.id(ALAN)).orElseThrow().status())
        .isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(world.aliceInbox().getNonDeletedMessages())
        .singleElement()
        .satisfies(m -> assertThat(subject(m)).isEqualTo("Re: Hello"));
    MailFolder bounces =
        Objects.requireNonNull(
            world.greenMail.getManagers().getImapHostManager().getFolder(world.alice, "Bounces"));
    assertThat(bounces.getMessages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(subject(m)).isEqualTo("Undelivered Mail Returned to Sender");
              assertThat(m.isSet(jakarta.mail.Flags.Flag.SEEN)).isFalse();
            });
    assertThat(world.flagsInInbox()).noneMatch(f -> f.contains("Seen"));
    assertThat(poller.pollOnce().handedOver()).isZero();
  }

  private static String subject(StoredMessage m) {
    try {
      return m.getMimeMessage().getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void skipExistingMail_leavesTheHistoryUnread_andReadsWhatArrivesAfterwards() {
    ImapWorld.Sent sent = world.sentStepOne(ADA);
    world.deliver(Mails.replyOnANewThread(sent.address(ADA))); // an old mail, before the poller
    ImapInboxPoller poller = world.poller(world.inbox().skipExistingMail().build());

    assertThat(poller.pollOnce().handedOver()).isZero();
    assertThat(world.nudge.enrollment(sent.id(ADA)).orElseThrow().status())
        .isEqualTo(EnrollmentStatus.STARTED);

    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));

    assertThat(poller.pollOnce().recorded()).isEqualTo(1);
    assertThat(world.nudge.enrollment(sent.id(ADA)).orElseThrow().reason())
        .isEqualTo(CompletionReason.REPLIED);
  }

  @Test
  void settings_areCheckedAndNamed() {
    ImapRoute route = world.route(Credentials.password("alice", "pw")).build();

    assertThatThrownBy(() -> ImapRoute.builder("imap.acme.example", 993).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("imapRoute.credentials");
    assertThatThrownBy(() -> ImapInbox.builder("alice@acme.example", route).folder("A").folder("B"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("inbox.folder");
    assertThatThrownBy(
            () -> ImapInbox.builder("alice@acme.example", route).moveBouncesTo("INBOX").build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("inbox.moveBouncesTo");
    assertThatThrownBy(
            () -> ImapInbox.builder("alice@acme.example", route).pollInterval(Duration.ofMillis(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("inbox.pollInterval");
    assertThatThrownBy(
            () ->
                ImapInboxPoller.builder(world.nudge, world.store.checkpoints())
                    .inbox(ImapInbox.builder("alice@acme.example", route).build())
                    .inbox(ImapInbox.builder("ALICE@acme.example", route).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is read already");
    assertThatThrownBy(
            () -> ImapInboxPoller.builder(world.nudge, world.store.checkpoints()).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("inbox");
    assertThat(
            ImapRoute.builder("imap.acme.example", 993)
                .credentials(Credentials.password("alice", "s3cret"))
                .build())
        .satisfies(
            r -> {
              assertThat(r.tls()).isEqualTo(TlsMode.IMPLICIT);
              assertThat(r.toString()).contains("alice").doesNotContain("s3cret");
            });
  }
}
