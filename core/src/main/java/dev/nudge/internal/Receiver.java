package dev.nudge.internal;

import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.IllegalTransitionException;
import dev.nudge.InboundEntry;
import dev.nudge.InboundEvent;
import dev.nudge.InboundMatch;
import dev.nudge.InvalidInputException;
import dev.nudge.MatchMethod;
import dev.nudge.NotFoundException;
import dev.nudge.SendAttempt;
import dev.nudge.StepRef;
import dev.nudge.spi.inbound.Classification;
import dev.nudge.spi.inbound.InboundMessage;
import dev.nudge.spi.inbound.InboundReader;
import dev.nudge.spi.inbound.ReadMail;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.ConflictException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Takes a received mail from reading to its effect [S20]: reads it with the host's {@link
 * InboundReader}, finds the step it answers, records what it was, and logs it under its key
 * (Message-ID, else a hash of the mail) in the same commit as its effect. A key logged before means
 * the mail was handed over before: nothing more happens. Mail that matches no step, or has nothing
 * to record, is logged alone, so nothing received is dropped without a trace.
 */
final class Receiver {
  private static final Logger log = Logs.INBOUND;

  private final Engine engine;
  private final EnrollmentCommands enrollments;
  private final Matcher matcher;
  private final @Nullable InboundReader reader;

  Receiver(
      Engine engine,
      EnrollmentCommands enrollments,
      Matcher matcher,
      @Nullable InboundReader reader) {
    this.engine = engine;
    this.enrollments = enrollments;
    this.matcher = matcher;
    this.reader = reader;
  }

  InboundEntry receive(byte[] raw) {
    if (raw == null) {
      throw new InvalidInputException("raw", "must not be null");
    }
    InboundReader r = reader;
    if (r == null) {
      throw new IllegalStateException(
          "no inbound reader: give one with Nudge.builder().inboundReader(...), e.g. the mail"
              + " adapter's MailReader, or hand over read mail with receive(ReadMail)");
    }
    Instant now = engine.now();
    ReadMail mail;
    try {
      mail = r.read(raw, now);
    } catch (RuntimeException e) {
      // a reader must not throw for what a mail holds; if one does, the mail is still logged
      log.warn("the inbound reader failed on a mail of {} bytes", raw.length, e);
      mail =
          new ReadMail(
              InboundMessage.builder(now).build(),
              new Classification.Unreadable("the reader failed: " + e.getClass().getName()));
    }
    return receive(mail, keyOf(mail.message(), raw));
  }

  InboundEntry receive(ReadMail mail) {
    if (mail == null) {
      throw new InvalidInputException("mail", "must not be null");
    }
    return receive(mail, keyOf(mail.message(), null));
  }

  private InboundEntry receive(ReadMail mail, String key) {
    Optional<InboundEntry> before = engine.store.inbound().find(key);
    if (before.isPresent()) {
      log.debug("received mail {} was handed over before", key);
      return before.get().withOutcome(InboundEntry.Outcome.DUPLICATE);
    }
    InboundMessage m = mail.message();
    Classification c = mail.classification();
    InboundEntry.Kind kind = kindOf(c);
    @Nullable String own = null; // why it is the engine's own mail, answering no step
    if (!isAboutDelivery(c)) {
      OwnMail.Verdict v = OwnMail.judge(m, matcher.isCopyOfSent(m), this::isSenderMailbox);
      m = v.message();
      own = v.own();
    }
    Optional<InboundMatch> match =
        own != null
                || c instanceof Classification.Unreadable
                || c instanceof Classification.Unrelated
            ? Optional.empty()
            : matchOf(m, c);
    StepRef step = match.map(InboundMatch::step).orElse(null);
    InboundEntry entry =
        new InboundEntry(
            key,
            m.receivedAt(),
            own != null ? InboundEntry.Kind.UNRELATED : kind,
            InboundEntry.Outcome.NOTED,
            step,
            match.map(InboundMatch::method).orElse(null),
            m.from(),
            own != null ? own : detailOf(c));
    try {
      InboundEntry done;
      if (own != null) {
        logAlone(entry);
        done = entry;
      } else {
        done = apply(entry, m, c, match.orElse(null));
      }
      log.debug(
          "received mail {}: {} {}{}",
          key,
          done.kind(),
          done.outcome(),
          step == null ? "" : " on " + step);
      return done;
    } catch (ConflictException e) {
      if (e.kind() != ConflictException.Kind.DUPLICATE) {
        throw e;
      }
      // handed over at the same time by another poller or engine, which recorded it first
      return engine
          .store
          .inbound()
          .find(key)
          .orElse(entry)
          .withOutcome(InboundEntry.Outcome.DUPLICATE);
    }
  }

