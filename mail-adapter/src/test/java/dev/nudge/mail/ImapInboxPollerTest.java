package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.CompletionReason;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.EnrollmentEvent;
import dev.nudge.EnrollmentId;
import dev.nudge.EnrollmentStatus;
import dev.nudge.InboundEntry;
import dev.nudge.MatchMethod;
import dev.nudge.StepStatus;
import dev.nudge.StoreException;
import dev.nudge.testkit.Fixture;
import dev.nudge.testkit.InterceptingStore;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The IMAP poller end to end [S9–S12, S19–S21]: campaign mail goes out over SMTP, the answers land
 * in the recruiter's own inbox on a real IMAP server (GreenMail), and one poll takes each to its
 * effect — without marking anything seen, and without handing anything over twice after a restart.
 */
class ImapInboxPollerTest {
  private static final String ADA = "Ada Lovelace";
  private static final String ALAN = "Alan Turing";
  private static final String GRACE = "Grace Hopper";
  private static final String EDSGER = "Edsger Dijkstra";
  private static final String BARBARA = "Barbara Liskov";

  private final InterceptingStore store = new InterceptingStore();
  private final ImapWorld world = new ImapWorld(store, false);

  @AfterEach
  void close() {
    world.close();
  }

  private Enrollment enrollment(EnrollmentId id) {
    return world.nudge.enrollment(id).orElseThrow();
  }