  /**
   * Whether the mail reports on delivery (a bounce, a delivery report, a complaint): it comes from
   * a server or a mailbox provider about mail sent, whatever its From says.
   */
  private static boolean isAboutDelivery(Classification c) {
    return c instanceof Classification.Bounce
        || c instanceof Classification.DeliveryReport
        || c instanceof Classification.Complaint;
  }

  private boolean isSenderMailbox(EmailAddress address) {
    return engine.store.mailboxes().find(address).isPresent();
  }

  /** Records the mail's effect with its receipt, or the receipt alone; returns the receipt. */
  private InboundEntry apply(
      InboundEntry entry, InboundMessage m, Classification c, @Nullable InboundMatch match) {
    InboundEvent event = match == null ? null : eventOf(m, c, match);
    if (event != null && match != null) {
      InboundEntry recorded = entry.withOutcome(InboundEntry.Outcome.RECORDED);
      try {
        enrollments.record(match.step(), event, recorded);
        return recorded;
      } catch (NotFoundException | IllegalTransitionException | InvalidInputException e) {
        // the enrollment went away or cannot take it any more: the mail is still logged, and a
        // request to stop is still honoured below
        if (optOutAddress(m, c) == null) {
          InboundEntry noted =
              new InboundEntry(
                  entry.key(),
                  entry.receivedAt(),
                  entry.kind(),
                  InboundEntry.Outcome.NOTED,
                  entry.step(),
                  entry.matchedBy(),
                  entry.from(),
                  "not recorded: " + e.getMessage());
          logAlone(noted);
          return noted;
        }
      }
    }
    EmailAddress optOut = optOutAddress(m, c);
    if (optOut != null) {
      // a request to stop is honoured even when no sent step matches: the address is suppressed
      InboundEntry recorded = entry.withOutcome(InboundEntry.Outcome.RECORDED);
      enrollments.unsubscribe(optOut, false, reasonOf(c), null, recorded);
      return recorded;
    }
    InboundEntry alone =
        entry.withOutcome(
            answersAStep(c) ? InboundEntry.Outcome.UNMATCHED : InboundEntry.Outcome.NOTED);
    logAlone(alone);
    return alone;
  }

  private void logAlone(InboundEntry entry) {
    engine.commitRetrying(
        () -> new Plan<>(Changes.builder().build(), List.of(), List.of(), Boolean.TRUE), entry);
  }

  private static boolean answersAStep(Classification c) {
    return c instanceof Classification.HumanReply
        || c instanceof Classification.AutoReply
        || c instanceof Classification.Bounce
        || c instanceof Classification.Complaint
        || c instanceof Classification.UnsubscribeRequest;
  }

  private @Nullable InboundEvent eventOf(InboundMessage m, Classification c, InboundMatch match) {
    if (c instanceof Classification.HumanReply) {
      return new InboundEvent.Reply(m.replyText(), match.method());
    }
    if (c instanceof Classification.AutoReply a) {
      return new InboundEvent.AutoReply(a.returnDate(), m.replyText());
    }
    if (c instanceof Classification.Bounce b) {
      Classification.BouncedRecipient r = bouncedRecipient(b, match.step());
      return new InboundEvent.Bounce(
          r.recipient(), r.type(), r.status(), r.reason(), r.diagnostic());
    }
    if (c instanceof Classification.Complaint complaint) {
      return new InboundEvent.Complaint(complaint.feedbackType());
    }
    if (c instanceof Classification.UnsubscribeRequest) {
      return new InboundEvent.Unsubscribe(false);
    }
    return null;
  }

  /** The failed recipient the step was written to; else the first one. */
  private Classification.BouncedRecipient bouncedRecipient(Classification.Bounce b, StepRef step) {
    Optional<Enrollment> e = engine.store.enrollments().find(step.enrollmentId());
    if (e.isPresent() && step.step() <= e.get().steps().size()) {
      Optional<SendAttempt> last = e.get().step(step.step()).lastAttempt();
      if (last.isPresent()) {
        for (Classification.BouncedRecipient r : b.recipients()) {
          if (r.recipient().sameMailbox(last.get().to())) {
            return r;
          }
        }
      }
    }
    return b.recipients().get(0);
  }

  private Optional<InboundMatch> matchOf(InboundMessage m, Classification c) {
    Optional<InboundMatch> byToken = byUnsubscribeToken(m, c);
    if (byToken.isPresent()) {
      return byToken;
    }
    // a request to stop from an address nothing was sent to answers no step: the address that
    // asked is the one suppressed
    return matcher.match(
        m, c instanceof Classification.HumanReply || c instanceof Classification.AutoReply);
  }

  /**
   * The step an unsubscribe request names through the signed token the {@code List-Unsubscribe}
   * mailto link writes as the last word of its subject. It holds whoever sends the request (a
   * mailbox that forwards to another account): the address the step was sent to is the one
   * unsubscribed.
   */
  private Optional<InboundMatch> byUnsubscribeToken(InboundMessage m, Classification c) {
    String subject = m.subject();
    if (!(c instanceof Classification.UnsubscribeRequest) || subject == null) {
      return Optional.empty();
    }
    // a client that did not decode the link's %20 keeps it in the subject
    String words = subject.replace("%20", " ").strip();
    String token = words.substring(words.lastIndexOf(' ') + 1);
    return engine
        .tokens
        .verify(Tokens.Purpose.UNSUBSCRIBE, token)
        .filter(ref -> engine.store.enrollments().find(ref.enrollmentId()).isPresent())
        .map(ref -> new InboundMatch(ref, MatchMethod.BY_UNSUBSCRIBE_TOKEN));
  }

  private static @Nullable EmailAddress optOutAddress(InboundMessage m, Classification c) {
    if (c instanceof Classification.Complaint complaint) {
      return complaint.recipient();
    }
    if (c instanceof Classification.UnsubscribeRequest) {
      return m.from();
    }
    return null;
  }

  static String reasonOf(Classification c) {
    if (c instanceof Classification.Complaint complaint) {
      // the feedback type quotes the mail: control characters become spaces (PostgreSQL keeps no
      // NUL in text)
      return "complaint"
          + (complaint.feedbackType() == null
              ? ""
              : " (" + complaint.feedbackType().replaceAll("\\p{Cntrl}", " ") + ")");
    }
    return "unsubscribed by mail";
  }

  static InboundEntry.Kind kindOf(Classification c) {
    if (c instanceof Classification.HumanReply) {
      return InboundEntry.Kind.REPLY;
    }
    if (c instanceof Classification.AutoReply) {
      return InboundEntry.Kind.AUTO_REPLY;
    }
    if (c instanceof Classification.Bounce) {
      return InboundEntry.Kind.BOUNCE;
    }
    if (c instanceof Classification.DeliveryReport) {
      return InboundEntry.Kind.DELIVERY_REPORT;
    }
    if (c instanceof Classification.Complaint) {
      return InboundEntry.Kind.COMPLAINT;
    }
    if (c instanceof Classification.UnsubscribeRequest) {
      return InboundEntry.Kind.UNSUBSCRIBE;
    }
    if (c instanceof Classification.Unrelated) {
      return InboundEntry.Kind.UNRELATED;
    }
    return InboundEntry.Kind.UNREADABLE;
  }

  /** A short description without any text of the mail: no body, no subject. */
  static String detailOf(Classification c) {
    if (c instanceof Classification.AutoReply a) {
      return a.returnDate() == null ? "" : "back on " + a.returnDate();
    }
    if (c instanceof Classification.Bounce b) {
      StringBuilder s = new StringBuilder();
      for (Classification.BouncedRecipient r : b.recipients()) {
        if (s.length() > 0) {
          s.append("; ");
        }
        s.append(r.type().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
        if (r.status() != null) {
          s.append(r.status()).append(' ');
        } else if (r.replyCode() > 0) {
          s.append(r.replyCode()).append(' ');
        }
        s.append(r.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      }
      return s.toString();
    }
    if (c instanceof Classification.DeliveryReport d) {
      return d.action();
    }
    if (c instanceof Classification.Complaint complaint) {
      return complaint.feedbackType() == null ? "" : complaint.feedbackType();
    }
    if (c instanceof Classification.Unrelated u) {
      return u.why();
    }
    if (c instanceof Classification.Unreadable u) {
      return u.problem();
    }
    return "";
  }

  /**
   * The mail's key: its Message-ID; a hash of it when it is too long; a hash of the raw bytes (or,
   * without them, of the parsed parts) when it has none.
   */
  static String keyOf(InboundMessage m, byte @Nullable [] raw) {
    String id = m.messageId() == null ? null : Matcher.normalize(m.messageId());
    if (id != null) {
      // a key a database could refuse (a control character, say) is hashed like a long one
      return id.length() <= InboundEntry.MAX_KEY
              && id.chars().allMatch(ch -> ch > 0x20 && ch != 0x7f)
          ? id
          : "sha256:" + sha256(id.getBytes(StandardCharsets.UTF_8));
    }
    if (raw != null) {
      return "sha256:" + sha256(raw);
    }
    String parts =
        m.from()
            + "\n"
            + m.date()
            + "\n"
            + m.subject()
            + "\n"
            + m.inReplyTo()
            + "\n"
            + m.returnedMessageIds()
            + "\n"
            + m.text();
    return "sha256:" + sha256(parts.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