  @Test
  void repliesBouncesAutoRepliesAndOptOuts_inTheInbox_endTheirEnrollments_withoutMarkingThemSeen() {
    // given: step 1 went to five candidates, and their answers are in Alice's inbox
    ImapWorld.Sent sent = world.sentStepOne(ADA, ALAN, GRACE, EDSGER, BARBARA);
    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));
    world.deliver(Mails.replyOnANewThread(sent.address(ALAN)));
    world.deliver(Mails.germanOutOfOffice(sent.address(GRACE), sent.messageId(GRACE)));
    world.deliver(Mails.dsnBounce(sent.address(EDSGER), sent.messageId(EDSGER)));
    world.deliver(Mails.unsubscribeReply(sent.address(BARBARA)));
    ImapInboxPoller poller = world.poller();

    // when
    ImapInboxPoller.Report report = poller.pollOnce();

    // then
    assertThat(report.recorded()).isEqualTo(5);
    assertThat(report.handedOver()).isEqualTo(5);
    assertThat(report.failed()).isEmpty();

    Enrollment ada = enrollment(sent.id(ADA));
    assertThat(ada.status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(ada.reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(ada.step(1).engagement().reply())
        .satisfies(r -> assertThat(r.matchedBy()).isEqualTo(MatchMethod.IN_THREAD));
    assertThat(ada.step(2).status()).isEqualTo(StepStatus.STOPPED);

    Enrollment alan = enrollment(sent.id(ALAN));
    assertThat(alan.reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(alan.step(1).engagement().reply())
        .satisfies(r -> assertThat(r.matchedBy()).isEqualTo(MatchMethod.BY_ADDRESS));

    Enrollment grace = enrollment(sent.id(GRACE));
    assertThat(grace.status()).isEqualTo(EnrollmentStatus.STARTED);
    assertThat(grace.holdUntil())
        .isAfterOrEqualTo(LocalDate.of(2026, 3, 16).atStartOfDay(Fixture.NEW_YORK).toInstant());
    assertThat(grace.step(2).status()).isEqualTo(StepStatus.SCHEDULED);

    Enrollment edsger = enrollment(sent.id(EDSGER));
    assertThat(edsger.status()).isEqualTo(EnrollmentStatus.BOUNCED);
    assertThat(edsger.step(1).engagement().bounce()).isNotNull();

    Enrollment barbara = enrollment(sent.id(BARBARA));
    assertThat(barbara.reason()).isEqualTo(CompletionReason.UNSUBSCRIBED);
    assertThat(world.nudge.suppression(EmailAddress.of(sent.address(BARBARA)))).isPresent();

    assertThat(world.nudge.inbound(10))
        .extracting(InboundEntry::kind)
        .containsExactlyInAnyOrder(
            InboundEntry.Kind.REPLY,
            InboundEntry.Kind.REPLY,
            InboundEntry.Kind.AUTO_REPLY,
            InboundEntry.Kind.BOUNCE,
            InboundEntry.Kind.UNSUBSCRIBE);
    assertThat(world.flagsInInbox()).hasSize(5).noneMatch(f -> f.contains("Seen"));
  }

  @Test
  void aRestartedPoller_handsNothingOverTwice_andANewMessageExactlyOnce() {
    ImapWorld.Sent sent = world.sentStepOne(ADA, GRACE);
    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));
    world.deliver(Mails.germanOutOfOffice(sent.address(GRACE), sent.messageId(GRACE)));
    ImapInboxPoller first = world.poller();
    assertThat(first.pollOnce().handedOver()).isEqualTo(2);
    String checkpoint = world.checkpoint();
    first.close();

    // when: a new poller over the same store
    ImapInboxPoller restarted = world.poller();
    ImapInboxPoller.Report again = restarted.pollOnce();

    // then
    assertThat(again.handedOver()).isZero();
    assertThat(again.failed()).isEmpty();
    assertThat(world.checkpoint()).isEqualTo(checkpoint).matches("\\d+:2");
    assertThat(world.nudge.inbound(10)).hasSize(2);

    // and: Grace, back from holiday, answers herself
    world.deliver(Mails.replyOnANewThread(sent.address(GRACE)));
    assertThat(restarted.pollOnce().recorded()).isEqualTo(1);
    assertThat(restarted.pollOnce().handedOver()).isZero();
    assertThat(enrollment(sent.id(GRACE)).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(world.nudge.inbound(10)).hasSize(3);
    assertThat(world.checkpoint()).matches("\\d+:3");
    assertThat(world.flagsInInbox()).noneMatch(f -> f.contains("Seen"));
  }

  @Test
  void aChangedUidValidity_readsTheFolderAgain_withoutASecondEffect() {
    ImapWorld.Sent sent = world.sentStepOne(ADA, ALAN);
    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));
    world.deliver(Mails.replyOnANewThread(sent.address(ALAN)));
    ImapInboxPoller poller = world.poller();
    assertThat(poller.pollOnce().recorded()).isEqualTo(2);
    String checkpoint = world.checkpoint();
    String uidValidity = checkpoint.substring(0, checkpoint.indexOf(':'));

    // given: the checkpoint was taken under another UIDVALIDITY (the server renumbered the folder)
    String key = "imap:" + ImapWorld.ALICE + ":INBOX";
    assertThat(world.store.checkpoints().compareAndSet(key, checkpoint, "4711:2")).isTrue();

    // when
    ImapInboxPoller.Report rescan = poller.pollOnce();

    // then
    assertThat(rescan.duplicates()).isEqualTo(2);
    assertThat(rescan.recorded()).isZero();
    assertThat(world.checkpoint()).isEqualTo(uidValidity + ":2");
    assertThat(world.nudge.activity(sent.id(ADA)))
        .filteredOn(e -> e.type() == EnrollmentEvent.Type.REPLIED)
        .hasSize(1);
    assertThat(world.nudge.inbound(10)).hasSize(2);
  }

  @Test
  void malformedAndHugeMail_isLoggedUnreadable_andTheOthersStillArrive() {
    ImapWorld.Sent sent = world.sentStepOne(ADA, ALAN);
    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));
    world.deliver(Mails.malformed());
    world.deliver(Mails.huge(sent.address(ALAN), 2 * 1024 * 1024));
    world.deliver(Mails.replyOnANewThread(sent.address(ALAN)));
    ImapInboxPoller poller = world.poller(world.inbox().maxMessageBytes(1024 * 1024).build());

    ImapInboxPoller.Report report = poller.pollOnce();

    assertThat(report.failed()).isEmpty();
    assertThat(report.recorded()).isEqualTo(2);
    assertThat(report.handedOver()).isEqualTo(4);
    assertThat(enrollment(sent.id(ADA)).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(enrollment(sent.id(ALAN)).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(world.nudge.inbound(10))
        .filteredOn(e -> e.kind() == InboundEntry.Kind.UNREADABLE)
        .extracting(InboundEntry::detail)
        .anySatisfy(d -> assertThat(d).startsWith("larger than 1048576 bytes"));
    assertThat(world.checkpoint()).matches("\\d+:4");
  }

  @Test
  void aReceiptTheStoreCouldNotKeep_leavesTheCheckpoint_andIsHandedOverAgainLater() {
    ImapWorld.Sent sent = world.sentStepOne(ADA, ALAN);
    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));
    world.deliver(Mails.replyOnANewThread(sent.address(ALAN)));
    store.beforeCommit(
        changes -> !changes.inbound().isEmpty(),
        changes -> {
          throw new StoreException("the database is unreachable", null);
        });
    ImapInboxPoller poller = world.poller();

    // when: the store fails on the first receipt
    ImapInboxPoller.Report failed = poller.pollOnce();

    // then: nothing escapes, nothing is recorded, and the checkpoint stays before the message
    assertThat(failed.failed()).containsExactly(EmailAddress.of(ImapWorld.ALICE));
    assertThat(failed.handedOver()).isZero();
    assertThat(world.checkpoint()).matches("\\d+:0");
    assertThat(enrollment(sent.id(ADA)).status()).isEqualTo(EnrollmentStatus.STARTED);

    // when: the store is back
    ImapInboxPoller.Report retried = poller.pollOnce();

    // then: both are handed over, once
    assertThat(retried.failed()).isEmpty();
    assertThat(retried.recorded()).isEqualTo(2);
    assertThat(enrollment(sent.id(ADA)).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(world.nudge.activity(sent.id(ADA)))
        .filteredOn(e -> e.type() == EnrollmentEvent.Type.REPLIED)
        .hasSize(1);
    assertThat(world.checkpoint()).matches("\\d+:2");
  }

  @Test
  void aMailTheEngineFailsOn_isTriedThreeTimes_thenLoggedUnread_andTheMailAfterItArrives() {
    ImapWorld.Sent sent = world.sentStepOne(ADA, ALAN);
    world.deliver(Mails.replyInThread(sent.address(ADA), sent.messageId(ADA)));
    world.deliver(Mails.replyOnANewThread(sent.address(ALAN)));
    // a fault the first mail brings out in the engine, not in its store, every time
    failAlways(sent.id(ADA));
    ImapInboxPoller poller = world.poller();

    // then: two rounds end before it, and the checkpoint stays
    assertThat(poller.pollOnce().handedOver()).isZero();
    assertThat(poller.pollOnce().handedOver()).isZero();
    assertThat(world.checkpoint()).matches("\\d+:0");

    // the third logs it unread and goes on
    ImapInboxPoller.Report third = poller.pollOnce();

    assertThat(third.failed()).isEmpty();
    assertThat(third.handedOver()).isEqualTo(2);
    assertThat(enrollment(sent.id(ALAN)).reason()).isEqualTo(CompletionReason.REPLIED);
    assertThat(world.nudge.inbound(10))
        .filteredOn(e -> e.kind() == InboundEntry.Kind.UNREADABLE)
        .extracting(InboundEntry::detail)
        .containsExactly("the engine failed on it: java.lang.IllegalArgumentException");
    assertThat(world.checkpoint()).matches("\\d+:2");
  }

  /** Fails every commit that would record a reply on {@code id}, with a fault of no store. */
  private void failAlways(EnrollmentId id) {
    store.beforeCommit(
        changes ->
            changes.inbound().stream()
                .anyMatch(
                    e ->
                        e.kind() == InboundEntry.Kind.REPLY
                            && e.step() != null
                            && e.step().enrollmentId().equals(id)),
        changes -> {
          failAlways(id);
          throw new IllegalArgumentException("a fault this mail brings out");
        });
  }
}
